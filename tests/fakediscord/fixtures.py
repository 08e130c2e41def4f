"""Pytest helpers: point discord.py at a FakeDiscord and run a client against it.

In a conftest:

    from tests.fakediscord.fixtures import fake_discord_fixture
    fake_discord = fake_discord_fixture(guilds=[GuildSpec(id=GUILD_ID)])
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import discord
import pytest_asyncio
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import FakeDiscord


@contextlib.contextmanager
def patched_discord(fake: FakeDiscord) -> Iterator[None]:
    """Set discord.py's REST base and default gateway to the fake; restore them afterwards.

    These are the two values the bot's REST-base and gateway-URL proxy settings set.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


def fake_discord_fixture(**kwargs: Any) -> Callable[[], AsyncIterator[FakeDiscord]]:
    """Make a function-scoped async fixture yielding a started, patched-in FakeDiscord."""

    @pytest_asyncio.fixture
    async def fake_discord() -> AsyncIterator[FakeDiscord]:
        async with FakeDiscord(**kwargs) as fake:
            with patched_discord(fake):
                yield fake

    return fake_discord


@contextlib.asynccontextmanager
async def running_client(
    client: discord.Client,
    fake: FakeDiscord,
    token: str = "fake-token",
    timeout: float = 5.0,
    *,
    reconnect: bool = False,
) -> AsyncIterator[discord.Client]:
    """Start `client` (login + gateway) against `fake`, wait for READY, close it on exit.

    Re-raises anything the client's connect task died of, so a crash fails the test. With
    `reconnect=False` any dropped connection ends the client; pass True to test resuming.
    """
    await client.login(token)
    task = asyncio.create_task(client.connect(reconnect=reconnect), name="fake-discord-client")
    try:
        ready = asyncio.create_task(fake.wait_ready(timeout))
        done, _ = await asyncio.wait({ready, task}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            ready.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ready
            task.result()  # raises the connect failure
            raise RuntimeError("client stopped before it identified")
        ready.result()
        # READY is dispatched to the client's on_ready only after its guilds arrived: a test
        # that closed the client sooner would leave that dispatch to a closed client.
        await asyncio.wait_for(client.wait_until_ready(), timeout)
        yield client
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout)
