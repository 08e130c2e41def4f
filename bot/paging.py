"""Previous/Next buttons for answers longer than one page."""

from __future__ import annotations

import logging

import discord

from bot.tree import NO_MENTIONS

log = logging.getLogger(__name__)

PAGE_TIMEOUT_S = 300.0


class Pager(discord.ui.View):
    """Pages through embeds; only the person who asked can turn the pages."""

    def __init__(self, pages: list[discord.Embed], owner_id: int,
                 timeout: float | None = None) -> None:
        super().__init__(timeout=PAGE_TIMEOUT_S if timeout is None else timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | discord.InteractionMessage | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
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
                       button: discord.ui.Button[Pager]) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction,
                   button: discord.ui.Button[Pager]) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)

    async def on_timeout(self) -> None:
        """Expire cleanly: the buttons are removed so nobody clicks a dead control."""
        if self.message is None:
            return
        try:
            await self.message.edit(view=None)
        except discord.HTTPException:
            log.debug("could not remove expired page buttons", exc_info=True)
