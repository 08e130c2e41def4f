"""The fake gateway websocket: HELLO, IDENTIFY/RESUME, heartbeats, READY, GUILD_CREATE, dispatch.

Sessions outlive connections, as on Discord: a session (id, sequence, sent events) survives a
dropped connection, events dispatched while it is detached are kept, and a RESUME on a new
connection replays everything after the client's sequence number, then sends RESUMED. A session
ends when the client closes with 1000/1001, or when the fake drops it non-resumably; RESUME of an
unknown session gets INVALID_SESSION (op 9, d=false) so the client identifies afresh.

discord.py asks for `?v=10&encoding=json&compress=zlib-stream` (or zstd-stream when a zstd
module is installed). zlib-stream is honoured: one zlib context per connection, every frame
ends with a Z_SYNC_FLUSH marker, sent as binary. For zstd we send plain text frames, which
the client also accepts (it only decompresses `bytes` frames).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads
from .wire import FAKE_KEY

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, REQUEST_MEMBERS = 0, 1, 2, 6, 8
INVALID_SESSION, HELLO, HEARTBEAT_ACK = 9, 10, 11
# Close codes after which Discord will not resume the session (invalid seq, session timed out).
NOT_RESUMABLE = frozenset({4007, 4009})
# A client closing with these ends its session; any other client close leaves it resumable.
CLIENT_ENDS_SESSION = frozenset({1000, 1001})
# Dispatched events a session keeps for replay (Discord keeps a bounded buffer too).
BACKLOG = 10_000
GUILDS_INTENT = 1 << 0
# Long enough that the client's keep-alive thread never fires during a test; it still sends
# one heartbeat right after HELLO, which we ACK.
HEARTBEAT_INTERVAL_MS = 41_250


@dataclass
class SessionState:
    """A gateway session: what a RESUME needs, independent of any one connection."""

    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    seq: int = 0
    backlog: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=BACKLOG))
    connection: GatewaySession | None = None
    ended: bool = False

    @property
    def detached(self) -> bool:
        """Resumable, but no connection is attached: dispatches wait in the backlog."""
        return self.connection is None and not self.ended

    def frame(self, event: str, data: dict[str, Any]) -> dict[str, Any]:
        """Number a DISPATCH frame and keep it for replay."""
        self.seq += 1
        frame = {"op": DISPATCH, "d": data, "s": self.seq, "t": event}
        self.backlog.append(frame)
        return frame


class GatewaySession:
    """One client websocket connection (attached to a `SessionState` once identified/resumed)."""

    def __init__(
        self,
        fake: FakeDiscord,
        ws: web.WebSocketResponse,
        compress: str | None,
        request: web.Request | None = None,
    ) -> None:
        self.fake = fake
        self.ws = ws
        self.compress = compress
        self.request = request
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self.state: SessionState | None = None
        self.identify: dict[str, Any] | None = None
        self.dropped: tuple[int | None, bool] | None = None  # (code, resumable) if we dropped it
        self._send_lock = asyncio.Lock()

    @property
    def session_id(self) -> str | None:
        """The session this connection serves, once identified or resumed."""
        return self.state.session_id if self.state else None

    @property
    def seq(self) -> int:
        """The session's last sequence number."""
        return self.state.seq if self.state else 0

    async def send(self, op: int, data: Any, event: str | None = None) -> None:
        """Send one gateway frame (compressed if the client asked for zlib-stream)."""
        async with self._send_lock:  # keep seq order == wire order
            if op == DISPATCH:
                assert self.state is not None, "dispatch before IDENTIFY/RESUME"
                frame = self.state.frame(event or "", data)
            else:
                frame = {"op": op, "d": data, "s": None, "t": event}
            await self._write(frame)

    async def _write(self, frame: dict[str, Any]) -> None:
        text = json.dumps(frame)
        self.fake.gateway_log.append(("send", frame))
        if self._zlib is not None:
            raw = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(raw)
        else:
            await self.ws.send_str(text)

    def detach(self) -> None:
        """Stop serving: later dispatches for the session go to its backlog (or nowhere)."""
        if self in self.fake.ready_sessions:
            self.fake.ready_sessions.remove(self)
        if self.state is not None and self.state.connection is self:
            self.state.connection = None

    async def drop(self, code: int | None, resumable: bool) -> None:
        """Close this connection from the server side; `code=None` cuts TCP without a close."""
        self.dropped = (code, resumable)
        self.detach()
        if not resumable and self.state is not None:
            self.state.ended = True
        if code is None:
            assert self.request is not None and self.request.transport is not None
            self.request.transport.abort()
        else:
            await self.ws.close(code=code, message=b"fake discord dropped the connection")

    def finished(self) -> None:
        """The socket is gone: keep the session resumable unless the client ended it."""
        self.detach()
        if self.state is None or self.dropped is not None:
            return
        if self.ws.close_code in CLIENT_ENDS_SESSION:
            self.state.ended = True

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH (op 0) event."""
        await self.send(DISPATCH, data, event)

    async def run(self) -> None:
        """Serve the connection until the client closes it."""
        await self.send(HELLO, {"heartbeat_interval": HEARTBEAT_INTERVAL_MS, "_trace": ["fake"]})
        async for msg in self.ws:
            if msg.type is WSMsgType.TEXT:
                frame = json.loads(msg.data)
            elif msg.type is WSMsgType.BINARY:
                frame = json.loads(msg.data.decode())
            else:  # CLOSE/ERROR end the loop via the iterator; anything else is ignored
                continue
            self.fake.gateway_log.append(("recv", frame))
            await self._handle(frame)

    async def _handle(self, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await self.send(HEARTBEAT_ACK, None)
        elif op == IDENTIFY:
            await self._identify(data)
        elif op == RESUME:
            await self._resume(data)
        elif op == REQUEST_MEMBERS:
            await self.dispatch(
                "GUILD_MEMBERS_CHUNK",
                {
                    "guild_id": data["guild_id"],
                    "members": [],
                    "chunk_index": 0,
                    "chunk_count": 1,
                    "not_found": [],
                    "nonce": data.get("nonce"),
                },
            )
        else:
            log.debug("fake gateway ignores op %s", op)

    async def _resume(self, data: dict[str, Any]) -> None:
        fake = self.fake
        fake.resumes.append(data)
        if fake.token is not None and data.get("token") != fake.token:
            await self.ws.close(code=4004, message=b"Authentication failed.")
            return
        state = fake.gateway_states.get(str(data.get("session_id")))
        if state is None or state.ended:
            # Unknown or ended: the client must identify again.
            await self.send(INVALID_SESSION, False)
            return
        if state.connection is not None:
            # The old socket has not noticed it is dead yet; like Discord, the resume wins.
            await state.connection.drop(None, resumable=True)
        seq = data.get("seq") or 0
        if seq > state.seq:
            await self.ws.close(code=4007, message=b"Invalid seq")
            return
        self.state, self.identify = state, {"resumed": data}
        state.connection = self
        async with self._send_lock:
            for frame in [f for f in state.backlog if f["s"] > seq]:
                await self._write(frame)
                fake.replayed.append(frame)
        await self.dispatch("RESUMED", {"_trace": ["fake"]})
        fake.resumed.append(state.session_id)
        fake.ready_sessions.append(self)
        fake._notify()

    async def _identify(self, data: dict[str, Any]) -> None:
        self.identify = data
        self.fake.identifies.append(data)
        if self.fake.token is not None and data.get("token") != self.fake.token:
            await self.ws.close(code=4004, message=b"Authentication failed.")
            return
        fake = self.fake
        self.state = SessionState(connection=self)
        fake.gateway_states[self.state.session_id] = self.state
        ready: dict[str, Any] = {
            "v": 10,
            "user": payloads.client_user(fake.bot_user),
            "guilds": [payloads.unavailable_guild(g) for g in fake.guilds.values()],
            "session_id": self.state.session_id,
            "session_type": "normal",
            "resume_gateway_url": fake.gateway_url,
            "application": {"id": str(fake.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
            "_trace": ["fake"],
        }
        if "shard" in data:
            ready["shard"] = data["shard"]
        await self.dispatch("READY", ready)
        # Like Discord, GUILD_CREATE only flows with the GUILDS intent.
        if data.get("intents", 0) & GUILDS_INTENT:
            for guild in fake.guilds.values():
                await self.dispatch("GUILD_CREATE", payloads.guild_create(guild, fake.bot_user))
        fake.ready_sessions.append(self)
        fake._notify()


async def gateway_handler(request: web.Request) -> web.WebSocketResponse:
    """aiohttp handler for GET /gateway (websocket upgrade)."""
    fake: FakeDiscord = request.app[FAKE_KEY]
    ws = web.WebSocketResponse(heartbeat=None, autoping=True, max_msg_size=0)
    await ws.prepare(request)
    fake.gateway_queries.append(dict(request.query))
    session = GatewaySession(fake, ws, request.query.get("compress"), request)
    fake.sessions.append(session)
    try:
        await session.run()
    finally:
        fake.sessions.remove(session)
        session.finished()
        fake._notify()
    return ws
