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
