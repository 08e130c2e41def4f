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
        invalid = await _recv(ws, inflate)  # an unknown session cannot be resumed
        assert (invalid["op"], invalid["d"]) == (9, False)


async def _identify(session: aiohttp.ClientSession, url: str) -> tuple[Any, str]:
    ws = await session.ws_connect(url)
    assert (await _recv(ws))["op"] == 10
    await ws.send_json({"op": 2, "d": {"token": "t", "intents": 0, "properties": {}}})
    ready = await _recv(ws)
    assert ready["t"] == "READY"
    return ws, ready["d"]["session_id"]


async def test_resume_replays_what_was_missed(fake_discord: FakeDiscord) -> None:
    url = fake_discord.gateway_url + "?v=10&encoding=json"
    async with aiohttp.ClientSession() as session:
        ws, session_id = await _identify(session, url)
        await fake_discord.dispatch("TYPING_START", {"n": 1})
        assert (await _recv(ws))["s"] == 2
        await fake_discord.drop_connection(4000)
        assert ws.closed or (await ws.receive(timeout=2)).type is aiohttp.WSMsgType.CLOSE
        await fake_discord.dispatch("TYPING_START", {"n": 2})  # while nobody is connected
        async with session.ws_connect(url) as again:
            assert (await _recv(again))["op"] == 10
            # The client saw up to seq 1 only: seq 2 and 3 are replayed, then RESUMED.
            resume = {"token": "t", "session_id": session_id, "seq": 1}
            await again.send_json({"op": 6, "d": resume})
            frames = [await _recv(again) for _ in range(3)]
            assert [(f["s"], f["t"]) for f in frames] == [
                (2, "TYPING_START"), (3, "TYPING_START"), (4, "RESUMED")]
            assert frames[1]["d"] == {"n": 2}
            await fake_discord.dispatch("TYPING_START", {"n": 3})
            assert (await _recv(again))["s"] == 5  # the sequence carries on
            await again.close()  # code 1000: the session ends
        await fake_discord.wait_until(lambda: not fake_discord.sessions)
        async with session.ws_connect(url) as late:
            await _recv(late)
            await late.send_json({"op": 6, "d": {**resume, "seq": 5}})
            assert (await _recv(late))["op"] == 9
    assert fake_discord.resumed == [session_id]


async def test_non_resumable_drop_ends_the_session(fake_discord: FakeDiscord) -> None:
    url = fake_discord.gateway_url + "?v=10&encoding=json"
    async with aiohttp.ClientSession() as session:
        ws, session_id = await _identify(session, url)
        await fake_discord.drop_connection(4009)  # session timed out
        await ws.close()
        with pytest.raises(RuntimeError):  # nobody to deliver to, nothing kept
            await fake_discord.dispatch("TYPING_START", {})
        async with session.ws_connect(url) as again:
            await _recv(again)
            await again.send_json({"op": 6, "d": {"token": "t", "session_id": session_id,
                                                  "seq": 1}})
            assert (await _recv(again))["op"] == 9
    assert fake_discord.resumed == []


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


async def test_resume_takes_over_a_connection_the_server_still_holds(
        fake_discord: FakeDiscord) -> None:
    url = fake_discord.gateway_url + "?v=10&encoding=json"
    async with aiohttp.ClientSession() as session:
        old, session_id = await _identify(session, url)
        async with session.ws_connect(url) as new:
            await _recv(new)
            await new.send_json({"op": 6, "d": {"token": "t", "session_id": session_id,
                                                "seq": 1}})
            assert (await _recv(new))["t"] == "RESUMED"
            closed = await old.receive(timeout=2)
            assert closed.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
            (ready,) = fake_discord.ready_sessions  # only the new connection is served
            assert ready.state is not None and ready.state.connection is ready
            assert ready.session_id == session_id
        await old.close()
