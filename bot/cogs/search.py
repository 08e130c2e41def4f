"""/search, /cite and /sources: passages and their citations."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import budget
from index.answers.completion import rank_names
from index.errors import QueryError, TumenError

if TYPE_CHECKING:
    from bot.app import TumenBot


CITE_MENU = "Cite in Tumen"
QUERY_LIMIT = 500  # as /search's query option


def message_query(message: discord.Message) -> str:
    """A message's text as a /search query: its content (else its embeds' text), cut at a word
    boundary to the query limit."""
    text = message.content or " ".join(
        part for e in message.embeds for part in (e.title, e.description) if part)
    text = " ".join(text.split())
    if len(text) <= QUERY_LIMIT:
        return text
    cut = text[:QUERY_LIMIT + 1]
    return cut[:cut.rfind(" ")] if " " in cut else text[:QUERY_LIMIT]


class SearchCog(commands.Cog):
    """Full-text search over passages, citations, and the list of sources."""

    def __init__(self, bot: TumenBot) -> None:
        self.bot = bot
        # discord.py has no decorator for context menus inside a cog: made and added here.
        self.cite_menu = app_commands.ContextMenu(name=CITE_MENU, callback=self.cite_in_tumen)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.cite_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.cite_menu.name, type=self.cite_menu.type)

    async def cite_in_tumen(self, interaction: discord.Interaction,
                            message: discord.Message) -> None:
        """Search the corpus for what a message says; only the one who asked sees the answer."""
        query = message_query(message)
        if not query:
            raise QueryError("That message has no text to search for.")
        answer = await self.bot.run_blocking(interaction, self.bot.library.search, query,
                                             ephemeral=True)
        await self.bot.reply_answer(interaction, answer, ephemeral=True)

    @app_commands.command(name="search")
    @app_commands.describe(query="Words to look for; \"double quotes\" make a phrase",
                           source="Only articles from this outlet or with this title")
    async def search(self, interaction: discord.Interaction,
                     query: app_commands.Range[str, 1, 500], source: str | None = None) -> None:
        """Find passages and quote the sentences that match."""
        answer = await self.bot.run_blocking(interaction, self.bot.library.search, query,
                                             source=source)
        await self.bot.reply_answer(interaction, answer)

    @app_commands.command(name="cite")
    @app_commands.describe(id="A passage id such as 001_fb27f336a89ec95e:p12 (a unique prefix "
                              "of the article id is enough: 001:p12)",
                           style="Also write the citation out in this style, ready to paste")
    async def cite(self, interaction: discord.Interaction,
                   id: app_commands.Range[str, 1, 200],
                   style: Literal["markdown", "plain", "chicago", "apa", "bibtex"] | None = None,
                   ) -> None:
        """Show a whole passage with its full citation."""
        answer = await self.bot.run_blocking(interaction, self.bot.library.cite, id, style)
        content = None
        if answer.formatted is not None:
            # Other styles go in a code block, so that Discord does not reformat them.
            content = (answer.formatted if answer.style == "markdown" else
                       f"```{'bibtex' if answer.style == 'bibtex' else 'text'}\n"
                       f"{answer.formatted.replace('```', chr(39) * 3)}\n```")
        await self.bot.reply_answer(interaction, answer, content=content)

    @app_commands.command(name="sources")
    async def sources(self, interaction: discord.Interaction) -> None:
        """List the indexed articles with their dates and passage counts."""
        answer = await self.bot.run_blocking(interaction, self.bot.library.sources)
        await self.bot.reply_answer(interaction, answer)

    @cite.autocomplete("id")
    async def cite_autocomplete(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        # In a worker thread: reading the served generation's article table is index work,
        # and autocomplete runs at keystroke rate.
        try:
            pairs = await asyncio.to_thread(self.bot.library.cite_choices, current,
                                            budget.CHOICES)
        except TumenError:
            return []
        return [app_commands.Choice(name=budget.trim(label, budget.CHOICE_NAME), value=pid)
                for label, pid in pairs]

    @search.autocomplete("source")
    async def source_autocomplete(self, interaction: discord.Interaction,
                                  current: str) -> list[app_commands.Choice[str]]:
        try:
            names = await asyncio.to_thread(self.bot.library.source_names)
        except TumenError:
            return []
        hits = [n for n in rank_names(names, current, budget.CHOICES * 2) if len(n) <= 100]
        return [app_commands.Choice(name=budget.trim(n, budget.CHOICE_NAME), value=n)
                for n in hits[:budget.CHOICES]]


async def setup(bot: TumenBot) -> None:
    await bot.add_cog(SearchCog(bot))
