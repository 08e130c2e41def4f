"""The Discord bot: client setup, cogs, command sync, and running answers off the event loop."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import discord
import yarl
from discord.ext import commands

from bot import budget
from bot.failures import SafeErrors, describe
from bot.feedback_view import Report
from bot.logfilter import RedactTokens
from bot.paging import AnswerView
from bot.render_discord import page_items, render
from bot.replies import NO_MENTIONS, defer, send
from bot.settings import Settings
from bot.shutdown import Lifecycle, serve
from bot.tree import TumenTree, serves
from index.answers import feedback
from index.answers.services import Library
from index.errors import IndexDamaged
from index.models import Answer

log = logging.getLogger(__name__)

T = TypeVar("T")
COGS = ("bot.cogs.events", "bot.cogs.search", "bot.cogs.info", "bot.cogs.admin",
        "bot.cogs.corpus")
# Past this, an answer still running in its thread gets a deferred ("thinking…") response, so the
# first response always goes out inside Discord's 3-second window.
DEFER_AFTER_S = 1.5
SYNC_STATE = "command-sync.json"
IMAGE_NAME = "timeline.png"


class TumenBot(commands.Bot):
    """The bot: holds the settings and the library; commands live in cogs."""

    def __init__(self, settings: Settings, **options: Any) -> None:
        # A text-only bot: no warnings at every start about voice libraries it never needs.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True  # not privileged; lets the bot see the guilds it serves
        super().__init__(
            command_prefix=commands.when_mentioned, intents=intents, tree_cls=TumenTree,
            help_command=None, allowed_mentions=NO_MENTIONS, chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(), max_messages=None, **options)
        self.settings = settings
        self.library = Library(settings.index_dir)
        self.lifecycle = Lifecycle()
        self.synced: str | None = None  # "skipped" or "synced" after setup, for tests and logs

    async def setup_hook(self) -> None:
        if not self.library.store.exists():
            from index.build.build import build_index, make_index_dir  # only on a first start

            make_index_dir(self.settings.index_dir)  # an unusable path: its error, no "building"
            log.info("no index yet: building it from %s", self.settings.corpus_dir)
            await asyncio.to_thread(build_index, self.settings.corpus_dir, self.settings.index_dir,
                                    max_bytes=self.settings.max_article_bytes)
        # The most frequent words' postings, decoded before the first question needs them.
        try:
            warm_s = await asyncio.to_thread(self.library.warm)
            log.info("index warmed in %.2f s", warm_s)
        except IndexDamaged as exc:
            # Serve anyway: queries say what is wrong, and an admin can /reindex from chat.
            log.warning("%s Starting anyway; queries will say so until it is rebuilt.", exc)
        for name in COGS:
            await self.load_extension(name)
        await self.sync_commands()

    async def on_ready(self) -> None:
        for guild in list(self.guilds):
            await self._leave_if_foreign(guild)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._leave_if_foreign(guild)

    async def _leave_if_foreign(self, guild: discord.Guild) -> None:
        """Leave a server outside `TUMEN_GUILD_IDS`: someone invited the bot where it was not
        meant to serve (a public bot's invite link works for anyone)."""
        if serves(self.settings, guild.id):
            return
        log.warning("leaving server %s: it is not in TUMEN_GUILD_IDS", guild.id)
        try:
            await guild.leave()
        except discord.HTTPException as exc:
            log.warning("could not leave server %s: %s", guild.id, describe(exc))

    async def close(self) -> None:
        await super().close()
        self.library.close()

    # -- command sync ----------------------------------------------------------------------
    def _command_payload(self) -> list[dict[str, Any]]:
        return sorted((c.to_dict(self.tree) for c in self.tree.get_commands()),
                      key=lambda d: d["name"])

    def command_hash(self) -> str:
        """A hash of the command set and where it is synced to."""
        blob = json.dumps({"commands": self._command_payload(),
                           "guilds": sorted(self.settings.guild_ids)}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    async def sync_commands(self) -> None:
        """Sync to the configured guilds (else globally), only when the command set changed."""
        state_path = Path(self.settings.index_dir) / SYNC_STATE
        digest = self.command_hash()
        app_id = self.application_id
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        if state.get("hash") == digest and state.get("application_id") == app_id:
            log.info("application commands unchanged; not syncing")
            self.synced = "skipped"
            return
        skipped: dict[int, discord.Forbidden] = {}
        if self.settings.guild_ids:
            for gid in self.settings.guild_ids:
                guild = discord.Object(id=gid)
                self.tree.copy_global_to(guild=guild)
                try:
                    await self.tree.sync(guild=guild)
                except discord.Forbidden as exc:
                    skipped[gid] = exc
            if len(skipped) == len(self.settings.guild_ids):
                raise next(iter(skipped.values()))  # no server at all: the one fatal line
            for gid, exc in skipped.items():
                # A mistyped id, or a server the bot is not in: serve the others.
                log.warning("skipping server %s of TUMEN_GUILD_IDS: %s", gid, describe(exc))
            # The commands live in those guilds only: no global copy as well.
            self.tree.clear_commands(guild=None)
            await self.tree.sync()
        else:
            await self.tree.sync()
        if skipped:
            # Not recorded as synced: the next start tries those servers again.
            self.synced = "partly"
            return
        state_path.parent.mkdir(parents=True, exist_ok=True)
        state_path.write_text(json.dumps({"hash": digest, "application_id": app_id}),
                              encoding="utf-8")
        self.synced = "synced"
        log.info("application commands synced (%s)",
                 f"guilds {self.settings.guild_ids}" if self.settings.guild_ids else "global")

    # -- answering -------------------------------------------------------------------------
    async def run_blocking(self, interaction: discord.Interaction, func: Callable[..., T],
                           *args: Any, ephemeral: bool = False, **kwargs: Any) -> T:
        """Run ``func`` in a worker thread; defer the interaction if it takes more than a moment."""
        task = asyncio.ensure_future(asyncio.to_thread(func, *args, **kwargs))
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER_S)
        if not done and not interaction.response.is_done():
            await defer(interaction, ephemeral=ephemeral)
        return await task

    async def reply_answer(self, interaction: discord.Interaction, answer: Answer, *,
                           ephemeral: bool = False, image: bytes | None = None,
                           content: str | None = None) -> None:
        """Render an Answer and send it with its buttons (pages, Copy citation) and, if given,
        a PNG picture shown in every page's embed (a page without it would leave the picture
        as a loose file under the message)."""
        pages = render(answer)
        cited = [[c for item in chunk for c in item.citations[:1]]
                 for chunk in page_items(answer)]
        view = AnswerView(pages, owner_id=interaction.user.id, page_citations=cited,
                          report=self._reporter(answer))
        extra: dict[str, Any] = {}
        if image is not None:
            for page in pages:
                page.set_image(url=f"attachment://{IMAGE_NAME}")
            extra["file"] = discord.File(io.BytesIO(image), IMAGE_NAME)
        if view.children:
            extra["view"] = view
        await send(interaction, content, embed=pages[0], ephemeral=ephemeral, **extra)
        if view.children:
            try:
                view.message = await interaction.original_response()
            except discord.HTTPException:
                log.debug("could not fetch the answer message for its buttons", exc_info=True)

    def _reporter(self, answer: Answer) -> Report:
        """Records a "Wrong citation?" report on this answer in the feedback log."""
        command = budget.trim(answer.heading, 300)
        path = Path(self.settings.feedback_file)

        async def report(passage_id: str, user_id: int) -> None:
            entry = await asyncio.to_thread(feedback.record, path, passage_id, command, user_id)
            log.info("feedback: %s marked %s wrong (%s)", user_id, passage_id, entry.command)

        return report


def _point_at_proxies(settings: Settings) -> None:
    """Send REST and gateway traffic to the configured proxies (also how tests use a fake)."""
    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def log_filters() -> list[logging.Filter]:
    """What every log handler of the bot applies: no response bodies, no interaction tokens."""
    return [SafeErrors(), RedactTokens()]


def configure_logging(level: str) -> None:
    """Configure logging once: our level for Tumen, WARNING for discord.py's HTTP chatter, and
    neither response bodies nor interaction tokens (`log_filters`)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        force=True)
    for handler in logging.getLogger().handlers:
        for log_filter in log_filters():
            handler.addFilter(log_filter)
    logging.getLogger("discord.http").setLevel(logging.WARNING)


def run_bot(settings: Settings) -> int:
    """Start the bot and block until it stops; any failure is one log line and exit code 1."""
    assert settings.discord_token is not None
    configure_logging(settings.log_level)
    _point_at_proxies(settings)
    try:
        bot = TumenBot(settings)
        asyncio.run(serve(bot, settings.discord_token.get_secret_value()))
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers were installed
        return 0
    except Exception as exc:
        log.error("%s", describe(exc))
        log.debug("the failure in full", exc_info=True)  # bodies filtered by SafeErrors
        return 1
    return 0
