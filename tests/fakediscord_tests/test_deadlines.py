"""The fake keeps Discord's clocks: 3 s to answer an interaction, 15 min for its webhook.

The deadlines are shrunk while the bot waits at a gate the test controls, so no test depends on
how fast the machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands

from tests.fakediscord import FakeDiscord, GuildSpec, fake_discord_fixture, running_client
from tests.fakediscord.server import CALLBACK_DEADLINE_S, TOKEN_LIFETIME_S

GUILD = GuildSpec(id=920_000_000_000_000_001)
fake_discord = fake_discord_fixture(app_id=920_000_000_000_000_100, guilds=[GUILD])


class GatedBot(discord.Client):
    """One command that waits at `gate` before replying (or after deferring), noting errors."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.none(), guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)
        self.gate = asyncio.Event()
        self.errors: list[tuple[int, int]] = []  # (HTTP status, Discord code) the bot got back

        @self.tree.command(description="Answer once the test opens the gate",
                           guild=discord.Object(GUILD.id))
        async def slow(interaction: discord.Interaction, defer: bool = False) -> None:
            try:
                if defer:
                    await interaction.response.defer(thinking=True)
                await self.gate.wait()
                if defer:
                    await interaction.edit_original_response(content="late but fine")
                else:
                    await interaction.response.send_message("too late")
            except discord.HTTPException as exc:
                self.errors.append((exc.status, exc.code))

    async def setup_hook(self) -> None:
        await self.tree.sync(guild=discord.Object(GUILD.id))


@pytest.fixture
async def bot(fake_discord: FakeDiscord) -> AsyncIterator[GatedBot]:
    client = GatedBot()
    async with running_client(client, fake_discord):
        await fake_discord.wait_synced(GUILD.id)
        yield client


def test_defaults_are_discords() -> None:
    fake = FakeDiscord()
    assert (fake.callback_deadline, fake.token_lifetime) == (3.0, 900.0)
    assert (CALLBACK_DEADLINE_S, TOKEN_LIFETIME_S) == (3.0, 900.0)


async def test_a_late_first_response_is_an_unknown_interaction(
        fake_discord: FakeDiscord, bot: GatedBot) -> None:
    rec = await fake_discord.invoke("slow", wait=False)
    fake_discord.callback_deadline = 0.0  # whatever happens next is past the deadline
    bot.gate.set()
    await rec.wait_settled()
    assert bot.errors == [(404, 10062)]
    assert rec.callbacks == [] and rec.original is None
    (route, body), = rec.rejected
    assert route.endswith("/callback") and body == {"code": 10062,
                                                    "message": "Unknown interaction"}
    assert [v.code for v in fake_discord.violations] == ["10062"]
    assert rec.latency is not None and rec.latency > 0  # the late POST was still timed


async def test_after_a_timely_deferral_the_webhook_outlives_the_deadline(
        fake_discord: FakeDiscord, bot: GatedBot) -> None:
    rec = await fake_discord.invoke("slow", {"defer": True}, wait=False)
    await rec.wait_for(lambda r: bool(r.callbacks))
    fake_discord.callback_deadline = 0.0  # callbacks would now be late; edits are not
    bot.gate.set()
    msg = await rec.final()
    assert rec.callback_type == 5 and msg.content == "late but fine" and not msg.loading
    assert bot.errors == [] and fake_discord.violations == []
    assert rec.pushed_at <= (rec.callback_at or 0.0)


async def test_an_expired_token_refuses_edits(fake_discord: FakeDiscord, bot: GatedBot) -> None:
    rec = await fake_discord.invoke("slow", {"defer": True}, wait=False)
    await rec.wait_for(lambda r: bool(r.callbacks))
    fake_discord.token_lifetime = 0.0  # as if 15 minutes had passed
    bot.gate.set()
    await rec.wait_settled()
    assert bot.errors == [(401, 50027)]
    assert rec.original is not None and rec.original.loading  # still "thinking…" for the user
    assert [v.code for v in fake_discord.violations] == ["50027"]
