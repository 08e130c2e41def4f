"""A damaged index through the loopback fake Discord: the bot starts, every command says what
to do in one ephemeral sentence, and an admin's /reindex repairs it (issue 12.5)."""

from __future__ import annotations

from bot.settings import Settings
from index.engine.store import WHOOSH_DIR, read_pointer
from tests.bot.conftest import ADMIN_ROLE, BotRunner
from tests.fakediscord import FakeDiscord

ADMIN_PERMISSIONS = 1 << 5 | 1 << 31 | 1 << 11
TOLD = "The index is damaged (events_"
REMEDY = "an admin can rebuild it with `/reindex full:true`."


async def test_damaged_index_answers_in_one_sentence_and_reindex_repairs_it(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    wdir = bot_settings.index_dir / str(read_pointer(bot_settings.index_dir)) / WHOOSH_DIR
    (seg,) = wdir.glob("events_*.seg")
    seg.write_bytes(bytes(seg.stat().st_size))  # same size, all zeros
    async with run_bot():  # warming the index fails on it: the bot starts all the same
        when = await (await fake_discord.invoke("when", {"topic": "debt"})).final()
        timeline = await (await fake_discord.invoke("timeline")).final()
        # Not the full rebuild it suggests: even an incremental one must not reuse the file.
        rec = await fake_discord.invoke("reindex", member_roles=[ADMIN_ROLE.id],
                                        permissions=ADMIN_PERMISSIONS)
        done = await rec.final()
        after = await (await fake_discord.invoke("when", {"topic": "debt"})).final()
    assert when.ephemeral  # /timeline defers in public at once, so it answers in public
    for msg in (when, timeline):
        assert msg.content.startswith(TOLD), msg.content
        assert msg.content.endswith(REMEDY) and "checksum" in msg.content
        assert not msg.embeds
    assert "Reindex finished" in done.content
    assert "Rebuilt everything: the served index was damaged (events_" in done.content
    assert after.embeds and after.embeds[0]["title"].startswith("/when debt — ")
    assert fake_discord.violations == [] and fake_discord.server_errors == []
