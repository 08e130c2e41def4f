"""The fake gateway websocket: HELLO, IDENTIFY/RESUME, heartbeats, READY, GUILD_CREATE, dispatch.

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
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads
from .wire import FAKE_KEY

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, REQUEST_MEMBERS = 0, 1, 2, 6, 8
HELLO, HEARTBEAT_ACK = 10, 11
GUILDS_INTENT = 1 << 0
# Long enough that the client's keep-alive thread never fires during a test; it still sends
# one heartbeat right after HELLO, which we ACK.
HEARTBEAT_INTERVAL_MS = 41_250


class GatewaySession:
    """One client websocket connection."""

    def __init__(self, fake: FakeDiscord, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.fake = fake
        self.ws = ws
        self.compress = compress
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self.session_id = uuid.uuid4().hex
        self.seq = 0
        self.identify: dict[str, Any] | None = None
        self._send_lock = asyncio.Lock()

    async def send(self, op: int, data: Any, event: str | None = None) -> None:
        """Send one gateway frame (compressed if the client asked for zlib-stream)."""
        async with self._send_lock:  # keep seq order == wire order
            frame: dict[str, Any] = {"op": op, "d": data, "s": None, "t": event}
            if op == DISPATCH:
                self.seq += 1
                frame["s"] = self.seq
            text = json.dumps(frame)
            self.fake.gateway_log.append(("send", frame))
            if self._zlib is not None:
                raw = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(raw)
            else:
                await self.ws.send_str(text)

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
            self.identify = {"resumed": data}
            await self.dispatch("RESUMED", {"_trace": ["fake"]})
            self.fake.ready_sessions.append(self)
            self.fake._notify()
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

    async def _identify(self, data: dict[str, Any]) -> None:
        self.identify = data
        self.fake.identifies.append(data)
        if self.fake.token is not None and data.get("token") != self.fake.token:
            await self.ws.close(code=4004, message=b"Authentication failed.")
            return
        fake = self.fake
        ready: dict[str, Any] = {
            "v": 10,
            "user": payloads.client_user(fake.bot_user),
            "guilds": [payloads.unavailable_guild(g) for g in fake.guilds.values()],
            "session_id": self.session_id,
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
    session = GatewaySession(fake, ws, request.query.get("compress"))
    fake.sessions.append(session)
    try:
        await session.run()
    finally:
        fake.sessions.remove(session)
        if session in fake.ready_sessions:
            fake.ready_sessions.remove(session)
    return ws
