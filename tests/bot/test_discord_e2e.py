"""End to end: the real Tumen bot (real discord.py) against the loopback fake Discord."""

from __future__ import annotations

import asyncio
import logging

import discord
import pytest

from bot.settings import Settings
from index.errors import QueryError
from tests.bot.conftest import ADMIN_ROLE, GUILD, PLAIN_ROLE, BotRunner
from tests.fakediscord import FakeDiscord, UserSpec

NO_PINGS = {"parse": []}
ADMIN_PERMISSIONS = 1 << 5 | 1 << 31 | 1 << 11
EXPECTED_COMMANDS = {"when", "who", "timeline", "search", "cite", "sources", "help", "status",
                     "Cite in Tumen",
                     "reindex", "corpus"}


def assert_clean(fake: FakeDiscord) -> None:
    assert fake.violations == []
    assert fake.server_errors == []
    assert fake.unhandled == []
    assert fake.warnings == []


async def test_commands_are_synced_to_the_guild_with_descriptions(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot() as bot:
        assert bot.synced == "synced"
    commands = {c["name"]: c for c in fake_discord.synced_commands[GUILD.id]}
    assert set(commands) == EXPECTED_COMMANDS
    assert not fake_discord.synced_commands.get(None)  # nothing global when guilds are set
    for c in commands.values():
        if c.get("type") == 3:  # a message context menu: Discord wants no description
            continue
        assert c["description"]
        for opt in c.get("options", []):
            assert opt["description"], f"/{c['name']} {opt['name']} has no description"
    assert int(commands["reindex"]["default_member_permissions"]) == 1 << 5
    assert_clean(fake_discord)


async def test_sync_only_when_the_command_set_changed(run_bot: BotRunner,
                                                      fake_discord: FakeDiscord) -> None:
    async with run_bot():
        pass
    puts = len(fake_discord.command_puts)
    async with run_bot() as bot:
        assert bot.synced == "skipped"
    assert len(fake_discord.command_puts) == puts


async def test_search_replies_with_a_cited_embed(run_bot: BotRunner,
                                                 fake_discord: FakeDiscord) -> None:
    async with run_bot():
        rec = await fake_discord.invoke("search", {"query": "Sochi Olympics"})
        msg = await rec.final()
    assert rec.callback_type == 4  # answered at once: no deferral needed for a fast search
    (embed,) = msg.embeds
    assert embed["title"] == "/search Sochi Olympics — 2 passages"
    values = [f["value"] for f in embed["fields"]]
    assert any("**Olympic** Games in **Sochi**" in v and "000_991db22383b8adc6:p2" in v
               for v in values)
    assert embed["fields"][0]["name"].startswith("1. CNAS · 2015-02-18")
    assert msg.allowed_mentions == NO_PINGS
    assert not msg.ephemeral
    assert_clean(fake_discord)


async def test_mentions_in_queries_ping_nobody(run_bot: BotRunner,
                                               fake_discord: FakeDiscord) -> None:
    async with run_bot():
        msg = await (await fake_discord.invoke(
            "search", {"query": "@everyone <@&1234> debt"})).final()
    assert msg.allowed_mentions == NO_PINGS
    assert "@everyone" in msg.embeds[0]["title"]
    assert_clean(fake_discord)


async def test_long_results_page_and_only_the_asker_can_turn(run_bot: BotRunner,
                                                             fake_discord: FakeDiscord) -> None:
    asker, other = UserSpec(username="asker"), UserSpec(username="other")
    async with run_bot():
        msg = await (await fake_discord.invoke("search", {"query": "Russia"}, user=asker)).final()
        first = msg.embeds[0]
        assert first["footer"]["text"].startswith("Page 1/")
        buttons = {c["label"]: c["custom_id"] for row in msg.components
                   for c in row["components"]}
        next_id = buttons["Next"]
        refused = await fake_discord.click(msg, next_id, user=other)
        refusal = await refused.final()
        assert refusal.ephemeral and "Only the person who asked" in refusal.content
        assert msg.embeds[0]["footer"]["text"].startswith("Page 1/")
        await fake_discord.click(msg, next_id, user=asker)
        assert msg.embeds[0]["footer"]["text"].startswith("Page 2/")
        assert msg.embeds[0]["fields"][0]["name"].startswith("6. ")
    assert_clean(fake_discord)


async def test_cite_by_prefix_and_errors_are_one_sentence_ephemeral(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        msg = await (await fake_discord.invoke("cite", {"id": "000:p2"})).final()
        assert msg.embeds[0]["title"] == "000_991db22383b8adc6:p2"
        assert msg.embeds[0]["description"].startswith("> If Kim does come")
        err = await (await fake_discord.invoke("cite", {"id": "0"})).final()
    assert err.ephemeral and "ambiguous" in err.content
    assert err.allowed_mentions == NO_PINGS
    assert_clean(fake_discord)


async def test_sources_help_status(run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        sources = await (await fake_discord.invoke("sources")).final()
        helpmsg = await (await fake_discord.invoke("help")).final()
        status = await (await fake_discord.invoke("status")).final()
    assert sources.embeds[0]["title"] == "5 articles indexed"
    assert "`2015-02-18` **CNAS**" in sources.embeds[0]["description"]
    assert helpmsg.ephemeral and "/search" in helpmsg.embeds[0]["description"]
    fields = {f["name"]: f["value"] for f in status.embeds[0]["fields"]}
    assert fields["Articles"] == "5" and fields["Generation"].startswith("`gen-")
    assert fields["Last build"].startswith("full build in ")
    assert_clean(fake_discord)


async def test_autocomplete_is_capped_at_25(run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        all_ids = await fake_discord.autocomplete("cite", "id", "")
        some = await fake_discord.autocomplete("cite", "id", "001_fb27f336a89ec95e:p1")
        sources = await fake_discord.autocomplete("search", "source", "cn", {"query": "x"})
    assert len(all_ids) == 25
    assert {c["value"] for c in some} == {f"001_fb27f336a89ec95e:p{n}" for n in (1, 10, 11, 12)}
    assert [c["value"] for c in sources] == ["CNAS"]
    assert_clean(fake_discord)


async def test_cite_autocomplete_completes_an_article_prefix_off_the_event_loop(
        run_bot: BotRunner, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    threads: list[threading.Thread] = []
    async with run_bot() as bot:
        for name in ("cite_choices", "source_names"):
            real = getattr(bot.library, name)

            def spy(*a: object, _real: object = real, **k: object) -> object:
                threads.append(threading.current_thread())
                return _real(*a, **k)  # type: ignore[operator]

            monkeypatch.setattr(bot.library, name, spy)
        passages = await fake_discord.autocomplete("cite", "id", "001:p")
        sources = await fake_discord.autocomplete("search", "source", "", {"query": "x"})
    assert [c["value"] for c in passages] == [f"001_fb27f336a89ec95e:p{n}" for n in range(1, 13)]
    assert passages[0]["name"].startswith("001_fb27f336a89ec95e:p1 · Russia Strengthens")
    assert "CNAS" in [c["value"] for c in sources]
    assert len(threads) == 2 and threading.main_thread() not in threads
    assert_clean(fake_discord)


async def test_reindex_is_refused_to_members_and_runs_for_admins(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot() as bot:
        before = bot.library.status()["generation"]
        # A member who can see the command (e.g. a server override) is still checked at run time.
        refused = await (await fake_discord.invoke("reindex", member_roles=[PLAIN_ROLE.id],
                                                   permissions=1 << 5 | 1 << 31 | 1 << 11)).final()
        rec = await fake_discord.invoke("reindex", {"full": True}, member_roles=[ADMIN_ROLE.id],
                                        permissions=1 << 5 | 1 << 31 | 1 << 11)
        done = await rec.final()
        after = bot.library.status()["generation"]
    assert refused.ephemeral and "Only Tumen admins" in refused.content
    assert rec.callback_type == 5  # deferred first, then edited with the summary
    assert "Reindex finished" in done.content and "Indexed 5 articles" in done.content
    assert after != before
    assert_clean(fake_discord)


async def test_reindex_with_nothing_to_do_says_so_and_keeps_the_generation(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot() as bot:
        first = await (await fake_discord.invoke("reindex", member_roles=[ADMIN_ROLE.id],
                                                 permissions=ADMIN_PERMISSIONS)).final()
        served = bot.library.status()["generation"]
        again = await (await fake_discord.invoke("reindex", member_roles=[ADMIN_ROLE.id],
                                                 permissions=ADMIN_PERMISSIONS)).final()
        after = bot.library.status()["generation"]
    assert "Indexed 5 articles" in first.content  # another corpus folder than the seed index's
    assert after == served
    assert again.content.startswith(f"Reindex finished.\nNothing changed in the corpus since "
                                    f"generation {served} was built: it keeps serving its 5 "
                                    "articles, ")
    assert "no new generation was made" in again.content
    assert again.content.endswith("`/reindex full:true` rebuilds everything anyway.")
    assert "tumen index" not in again.content and "Added" not in again.content
    assert_clean(fake_discord)


def test_reindex_progress_counts_the_stages_after_the_articles() -> None:
    from bot.cogs.admin import progress_text
    from index.build.buildprogress import MERGING, WRITING_EVENTS

    assert progress_text(0, 0, "", 1.2) == "Indexing… reading the corpus, 1 s"
    assert progress_text(40, 80, "003_ed2522df4ecc763b", 12.0) == (
        "Indexing… 50 % (processing articles), 12 s")
    # Every article processed is not the end: the merge and the events index follow.
    assert progress_text(40, 80, MERGING, 30.0) == "Indexing… 50 % (merging events), 30 s"
    assert progress_text(70, 80, WRITING_EVENTS, 40.0) == (
        "Indexing… 87 % (writing the events index), 40 s")


async def test_global_sync_and_admin_commands_not_offered_in_dms(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    async with run_bot(bot_settings.model_copy(update={"guild_ids": []})):
        assert {c["name"] for c in fake_discord.synced_commands[None]} == EXPECTED_COMMANDS
        with pytest.raises(PermissionError):  # guild-only: Discord does not offer it in DMs
            await fake_discord.invoke("reindex", guild_id=None)
        with pytest.raises(PermissionError):  # the group's setting reaches Discord too
            await fake_discord.invoke("corpus remove", {"id": "000"}, guild_id=None)
        msg = await (await fake_discord.invoke("help", guild_id=None)).final()
    assert "/search" in msg.embeds[0]["description"]
    assert_clean(fake_discord)


async def test_unexpected_error_gets_an_apology_with_an_id(
        run_bot: BotRunner, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with run_bot() as bot:
        def boom(*a: object, **k: object) -> None:
            raise RuntimeError("kaboom")

        monkeypatch.setattr(bot.library, "sources", boom)
        with caplog.at_level(logging.ERROR, logger="bot.tree"):
            msg = await (await fake_discord.invoke("sources")).final()
    assert msg.ephemeral and "error id" in msg.content
    error_id = msg.content.split("error id ")[1][:8]
    assert any(error_id in r.getMessage() and r.exc_info for r in caplog.records)
    assert_clean(fake_discord)


async def test_slow_answer_defers_then_failure_still_reaches_the_user(
        run_bot: BotRunner, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.app.DEFER_AFTER_S", 0.05)
    async with run_bot() as bot:
        def slow_fail(*a: object, **k: object) -> None:
            import time

            time.sleep(0.3)
            raise QueryError("That query could not be answered.")

        monkeypatch.setattr(bot.library, "search", slow_fail)
        rec = await fake_discord.invoke("search", {"query": "debt"}, timeout=5)
        msg = await rec.final()
    assert rec.callback_type == 5
    assert "could not be answered" in msg.content
    assert msg.ephemeral  # the public "thinking…" was replaced, not turned into the error
    assert rec.original is not None and rec.original.deleted
    assert not msg.loading
    assert_clean(fake_discord)


async def test_an_error_after_an_immediate_deferral_stays_private(
        run_bot: BotRunner, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    async with run_bot() as bot:
        def fail(*a: object, **k: object) -> None:
            raise QueryError("That timeline could not be drawn.")

        monkeypatch.setattr(bot.library, "timeline", fail)
        rec = await fake_discord.invoke("timeline", {"topic": "debt"})
        msg = await rec.final()
    assert rec.callback_type == 5  # /timeline says "thinking…" at once
    assert msg.ephemeral and msg.content == "That timeline could not be drawn."
    assert_clean(fake_discord)


async def test_token_never_logged(run_bot: BotRunner, fake_discord: FakeDiscord,
                                  caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        async with run_bot():
            await (await fake_discord.invoke("help")).final()
            await asyncio.sleep(0)
    assert "test-token-not-secret-1234" not in caplog.text


def test_every_admin_command_carries_the_runtime_check() -> None:
    from bot.cogs.admin import AdminCog
    from bot.cogs.corpus import CorpusCog
    from bot.tree import _admin_predicate

    def walk(cmds: list) -> list:
        out = []
        for c in cmds:
            out += walk(list(c.commands)) if hasattr(c, "commands") else [c]
        return out

    every = walk(AdminCog.__cog_app_commands__ + CorpusCog.__cog_app_commands__)
    admin = [c for c in every if c.extras.get("admin")]
    assert {c.qualified_name for c in admin} >= {"reindex", "corpus add", "corpus remove"}
    assert admin, "no admin commands found"
    for cmd in admin:
        assert _admin_predicate in cmd.checks, f"/{cmd.name} lacks the admin check"
        top = cmd.root_parent or cmd
        assert top.guild_only
        assert top.default_permissions is not None and top.default_permissions.manage_guild


async def test_page_buttons_expire_cleanly(run_bot: BotRunner, fake_discord: FakeDiscord,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.paging.PAGE_TIMEOUT_S", 0.2)
    async with run_bot():
        msg = await (await fake_discord.invoke("search", {"query": "Russia"})).final()
        assert msg.custom_ids()
        await fake_discord.wait_until(lambda: not msg.components, timeout=3)
    assert msg.embeds and msg.embeds[0]["footer"]["text"].startswith("Page 1/")
    assert_clean(fake_discord)


async def test_cogs_load_without_duplicate_command_names(run_bot: BotRunner) -> None:
    async with run_bot() as bot:
        names = [c.name for c in bot.tree.get_commands(guild=None)]
        names += [c.name for c in bot.tree.get_commands(guild=discord.Object(GUILD.id))]
        cogs = set(bot.cogs)
    assert cogs == {"EventsCog", "SearchCog", "InfoCog", "AdminCog", "CorpusCog"}
    assert len(set(names)) == len(EXPECTED_COMMANDS)


async def test_debug_logs_hold_no_interaction_token(
        run_bot: BotRunner, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.app import log_filters

    monkeypatch.setattr("bot.app.DEFER_AFTER_S", 0.0)  # a deferral: a webhook URL is logged too
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Keep(logging.DEBUG)
    for log_filter in log_filters():
        handler.addFilter(log_filter)
    logging.getLogger().addHandler(handler)
    try:
        with caplog.at_level(logging.DEBUG):
            logging.getLogger("discord.webhook").setLevel(logging.DEBUG)
            async with run_bot():
                rec = await fake_discord.invoke("search", {"query": "debt"})
                await rec.final()
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger("discord.webhook").setLevel(logging.NOTSET)
    text = "\n".join(lines)
    assert "INTERACTION_CREATE" in text and "'token': '***'" in text
    assert f"/webhooks/{fake_discord.app_id}/***" in text
    assert rec.token not in text
    assert rec.token in caplog.text  # unfiltered, discord.py does log it: the filter matters
