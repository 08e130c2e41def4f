"""Request/response plumbing shared by the REST handlers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from aiohttp import BodyPartReader, web

if TYPE_CHECKING:
    from .server import FakeDiscord

# Where handlers find their FakeDiscord (aiohttp wants typed keys, not strings).
FAKE_KEY: web.AppKey[FakeDiscord] = web.AppKey("fake_discord")


class FileUpload(NamedTuple):
    """One `files[n]` part of a multipart request."""

    index: int
    filename: str
    content_type: str | None
    data: bytes


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON answer; discord.py only parses bodies whose Content-Type is exactly application/json."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def error(status: int, code: int, message: str) -> web.Response:
    """A Discord-shaped JSON error."""
    return json_response({"code": code, "message": message}, status)


async def read_body(request: web.Request) -> tuple[dict[str, Any], list[FileUpload]]:
    """JSON body, or multipart `payload_json` + `files[n]` parts as discord.py sends them."""
    if not request.body_exists:
        return {}, []
    if request.content_type != "multipart/form-data":
        return await request.json(), []
    body: dict[str, Any] = {}
    files: list[FileUpload] = []
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):  # nested multipart: discord.py never sends it
            continue
        name, data = part.name or "", bytes(await part.read())
        if name == "payload_json":
            body = json.loads(data)
        elif name.startswith("files["):
            index = int(name[len("files[") : -1])
            filename = part.filename or f"file{index}"
            files.append(FileUpload(index, filename, part.headers.get("Content-Type"), data))
    return body, files
