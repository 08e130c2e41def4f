"""/corpus add and /corpus remove: admins change the article collection from chat.

Cheap refusals (bad id, bad date, wrong file type) are answered at once, privately; the slow part
(download, extraction, saving, rebuilding the index) runs after a deferral and ends by editing
the deferred message with what was saved or removed and the build summary.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.render_text import format_summary
from bot.replies import defer, edit_original, report_failure
from bot.tree import FULL_REBUILD, admin_only
from index.answers.present import normalize_date, shown
from index.build.build import BuildSummary, build_index
from index.corpus.ingest import (
    HTML_SUFFIXES,
    UPLOAD_SUFFIXES,
    Draft,
    IngestError,
    Overrides,
    Saved,
    check_doc_id,
    draft_from_page,
    draft_from_upload,
    remove_article,
    save_article,
)
from index.corpus.ingest.fetch import FetchLimits, fetch_url, human_size
from index.errors import TumenError

if TYPE_CHECKING:
    from bot.app import TumenBot

log = logging.getLogger(__name__)


def _describe(saved: Saved) -> str:
    meta = saved.article.meta
    where = f"{meta.publisher or 'publisher unknown'}, {meta.date or 'undated'}"
    verb = "Replaced" if saved.replaced else "Added"
    return (f"{verb} “{meta.title}” ({where}) as `{saved.doc_id}` "
            f"(corpus file {saved.path.name}).")


class CorpusCog(commands.Cog):
    """Adding and removing articles (admins only)."""

    # Discord takes where a command may run and who sees it from the top-level command only:
    # on the subcommands these decorators would be ignored, so they are the group's.
    corpus = app_commands.guild_only(app_commands.default_permissions(manage_guild=True)(
        app_commands.Group(name="corpus", description="Add or remove articles (admins only)",
                           extras={"admin": True})))

    def __init__(self, bot: TumenBot) -> None:
        self.bot = bot
        # One corpus change and rebuild at a time from chat, so two quick adds do not make the
        # second one's build fail on the build lock.
        self._serial = asyncio.Lock()

    @corpus.command(name="add", extras={"admin": True})
    @admin_only
    @app_commands.rename(doc_id="id")
    @app_commands.describe(
        file="The article as a .md, .txt or .html file (or give a url instead)",
        url="A web page to fetch the article from (or attach a file instead)",
        doc_id="Article id: lowercase letters, digits, - and _ (default: made from the title)",
        replace="Overwrite an existing article with the same id",
        title="Title to use instead of the one found in the file or page",
        publisher="Publisher to use instead of the one found",
        date="Date to use instead of the one found: YYYY-MM-DD, YYYY-MM or YYYY",
    )
    async def add(self, interaction: discord.Interaction,
                  file: discord.Attachment | None = None, url: str | None = None,
                  doc_id: str | None = None, replace: bool = False, title: str | None = None,
                  publisher: str | None = None, date: str | None = None) -> None:
        """Add an article from an attached file or a URL, then update the index."""
        settings = self.bot.settings
        # Refusals that need no work go out at once (as private messages, via the tree's
        # error handler) rather than after a "thinking…" message.
        try:
            chosen_id = _check_options(file, url, doc_id, date, settings.max_article_bytes,
                                       settings.fetch_max_bytes)
        except IngestError as exc:
            raise IngestError(_sentence(str(exc))) from None
        await defer(interaction)
        try:
            async with self._serial:
                draft = await (self._draft_from_file(file) if file is not None
                               else self._draft_from_url(url or ""))
                saved = await asyncio.to_thread(
                    save_article, settings.corpus_dir, draft, doc_id=chosen_id, replace=replace,
                    overrides=Overrides(title=title, publisher=publisher, date=date),
                    added_by=str(interaction.user.id), max_bytes=settings.max_article_bytes)
                log.info("/corpus add by %s: %s from %s", interaction.user.id, saved.doc_id,
                         draft.source)
                await edit_original(interaction, _describe(saved) + "\nIndexing…")
                outcome, summary = await self._rebuild(
                    f"/corpus add by Discord user {interaction.user.id}")
        except TumenError as exc:
            await report_failure(interaction, f"Could not add the article: {_period(str(exc))}")
            return
        skipped = [p for p in (summary.skipped if summary else []) if p.path == saved.path.name]
        if skipped:
            # Loadable but not indexable (e.g. nothing left once boilerplate is removed).
            tail = f"The index skipped it: {_period(skipped[0].message)}"
        elif summary is None:
            tail = ""
        else:
            tail = f"Cite it as `/cite {saved.doc_id}:p1`."
        # The summary last: it is the part that may be cut to fit Discord's 2,000 characters.
        text = "\n".join(x for x in (_describe(saved), tail, outcome) if x)
        await edit_original(interaction, text)

    @corpus.command(name="remove", extras={"admin": True})
    @admin_only
    @app_commands.rename(doc_id="id")
    @app_commands.describe(doc_id="The article id, or a unique prefix of it (see /sources)")
    async def remove(self, interaction: discord.Interaction, doc_id: str) -> None:
        """Remove an article from the corpus, then update the index."""
        await defer(interaction)
        try:
            async with self._serial:
                removed = await asyncio.to_thread(remove_article, self.bot.settings.corpus_dir,
                                                  doc_id)
                log.info("/corpus remove by %s: %s", interaction.user.id, removed.doc_id)
                done = f"Removed `{removed.doc_id}` ({', '.join(removed.files)})."
                await edit_original(interaction, done + "\nIndexing…")
                outcome, _ = await self._rebuild(
                    f"/corpus remove by Discord user {interaction.user.id}")
        except TumenError as exc:
            await report_failure(interaction,
                                 f"Could not remove the article: {_period(str(exc))}")
            return
        await edit_original(interaction, f"{done}\n{outcome}")

    # -- steps -----------------------------------------------------------------------------

    async def _draft_from_file(self, file: discord.Attachment) -> Draft:
        settings = self.bot.settings
        try:
            data = await file.read()
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            raise IngestError(f"could not download the attachment "
                              f"({getattr(exc, 'status', None) or type(exc).__name__})") from None
        # Extraction parses HTML with lxml: seconds for a big page, so off the event loop.
        return await asyncio.to_thread(
            draft_from_upload, file.filename, data, max_bytes=settings.max_article_bytes,
            max_html_bytes=settings.fetch_max_bytes)

    async def _draft_from_url(self, url: str) -> Draft:
        settings = self.bot.settings
        limits = FetchLimits(max_bytes=settings.fetch_max_bytes,
                             timeout_s=settings.fetch_timeout_s,
                             allow_private=settings.fetch_allow_private)
        page = await fetch_url(url, limits)
        return await asyncio.to_thread(draft_from_page, page)

    async def _rebuild(self, who: str) -> tuple[str, BuildSummary | None]:
        """Rebuild the index: the summary as text, and itself (None if the build failed; the
        corpus change stays made)."""
        settings = self.bot.settings
        try:
            summary: BuildSummary = await asyncio.to_thread(
                build_index, settings.corpus_dir, settings.index_dir,
                max_bytes=settings.max_article_bytes, who=who,
                progress=self.bot.lifecycle.stoppable())
        except TumenError as exc:
            return (f"The corpus changed, but the index was not rebuilt: {_period(str(exc))} "
                    "Run /reindex when that is fixed.", None)
        return format_summary(summary, FULL_REBUILD), summary



def _period(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "…", "?", "!")) else text + "."


def _sentence(text: str) -> str:
    """Ingest messages are clauses ("the page is …"); shown alone they read as sentences."""
    text = _period(text)
    return text[:1].upper() + text[1:]


def _check_options(file: discord.Attachment | None, url: str | None, doc_id: str | None,
                   date: str | None, max_text: int, max_html: int) -> str | None:
    """Everything about /corpus add that can be refused without work; returns the checked id."""
    if (file is None) == (url is None):
        raise IngestError("attach a .md, .txt or .html file or give a url, not both "
                          "and not neither")
    chosen = check_doc_id(doc_id) if doc_id else None
    if date:
        try:
            normalize_date(date)
        except ValueError as exc:
            raise IngestError(f"the {exc}") from None
    if file is not None:
        name = file.filename.lower()
        if not name.endswith(UPLOAD_SUFFIXES):
            raise IngestError(f"the file {shown(file.filename)} is not a .md, .txt or .html file")
        limit = max_html if name.endswith(HTML_SUFFIXES) else max_text
        if file.size > limit:
            # Checked before downloading: Discord tells the size up front.
            raise IngestError(f"the file {shown(file.filename)} is larger than "
                              f"{human_size(limit)}")
    return chosen


async def setup(bot: TumenBot) -> None:
    await bot.add_cog(CorpusCog(bot))
