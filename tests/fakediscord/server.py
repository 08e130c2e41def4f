"""FakeDiscord: a loopback Discord (REST + gateway) for testing a real discord.py client."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable, Iterable
from types import EllipsisType
from typing import Any

from aiohttp import web

from . import events
from .drivers import UserActions
from .gateway import NOT_RESUMABLE, GatewaySession, SessionState, gateway_handler
from .limits import Problem
from .models import (
    MEMBER_PERMISSIONS,
    AttachmentRecord,
    GuildSpec,
    InteractionRecord,
    MessageRecord,
    UserSpec,
    Violation,
    next_id,
)
from .rest import RestApi, record_requests
from .wire import FAKE_KEY

# Discord's limits on answering an interaction: the first response within 3 s, then the
# interaction token (follow-ups, edits of the original) for 15 minutes.
CALLBACK_DEADLINE_S = 3.0
TOKEN_LIFETIME_S = 15 * 60.0


class FakeDiscord(UserActions):
    """Serve Discord's API on 127.0.0.1 and drive interactions against the connected bot.

    Use as `async with FakeDiscord(...) as fake:` or `await fake.start()` / `await fake.stop()`.
    Point discord.py at it with `Route.BASE = fake.api_base` and
    `DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)` (see fixtures.py).
    """

    def __init__(
        self,
        *,
        app_id: int | None = None,
        bot_user_id: int | None = None,
        bot_name: str = "tumen",
        guilds: Iterable[GuildSpec | int] = (),
        token: str | None = None,
        user: UserSpec | None = None,
        callback_deadline: float = CALLBACK_DEADLINE_S,
        token_lifetime: float = TOKEN_LIFETIME_S,
    ) -> None:
        """`token=None` accepts any token; `user` is the default actor of interactions.

        Like Discord, an interaction callback must arrive within `callback_deadline` seconds of
        INTERACTION_CREATE (else 404 10062 Unknown interaction), and the interaction's webhook
        (follow-ups, edits) works for `token_lifetime` seconds (else 401 50027). Both are plain
        attributes too, so a test can shrink them on a running fake.
        """
        self.app_id = app_id or next_id()
        self.bot_user = UserSpec(
            id=bot_user_id or self.app_id, username=bot_name, global_name=None, bot=True
        )
        self.owner = UserSpec(username="owner")
        specs = [g if isinstance(g, GuildSpec) else GuildSpec(id=g) for g in guilds] or [
            GuildSpec()
        ]
        self.guilds: dict[int, GuildSpec] = {g.id: g for g in specs}
        self.token = token
        self.user = user or UserSpec()
        self.callback_deadline = callback_deadline
        self.token_lifetime = token_lifetime
        # What the bot did, for assertions.
        self.synced_commands: dict[int | None, list[dict[str, Any]]] = {}  # scope -> as answered
        self.command_puts: list[tuple[int | None, list[dict[str, Any]]]] = []  # raw PUT bodies
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        self.messages: dict[int, MessageRecord] = {}
        # Files users "attached" to slash-command options (`upload`), served like uploads.
        self.uploads: dict[int, AttachmentRecord] = {}
        self.violations: list[Violation] = []
        # Accepted requests whose effect differs from what the bot asked for (see messages.py).
        self.warnings: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.unhandled: list[tuple[str, str]] = []  # requests to routes the fake lacks
        self.failures: dict[tuple[str, str], int] = {}  # (method, path end) -> status; rest.py
        self.server_errors: list[str] = []  # exceptions inside the fake (answered with 400)
        # (guild, command) -> role and user ids allowed it in Integrations settings (`grant`).
        self.command_grants: dict[tuple[int | None, str], set[int]] = {}
        self.left_guilds: list[int] = []  # guilds the bot left (DELETE /users/@me/guilds/{id})
        self.identifies: list[dict[str, Any]] = []  # IDENTIFY payloads (intents, properties)
        self.gateway_log: list[tuple[str, dict[str, Any]]] = []  # ("send"|"recv", frame)
        self.gateway_queries: list[dict[str, str]] = []
        self.sessions: list[GatewaySession] = []  # open connections
        self.ready_sessions: list[GatewaySession] = []  # connections identified or resumed
        self.gateway_states: dict[str, SessionState] = {}  # session id -> session (resumable?)
        self.resumes: list[dict[str, Any]] = []  # RESUME payloads, accepted or not
        self.resumed: list[str] = []  # ids of sessions resumed (answered with RESUMED)
        self.replayed: list[dict[str, Any]] = []  # frames re-sent on a RESUME
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        """Bind a free port on 127.0.0.1 and start serving."""
        app = web.Application(middlewares=[record_requests], client_max_size=64 * 1024 * 1024)
        app[FAKE_KEY] = self
        app.router.add_routes(RestApi(self).routes())
        app.router.add_get("/gateway", gateway_handler)
        app.router.add_get("/gateway/", gateway_handler)
        app.router.add_get("/", gateway_handler)  # for a bare ws://host:port/ gateway setting
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        """Close gateway sockets and the server. Close the client first, or it will reconnect."""
        for session in list(self.sessions):
            await session.ws.close(code=1001, message=b"fake discord stopping")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for discord.http.Route.BASE."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value (as yarl.URL) for discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- waiting ---------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until `predicate()` holds, re-checking after every recorded change."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def wait_ready(self, timeout: float = 5.0) -> None:
        """Wait until a client identified and was sent READY (and GUILD_CREATEs)."""
        try:
            await self.wait_until(lambda: bool(self.ready_sessions), timeout)
        except TimeoutError:
            raise TimeoutError(f"no client identified; requests so far: {self.requests}") from None

    async def wait_synced(
        self, guild_id: int | None = None, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        """Wait for a command sync to the guild (None: global) and return the commands."""
        await self.wait_until(lambda: guild_id in self.synced_commands, timeout)
        return self.synced_commands[guild_id]

    # -- gateway ---------------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH event to every identified client.

        A session whose connection dropped (resumably) keeps the event for replay on RESUME.
        """
        detached = [s for s in self.gateway_states.values() if s.detached]
        if not self.ready_sessions and not detached:
            raise RuntimeError("no identified gateway client; await fake.wait_ready() first")
        for state in detached:
            state.frame(event, data)
        for session in list(self.ready_sessions):
            try:
                await session.dispatch(event, data)
            except ConnectionResetError:
                # The socket closed under us; the frame is in the session's backlog already.
                session.detach()

    async def drop_connection(
        self, code: int | None = 4000, *, resumable: bool | None = None
    ) -> None:
        """Drop every client connection, as Discord does now and then.

        `code=None` cuts the TCP connection without a close frame. The sessions stay resumable
        unless `resumable=False` or the code is one after which Discord will not resume
        (4007, 4009); events dispatched meanwhile are replayed on RESUME.
        """
        if not self.sessions:
            raise RuntimeError("no gateway connection to drop")
        keep = code not in NOT_RESUMABLE if resumable is None else resumable
        for session in list(self.sessions):
            await session.drop(code, keep)
        self._notify()

    async def wait_resumed(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until `count` RESUMEs were answered with RESUMED and a client is ready again."""

        await self.wait_until(
            lambda: len(self.resumed) >= count and bool(self.ready_sessions), timeout
        )

    # -- interactions ----------------------------------------------------------------------

    def guild_of_channel(self, channel_id: int) -> int | None:
        """The guild owning a channel, if it is one of ours."""
        for guild in self.guilds.values():
            if any(c.id == channel_id for c in guild.channels):
                return guild.id
        return None

    def _actor(
        self,
        user: UserSpec | None,
        guild_id: int | EllipsisType | None,
        channel_id: int | None,
        member_roles: Iterable[int],
        permissions: int | None,
        app_permissions: int | None,
        locale: str,
    ) -> events.Actor:
        # `...` means "the first guild"; None means a DM.
        guild = next(iter(self.guilds.values())) if guild_id is ... else None
        if isinstance(guild_id, int):
            guild = self.guilds[guild_id]
        roles = list(member_roles)
        if permissions is None:
            permissions = MEMBER_PERMISSIONS
            if guild is not None:
                permissions = guild.everyone_permissions
                for role_id in roles:
                    permissions |= guild.role(role_id).permissions
        channel = guild.channel(channel_id).id if guild is not None else channel_id or next_id()
        return events.Actor(
            user=user or self.user,
            guild=guild,
            channel_id=channel,
            roles=roles,
            permissions=permissions,
            app_permissions=MEMBER_PERMISSIONS if app_permissions is None else app_permissions,
            locale=locale,
        )

    async def push_interaction(
        self,
        kind: int,
        data: dict[str, Any],
        actor: events.Actor,
        message: dict[str, Any] | None = None,
    ) -> InteractionRecord:
        """Send an INTERACTION_CREATE and return its (still empty) record."""
        interaction_id, token = next_id(), "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload = events.interaction(
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            data=data,
            app_id=self.app_id,
            actor=actor,
            message=message,
        )
        record = InteractionRecord(interaction_id, token, kind, payload)
        self.interactions[interaction_id] = record
        self.interactions_by_token[token] = record
        record.pushed_at = time.monotonic()  # the deadline runs from here, as on Discord
        await self.dispatch("INTERACTION_CREATE", payload)
        return record

    def record_violations(self, route: str, problems: list[Problem]) -> None:
        """Remember refused payloads (tests assert `fake.violations == []`)."""
        self.violations += [Violation(route, p.path, p.code, p.message) for p in problems]
        self._notify()

