"""One error path for every slash command, and one way to reply whatever state we are in."""

from __future__ import annotations

import asyncio
import logging
import uuid

import discord
from discord import app_commands

from bot.cooldown import UserCooldowns, retry_message
from bot.replies import send
from bot.settings import Settings
from bot.shutdown import RESTARTING
from index.errors import IndexDamaged, TumenError

log = logging.getLogger(__name__)
FULL_REBUILD = "`/reindex full:true`"  # how an admin asks for a full build, in chat

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
        # Raising (not returning False) routes a command's refusal through on_error; other
        # interactions reaching the tree (autocomplete) are just not answered.
        settings: Settings = self.client.settings  # type: ignore[attr-defined]
        if self.client.lifecycle.stopping:  # type: ignore[attr-defined]
            if interaction.type is discord.InteractionType.application_command:
                raise app_commands.CheckFailure(RESTARTING)
            return False
        if not serves(settings, interaction.guild_id):
            # A server outside TUMEN_GUILD_IDS (the bot leaves those as it sees them): ignored,
            # with one private sentence for a command so the user is not left waiting.
            if interaction.type is discord.InteractionType.application_command:
                raise app_commands.CheckFailure("Tumen does not serve this server.")
            return False
        # Only commands count: autocomplete fires on every keystroke, and page buttons never
        # reach the tree.
        if interaction.type is discord.InteractionType.application_command:
            retry_after = self.cooldowns.hit(interaction.user.id)
            if retry_after is not None:
                cooldown = app_commands.Cooldown(self.cooldowns.rate, self.cooldowns.per)
                raise app_commands.CommandOnCooldown(cooldown, retry_after)
        return True

    async def _call(self, interaction: discord.Interaction) -> None:
        # Every command the tree runs, remembered while it runs, so that a shutdown can wait
        # for it or answer it (discord.py runs each in a task of its own).
        life = self.client.lifecycle  # type: ignore[attr-defined]
        task = asyncio.current_task()
        if task is not None:
            life.in_flight[interaction.id] = (interaction, task)
        try:
            await super()._call(interaction)
        finally:
            life.in_flight.pop(interaction.id, None)

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


def serves(settings: Settings, guild_id: int | None) -> bool:
    """Whether the bot answers in this server: any, unless `TUMEN_GUILD_IDS` lists them."""
    return guild_id is None or not settings.guild_ids or guild_id in settings.guild_ids


class AdminCheckFailure(app_commands.CheckFailure):
    """Raised by the admin check; its message is shown to the user."""


def is_admin(user: discord.abc.User, guild_id: int | None, permissions: discord.Permissions,
             settings: Settings) -> bool:
    """Configured admin users and roles; with none configured, members with Manage Server of
    an allowed server (`TUMEN_GUILD_IDS`). With neither configured, nobody: otherwise whoever
    manages any server the bot was invited to could change the shared corpus."""
    if settings.admin_user_ids or settings.admin_role_ids:
        roles = {r.id for r in getattr(user, "roles", [])}
        return user.id in settings.admin_user_ids or bool(roles & set(settings.admin_role_ids))
    # The member's permissions as Discord sent them with the interaction: the bot caches no
    # members or roles, so `guild_permissions` would know only @everyone's.
    return guild_id is not None and guild_id in settings.guild_ids and permissions.manage_guild


def admins_configured(settings: Settings) -> bool:
    """Whether anyone at all may run admin commands."""
    return bool(settings.admin_user_ids or settings.admin_role_ids or settings.guild_ids)


NO_ADMINS = ("Admin commands are turned off: the deployer has configured neither "
             "TUMEN_ADMIN_USER_IDS / TUMEN_ADMIN_ROLE_IDS nor TUMEN_GUILD_IDS.")


async def _admin_predicate(interaction: discord.Interaction) -> bool:
    if interaction.guild is None:
        raise AdminCheckFailure("This command works only in a server, not in direct messages.")
    settings: Settings = interaction.client.settings  # type: ignore[attr-defined]
    if not admins_configured(settings):
        raise AdminCheckFailure(NO_ADMINS)
    if is_admin(interaction.user, interaction.guild.id, interaction.permissions, settings):
        return True
    raise AdminCheckFailure("Only Tumen admins can do that; ask one of them "
                            "(or someone with Manage Server if no admins are configured).")


admin_only = app_commands.check(_admin_predicate)
"""Enforces admin rights at run time; `default_permissions` only hides the command."""
