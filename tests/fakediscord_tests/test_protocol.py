"""The fake's wire protocol, driven with plain aiohttp (no discord.py client)."""

from __future__ import annotations

import json
import zlib
from typing import Any

import aiohttp
import discord
import pytest

from tests.fakediscord import FakeDiscord, GuildSpec, fake_discord_fixture

GUILD = GuildSpec(id=910_000_000_000_000_001)
fake_discord = fake_discord_fixture(app_id=910_000_000_000_000_100, guilds=[GUILD])


async def _recv(ws: aiohttp.ClientWebSocketResponse, inflate: Any = None) -> dict[str, Any]:
    msg = await ws.receive(timeout=2)
    if inflate is not None:
        assert msg.type is aiohttp.WSMsgType.BINARY and msg.data.endswith(b"\x00\x00\xff\xff")
        return json.loads(inflate.decompress(msg.data))
    assert msg.type is aiohttp.WSMsgType.TEXT
    return json.loads(msg.data)


@pytest.mark.parametrize("compress", [None, "zlib-stream"])
async def test_gateway_handshake(fake_discord: FakeDiscord, compress: str | None) -> None:
    query = "?v=10&encoding=json" + (f"&compress={compress}" if compress else "")
    inflate = zlib.decompressobj() if compress else None
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(fake_discord.gateway_url + query) as ws,
    ):
        hello = await _recv(ws, inflate)
        assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
        await ws.send_json({"op": 1, "d": None})
        assert (await _recv(ws, inflate))["op"] == 11
        await ws.send_json({"op": 2, "d": {"token": "t", "intents": 1, "properties": {}}})
        ready = await _recv(ws, inflate)
        assert (ready["t"], ready["s"]) == ("READY", 1)
        assert ready["d"]["guilds"] == [{"id": str(GUILD.id), "unavailable": True}]
        assert ready["d"]["resume_gateway_url"] == fake_discord.gateway_url
        guild = await _recv(ws, inflate)
        assert (guild["t"], guild["s"], guild["d"]["id"]) == ("GUILD_CREATE", 2, str(GUILD.id))
        await fake_discord.wait_ready(timeout=1)
        await ws.send_json({"op": 6, "d": {"token": "t", "session_id": "x", "seq": 2}})
        assert (await _recv(ws, inflate))["t"] == "RESUMED"


async def test_rest_errors_are_discord_shaped(fake_discord: FakeDiscord) -> None:
    api = fake_discord.api_base
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{api}/users/@me") as resp:
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["bot"] is True
        async with session.get(f"{api}/no/such/route") as resp:
            assert resp.status == 404 and (await resp.json())["message"] == "404: Not Found"
        bad = [{"name": "Bad Name", "description": "", "type": 1, "options": []}]
        url = f"{api}/applications/{fake_discord.app_id}/guilds/{GUILD.id}/commands"
        async with session.put(url, json=bad) as resp:
            assert resp.status == 400
            body = await resp.json()
        async with session.post(f"{api}/webhooks/{fake_discord.app_id}/nope", json={}) as resp:
            assert resp.status == 404 and (await resp.json())["code"] == 10015
    assert body["code"] == 50035 and "0" in body["errors"]
    assert {v.code for v in fake_discord.violations} >= {
        "APPLICATION_COMMAND_INVALID_NAME",
        "BASE_TYPE_REQUIRED",
        "10015",
    }
    assert fake_discord.unhandled == [("GET", "/api/v10/no/such/route")]
    assert GUILD.id not in fake_discord.synced_commands


async def test_wrong_token_is_refused() -> None:
    async with FakeDiscord(token="right") as fake:
        client = discord.Client(intents=discord.Intents.none())
        old = discord.http.Route.BASE
        discord.http.Route.BASE = fake.api_base
        try:
            with pytest.raises(discord.LoginFailure):
                await client.login("wrong")
        finally:
            discord.http.Route.BASE = old
            await client.close()
