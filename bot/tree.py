"""One error path for every slash command, and one way to reply whatever state we are in."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import discord
from discord import app_commands

from bot import budget
from bot.cooldown import UserCooldowns, retry_message
from index.errors import IndexDamaged, TumenError

log = logging.getLogger(__name__)
FULL_REBUILD = "`/reindex full:true`"  # how an admin asks for a full build, in chat

NO_MENTIONS = discord.AllowedMentions.none()


async def send(interaction: discord.Interaction, content: str | None = None, *,
               ephemeral: bool = False, **kwargs: Any) -> None:
    """Reply to an interaction whether it was answered already, deferred, or not yet.

    Every message goes out with no mentions allowed: a quoted ``@everyone`` pings nobody.
    """
    if content is not None:
        content = budget.trim(content, budget.CONTENT)
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if interaction.response.is_done():
        await interaction.followup.send(content=content, ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(content=content, ephemeral=ephemeral, **kwargs)


async def edit_original(interaction: discord.Interaction, text: str) -> None:
    """Replace a deferred reply's text (progress, then the outcome); a failure is logged, not
    raised, because the work it reports on has already happened."""
    try:
        await interaction.edit_original_response(content=budget.trim(text, budget.CONTENT),
                                                  allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.warning("could not update the /%s message", command, exc_info=True)


class TumenTree(app_commands.CommandTree):
    """The command tree: one per-user cooldown for every command, and one error path.

    Every refusal or failure becomes a one-sentence ephemeral reply.
    """

    _cooldowns: UserCooldowns | None = None

    @property
    def cooldowns(self) -> UserCooldowns:
        """Built on first use: the tree exists before the bot has its settings."""
        if self._cooldowns is None:
            settings = self.client.settings  # type: ignore[attr-defined]
            self._cooldowns = UserCooldowns(settings.cooldown_rate, settings.cooldown_per_s)
        return self._cooldowns

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        # Only commands count: autocomplete fires on every keystroke, and page buttons never
        # reach the tree. Raising (not returning False) routes the refusal through on_error.
        if interaction.type is discord.InteractionType.application_command:
            retry_after = self.cooldowns.hit(interaction.user.id)
            if retry_after is not None:
                cooldown = app_commands.Cooldown(self.cooldowns.rate, self.cooldowns.per)
                raise app_commands.CommandOnCooldown(cooldown, retry_after)
        return True

    async def on_error(self, interaction: discord.Interaction,
                       error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        if isinstance(error, app_commands.CommandOnCooldown):
            log.info("user %s is over the command rate; retry in %.1f s", interaction.user.id,
                     error.retry_after)
            message = retry_message(error.retry_after)
        elif isinstance(original, IndexDamaged):
            # Members cannot run the CLI's remedy; the chat's is the same full rebuild.
            message = (f"The index is damaged ({original.detail}): an admin can rebuild it "
                       f"with {FULL_REBUILD}.")
        elif isinstance(original, TumenError):
            message = str(original)
        elif isinstance(error, app_commands.CheckFailure):
            message = str(error) or "You are not allowed to use this command here."
        elif isinstance(error, app_commands.TransformerError):
            message = "That option value is not valid; please check the command's options."
        else:
            error_id = uuid.uuid4().hex[:8]
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("unexpected error %s in /%s", error_id, command, exc_info=original)
            message = (f"Sorry, something went wrong (error id {error_id}). "
                       "It has been logged; please try again later.")
        try:
            await send(interaction, message, ephemeral=True)
        except discord.HTTPException:
            # The interaction expired or was deleted: nothing left to tell the user.
            log.warning("could not deliver an error message for interaction %s", interaction.id)


class AdminCheckFailure(app_commands.CheckFailure):
    """Raised by the admin check; its message is shown to the user."""


def is_admin(user: discord.abc.User, admin_role_ids: list[int], admin_user_ids: list[int]) -> bool:
    """Configured admin users and roles; with none configured, members with Manage Server."""
    if user.id in admin_user_ids:
        return True
    roles = {r.id for r in getattr(user, "roles", [])}
    if roles & set(admin_role_ids):
        return True
    perms = getattr(user, "guild_permissions", None)
    return (not admin_role_ids and not admin_user_ids and perms is not None
            and bool(perms.manage_guild))


async def _admin_predicate(interaction: discord.Interaction) -> bool:
    if interaction.guild is None:
        raise AdminCheckFailure("This command works only in a server, not in direct messages.")
    settings = interaction.client.settings  # type: ignore[attr-defined]
    if is_admin(interaction.user, settings.admin_role_ids, settings.admin_user_ids):
        return True
    raise AdminCheckFailure("Only Tumen admins can do that; ask one of them "
                            "(or someone with Manage Server if no admins are configured).")


admin_only = app_commands.check(_admin_predicate)
"""Enforces admin rights at run time; `default_permissions` only hides the command."""
