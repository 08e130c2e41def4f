"""REST routes of the fake (mounted under /api/v{n}) and helpers to read/answer requests."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import limits, payloads
from .messages import MessageStore
from .wire import FAKE_KEY, error, json_response, read_body

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)


class RestApi:
    """Handlers for the bot-facing REST API."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.store = MessageStore(fake)

    def routes(self) -> list[web.RouteDef]:
        """Route table; `{v}` is the API version the client put in Route.BASE."""
        p = "/api/v{v:\\d+}"
        cmd = p + "/applications/{app_id}"
        hook = p + "/webhooks/{app_id}/{token}"
        return [
            web.get(p + "/users/@me", self.me),
            web.get(p + "/oauth2/applications/@me", self.application),
            web.get(p + "/applications/@me", self.application),
            web.delete(p + "/users/@me/guilds/{guild_id}", self.leave_guild),
            web.get(p + "/gateway", self.gateway),
            web.get(p + "/gateway/bot", self.gateway_bot),
            web.get(cmd + "/commands", self.get_commands),
            web.put(cmd + "/commands", self.put_commands),
            web.get(cmd + "/guilds/{guild_id}/commands", self.get_commands),
            web.put(cmd + "/guilds/{guild_id}/commands", self.put_commands),
            web.post(p + "/interactions/{interaction_id}/{token}/callback", self.store.callback),
            web.post(hook, self.store.followup),
            web.get(hook + "/messages/{message_id}", self.store.get_webhook_message),
            web.patch(hook + "/messages/{message_id}", self.store.edit_webhook_message),
            web.delete(hook + "/messages/{message_id}", self.store.delete_webhook_message),
            web.post(p + "/channels/{channel_id}/messages", self.store.channel_send),
            web.patch(p + "/channels/{channel_id}/messages/{message_id}", self.store.channel_edit),
            web.delete(
                p + "/channels/{channel_id}/messages/{message_id}", self.store.channel_delete
            ),
            web.get("/attachments/{channel_id}/{attachment_id}/{filename}", self.attachment),
        ]

    def _unauthorized(self, request: web.Request) -> web.Response | None:
        expected = self.fake.token
        if expected is not None and request.headers.get("Authorization") != f"Bot {expected}":
            return error(401, 0, "401: Unauthorized")
        return None

    async def me(self, request: web.Request) -> web.Response:
        """GET /users/@me (login)."""
        return self._unauthorized(request) or json_response(
            payloads.client_user(self.fake.bot_user)
        )

    async def application(self, request: web.Request) -> web.Response:
        """GET /oauth2/applications/@me (login fetches the application id)."""
        fake = self.fake
        return self._unauthorized(request) or json_response(
            payloads.application(fake.app_id, fake.bot_user, fake.owner)
        )

    async def leave_guild(self, request: web.Request) -> web.Response:
        """DELETE /users/@me/guilds/{id}: the bot leaves; Discord then sends GUILD_DELETE."""
        if failure := self._unauthorized(request):
            return failure
        guild_id = int(request.match_info["guild_id"])
        if self.fake.guilds.pop(guild_id, None) is None:
            return error(404, 10004, "Unknown Guild")
        self.fake.left_guilds.append(guild_id)
        await self.fake.dispatch("GUILD_DELETE", {"id": str(guild_id)})
        self.fake._notify()
        return web.Response(status=204)

    async def gateway(self, request: web.Request) -> web.Response:
        """GET /gateway."""
        return json_response({"url": self.fake.gateway_url})

    async def gateway_bot(self, request: web.Request) -> web.Response:
        """GET /gateway/bot (used by AutoShardedClient)."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return self._unauthorized(request) or json_response(
            {"url": self.fake.gateway_url, "shards": 1, "session_start_limit": limit}
        )

    def _scope(self, request: web.Request) -> tuple[int | None, web.Response | None]:
        if int(request.match_info["app_id"]) != self.fake.app_id:
            return None, error(403, 50001, "Missing Access")
        raw = request.match_info.get("guild_id")
        guild_id = int(raw) if raw is not None else None
        if guild_id is not None and guild_id not in self.fake.guilds:
            return guild_id, error(403, 50001, "Missing Access")
        return guild_id, self._unauthorized(request)

    async def get_commands(self, request: web.Request) -> web.Response:
        """GET global or guild commands as last synced."""
        guild_id, failure = self._scope(request)
        if failure:
            return failure
        return json_response(self.fake.synced_commands.get(guild_id, []))

    async def put_commands(self, request: web.Request) -> web.Response:
        """PUT bulk overwrite of global or guild commands (CommandTree.sync)."""
        guild_id, failure = self._scope(request)
        if failure:
            return failure
        body, _ = await read_body(request)
        route = f"PUT {request.path}"
        problems = limits.check_commands(body)
        if problems:
            self.fake.record_violations(route, problems)
            return json_response(limits.error_body(problems), 400)
        self.fake.command_puts.append((guild_id, body))
        stored = [payloads.application_command(c, self.fake.app_id, guild_id) for c in body]
        self.fake.synced_commands[guild_id] = stored
        self.fake._notify()
        return json_response(stored)

    async def attachment(self, request: web.Request) -> web.Response:
        """Serve an uploaded file back (the URL in attachment objects points here)."""
        wanted = int(request.match_info["attachment_id"])
        upload = self.fake.uploads.get(wanted)
        if upload is not None:
            return web.Response(
                body=upload.data,
                headers={"Content-Type": upload.content_type or "application/octet-stream"},
            )
        for record in self.fake.messages.values():
            for att in record.attachments:
                if att.id == wanted:
                    return web.Response(
                        body=att.data,
                        headers={"Content-Type": att.content_type or "application/octet-stream"},
                    )
        return error(404, 0, "404: Not Found")


@web.middleware
async def record_requests(request: web.Request, handler: Any) -> web.StreamResponse:
    """Log every request; answer unknown routes with a Discord-like 404 and remember them."""
    fake: FakeDiscord = request.app[FAKE_KEY]
    fake.requests.append((request.method, request.path_qs))
    failed = failure(fake, request)
    if failed is not None:
        return failed
    try:
        return await handler(request)
    except web.HTTPNotFound:
        fake.unhandled.append((request.method, request.path_qs))
        return error(404, 0, "404: Not Found")
    except web.HTTPMethodNotAllowed:
        fake.unhandled.append((request.method, request.path_qs))
        return error(405, 0, "405: Method Not Allowed")
    except Exception as exc:
        # A bug in the fake (or an unparsable body). Not a 5xx: discord.py retries those with
        # sleeps of up to 25 s in total, which would hide the cause behind a slow timeout.
        log.exception("fake discord failed on %s %s", request.method, request.path_qs)
        fake.server_errors.append(f"{request.method} {request.path_qs}: {exc!r}")
        return error(400, 0, f"fake discord error: {exc!r}")


# What a test finds in a failure's body: a client must not print it (see `failure`).
FAILURE_BODY_MARKER = "FAKE-UPSTREAM-BODY"


def failure(fake: FakeDiscord, request: web.Request) -> web.Response | None:
    """The answer `fake.failures` asks for this request, or None.

    The body echoes the request's headers, token included, as a misbehaving proxy does; a
    Discord-shaped JSON error, so discord.py puts it into the exception's message.
    """
    for (method, end), status in fake.failures.items():
        if request.method == method and request.path.endswith(end):
            echoed = "; ".join(f"{k}: {v}" for k, v in request.headers.items())
            return error(status, 0, f"{FAILURE_BODY_MARKER} upstream failed. {echoed}")
    return None
