"""Loopback fake Discord (REST + gateway) for end-to-end tests of the real discord.py client.

from tests.fakediscord import GuildSpec, fake_discord_fixture, running_client

fake_discord = fake_discord_fixture(app_id=APP_ID, guilds=[GuildSpec(id=GUILD_ID)])

async def test_when(fake_discord):
    async with running_client(make_bot(), fake_discord):
        await fake_discord.wait_synced(GUILD_ID)
        rec = await fake_discord.invoke("when", {"topic": "debt"})
        message = await rec.final()
        assert message.embeds and message.allowed_mentions == {"parse": []}
    assert fake_discord.violations == []

Discord's clocks are kept: a callback more than `fake.callback_deadline` (3.0 s) after the push is
refused with 404 10062, webhook follow-ups/edits after `fake.token_lifetime` (15 min) with 401
50027; `record.latency` is push-to-callback time. `await fake.drop_connection(code)` (None: cut
TCP) drops the gateway; with `running_client(..., reconnect=True)` the client RESUMEs, gets the
events it missed replayed (`fake.replayed`, `fake.resumed`, `await fake.wait_resumed()`), or
identifies again after 4007/4009.
"""

from .fixtures import fake_discord_fixture, patched_discord, running_client
from .models import (
    AttachmentRecord,
    ChannelSpec,
    GuildSpec,
    InteractionRecord,
    MessageRecord,
    RoleSpec,
    UserSpec,
    Violation,
)
from .server import FakeDiscord

__all__ = [
    "AttachmentRecord",
    "ChannelSpec",
    "FakeDiscord",
    "GuildSpec",
    "InteractionRecord",
    "MessageRecord",
    "RoleSpec",
    "UserSpec",
    "Violation",
    "fake_discord_fixture",
    "patched_discord",
    "running_client",
]
