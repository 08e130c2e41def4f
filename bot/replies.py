"""One way to reply to an interaction whatever state it is in, and never publicly by mistake.

A "thinking…" deferral fixes the visibility of the message it becomes: the first follow-up after
a public deferral is public whatever it asks for. So the deferral is remembered
(`interaction.extras`), and a private reply to a public deferral not yet answered first deletes
the "thinking…" message; the follow-up is then a message of its own, private as asked.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot import budget

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
_PENDING = "tumen.deferred"  # extras key: "public" or "private" while "thinking…" shows


async def defer(interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
    """Show "thinking…"; the reply that follows may still be private (see `send`)."""
    await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    interaction.extras[_PENDING] = "private" if ephemeral else "public"


def is_thinking(interaction: discord.Interaction) -> bool:
    """Whether a deferral of ours still shows "thinking…"."""
    return _PENDING in interaction.extras


async def send(interaction: discord.Interaction, content: str | None = None, *,
               ephemeral: bool = False, **kwargs: Any) -> None:
    """Reply to an interaction whether it was answered already, deferred, or not yet.

    Every message goes out with no mentions allowed: a quoted ``@everyone`` pings nobody.
    """
    if content is not None:
        content = budget.trim(content, budget.CONTENT)
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if not interaction.response.is_done():
        await interaction.response.send_message(content=content, ephemeral=ephemeral, **kwargs)
        return
    pending = interaction.extras.pop(_PENDING, None)
    if ephemeral and pending == "public":
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            log.debug("could not delete the deferred message", exc_info=True)
    await interaction.followup.send(content=content, ephemeral=ephemeral, **kwargs)


async def edit_original(interaction: discord.Interaction, text: str) -> None:
    """Replace a deferred reply's text (progress, then the outcome); a failure is logged, not
    raised, because the work it reports on has already happened."""
    interaction.extras.pop(_PENDING, None)
    try:
        await interaction.edit_original_response(content=budget.trim(text, budget.CONTENT),
                                                  allowed_mentions=NO_MENTIONS)
    except discord.HTTPException:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.warning("could not update the /%s message", command, exc_info=True)


async def report_failure(interaction: discord.Interaction, text: str) -> None:
    """A failure after a deferral: privately while "thinking…" still shows, else in place of
    the progress the channel has seen."""
    if is_thinking(interaction):
        await send(interaction, text, ephemeral=True)
    else:
        await edit_original(interaction, text)
