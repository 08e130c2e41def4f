""""Wrong citation?": an analyst marks a citation on an answer's page as wrong, privately.

With one citation on the page it is recorded at once; with several, a private menu asks which.
Recording is the bot's (`Report`): this module only talks to Discord.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord

from bot import budget
from bot.render_discord import source_label
from bot.replies import NO_MENTIONS
from index.errors import TumenError
from index.models import Citation

log = logging.getLogger(__name__)

Report = Callable[[str, int], Awaitable[None]]  # (passage id, user id) -> recorded
MENU_TIMEOUT_S = 300.0


def thanks(passage_id: str) -> str:
    """The private reply once a report is recorded."""
    return (f"Thank you: `{passage_id}` is recorded as a wrong citation, for the people who "
            "keep the corpus to check.")


async def _record(interaction: discord.Interaction, report: Report, passage_id: str) -> str:
    try:
        await report(passage_id, interaction.user.id)
    except TumenError as exc:
        log.warning("could not record feedback on %s: %s", passage_id, exc)
        return "Sorry, that could not be recorded; please tell the maintainers directly."
    return thanks(passage_id)


async def wrong_citation(interaction: discord.Interaction, citations: list[Citation],
                         report: Report) -> None:
    """Answer a click on "Wrong citation?" for the citations shown on the page."""
    unique = list({c.passage_id: c for c in citations}.values())[:budget.CHOICES]
    if len(unique) == 1:
        text = await _record(interaction, report, unique[0].passage_id)
        await interaction.response.send_message(text, ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return
    await interaction.response.send_message(
        "Which citation on this page is wrong?", view=CitationMenu(unique, report),
        ephemeral=True, allowed_mentions=NO_MENTIONS)


class CitationMenu(discord.ui.View):
    """A private menu of the page's passage ids; choosing one records it."""

    def __init__(self, citations: list[Citation], report: Report) -> None:
        super().__init__(timeout=MENU_TIMEOUT_S)
        self.report = report
        self.menu: discord.ui.Select[CitationMenu] = discord.ui.Select(
            placeholder="The wrong citation", min_values=1, max_values=1,
            options=[discord.SelectOption(
                label=budget.trim(c.passage_id, budget.CHOICE_NAME), value=c.passage_id,
                description=budget.trim(source_label(c.source), budget.CHOICE_NAME))
                for c in citations])
        self.menu.callback = self._chosen  # type: ignore[method-assign]
        self.add_item(self.menu)

    async def _chosen(self, interaction: discord.Interaction) -> None:
        text = await _record(interaction, self.report, self.menu.values[0])
        await interaction.response.edit_message(content=text, view=None,
                                                allowed_mentions=NO_MENTIONS)
        self.stop()
