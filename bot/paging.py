"""The buttons under an answer: Previous/Next for long answers, Copy citation, and
Wrong citation?"""

from __future__ import annotations

import datetime as dt
import logging

import discord

from bot import budget
from bot.feedback_view import Report, wrong_citation
from bot.replies import NO_MENTIONS
from index.answers.citations import format_citation
from index.models import Citation

log = logging.getLogger(__name__)

PAGE_TIMEOUT_S = 300.0


def citation_block(citations: list[Citation]) -> str:
    """Plain-style citations in a code block, ready to copy (Discord keeps it unformatted)."""
    today = dt.datetime.now(dt.UTC).date()
    body = "\n\n".join(format_citation(c, "plain", accessed=today) for c in citations)
    body = body.replace("```", "'''")  # a quote must not close the code block
    return "```text\n" + budget.trim(body, budget.CONTENT - 12) + "\n```"


class AnswerView(discord.ui.View):
    """Pages through an answer's embeds (only the asker can turn them) and lets anyone copy
    the citations of the page on screen."""

    def __init__(self, pages: list[discord.Embed], owner_id: int,
                 page_citations: list[list[Citation]], timeout: float | None = None,
                 report: Report | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT_S if timeout is None else timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.page_citations = page_citations
        self.report = report
        self.index = 0
        self.message: discord.Message | discord.InteractionMessage | None = None
        if len(pages) == 1:
            self.remove_item(self.previous)
            self.remove_item(self.next)
        if not any(page_citations):
            self.remove_item(self.copy)
        if not any(page_citations) or report is None:
            self.remove_item(self.wrong)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        custom_id = (interaction.data or {}).get("custom_id")
        # Anyone may copy a citation or say it is wrong; only the asker turns the pages.
        anyone = (self.copy.custom_id, self.wrong.custom_id)
        if custom_id in anyone or interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can turn these pages; run the command yourself to "
            "get your own copy.", ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self,
                                                allowed_mentions=NO_MENTIONS)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction,
                       button: discord.ui.Button[AnswerView]) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction,
                   button: discord.ui.Button[AnswerView]) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)

    @discord.ui.button(label="Copy citation", style=discord.ButtonStyle.primary)
    async def copy(self, interaction: discord.Interaction,
                   button: discord.ui.Button[AnswerView]) -> None:
        citations = self.page_citations[min(self.index, len(self.page_citations) - 1)]
        await interaction.response.send_message(citation_block(citations), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)

    @discord.ui.button(label="Wrong citation?", style=discord.ButtonStyle.secondary)
    async def wrong(self, interaction: discord.Interaction,
                    button: discord.ui.Button[AnswerView]) -> None:
        assert self.report is not None  # the button is removed without a reporter
        citations = self.page_citations[min(self.index, len(self.page_citations) - 1)]
        await wrong_citation(interaction, citations, self.report)

    async def on_timeout(self) -> None:
        """Expire cleanly: the buttons are removed so nobody clicks a dead control."""
        if self.message is None:
            return
        try:
            await self.message.edit(view=None)
        except discord.HTTPException:
            log.debug("could not remove expired answer buttons", exc_info=True)
