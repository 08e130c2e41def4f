"""/reindex: admins rebuild the index from chat."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.render_text import format_summary
from bot.replies import defer, edit_original, report_failure
from bot.tree import FULL_REBUILD, admin_only
from index.build.build import build_index
from index.build.buildprogress import STAGES
from index.errors import TumenError

if TYPE_CHECKING:
    from bot.app import TumenBot

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 3.0


def progress_text(done: int, total: int, doing: str, elapsed_s: float) -> str:
    """The deferred reply while a build runs: how far it is (its steps count the merge and the
    events index after the articles, so 100 % is the end) and what it is doing."""
    if not total:
        return f"Indexing… reading the corpus, {elapsed_s:.0f} s"
    what = doing if doing in STAGES else "processing articles"
    return f"Indexing… {100 * done // total} % ({what}), {elapsed_s:.0f} s"


class AdminCog(commands.Cog):
    """Commands for the people who maintain the corpus."""

    def __init__(self, bot: TumenBot) -> None:
        self.bot = bot

    @app_commands.command(name="reindex", extras={"admin": True})
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @admin_only
    @app_commands.describe(full="Rebuild everything, not only what changed")
    async def reindex(self, interaction: discord.Interaction, full: bool = False) -> None:
        """Rebuild the index from the corpus (admins only)."""
        await defer(interaction)
        settings = self.bot.settings
        # The latest (done, total, doing), replaced whole by the build's thread.
        latest: list[tuple[int, int, str]] = [(0, 0, "")]
        started = time.monotonic()

        def progress(done: int, total: int, doing: str) -> None:
            latest[0] = (done, total, doing)

        build = asyncio.ensure_future(asyncio.to_thread(
            build_index, settings.corpus_dir, settings.index_dir, full=full,
            max_bytes=settings.max_article_bytes, progress=self.bot.lifecycle.stoppable(progress),
            who=f"/reindex by Discord user {interaction.user.id}"))
        while True:
            done, _ = await asyncio.wait({build}, timeout=PROGRESS_EVERY_S)
            if done:
                break
            await edit_original(interaction,
                                progress_text(*latest[0], time.monotonic() - started))
        try:
            summary = build.result()
        except TumenError as exc:
            await report_failure(interaction, f"Reindex failed: {exc}")
            return
        log.info("reindex by %s: %s", interaction.user.id, summary.generation)
        await edit_original(interaction,
                            "Reindex finished.\n" + format_summary(summary, FULL_REBUILD))



async def setup(bot: TumenBot) -> None:
    await bot.add_cog(AdminCog(bot))
