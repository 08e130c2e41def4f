"""/corpus add and /corpus remove end to end: the real bot, the fake Discord, a local web page."""

from __future__ import annotations

from pathlib import Path

from bot.cogs.corpus import CorpusCog
from bot.settings import Settings
from bot.tree import _admin_predicate
from tests.bot.conftest import ADMIN_ROLE, PLAIN_ROLE, BotRunner
from tests.fakediscord import FakeDiscord, InteractionRecord, MessageRecord
from tests.index.corpus.test_ingest import NEWS_PAGE, serve_pages

# Admins hold the role Tumen is configured with; both kinds of member can see the commands
# (Manage Server), so the refusal tested is the bot's own run-time check.
PERMS = 1 << 5 | 1 << 31 | 1 << 11
ADMIN = {"member_roles": [ADMIN_ROLE.id], "permissions": PERMS}
PACT_ID = "putin-and-kim-sign-mutual-defence-pact-in-pyongyang"
GRAIN_MD = ("---\ntitle: Russia ships grain to Nampo\npublisher: Vladivostok Daily\n"
            "date: 2015-03\n---\nA Russian freighter unloaded 20,000 tonnes of wheat in the "
            "port of Nampo, the first such shipment under the barter agreement.\n")


def assert_clean(fake: FakeDiscord) -> None:
    assert fake.violations == []
    assert fake.server_errors == []
    assert fake.unhandled == []
    assert fake.warnings == []


async def outcome(rec: InteractionRecord) -> MessageRecord:
    """The deferred message once it shows the outcome (it says "Indexing…" while building)."""
    await rec.wait_for(lambda r: r.original is not None and not r.original.loading
                       and "Indexing…" not in r.original.content, timeout=5)
    return await rec.final()


def cited(msg: MessageRecord) -> str:
    """Everything a search answer shows, to look for passage ids in."""
    embed = msg.embeds[0] if msg.embeds else {}
    return " ".join([msg.content, embed.get("title", ""), embed.get("description", "")]
                    + [f["value"] for f in embed.get("fields", [])])


async def test_admin_adds_by_url_then_it_is_cited_and_remove_takes_it_out(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    settings = bot_settings.model_copy(update={"fetch_allow_private": True})
    async with serve_pages({"/news/pact.html": NEWS_PAGE}) as base, run_bot(settings):
        rec = await fake_discord.invoke("corpus add", {"url": f"{base}/news/pact.html"}, **ADMIN)
        added = await outcome(rec)
        saved = (Path(settings.corpus_dir) / f"{PACT_ID}.md").read_text(encoding="utf-8")
        search = await (await fake_discord.invoke(
            "search", {"query": "mutual defence pact"})).final()
        removed = await outcome(await fake_discord.invoke(
            "corpus remove", {"id": "putin-and-kim"}, **ADMIN))
        after = await (await fake_discord.invoke(
            "search", {"query": "mutual defence pact"})).final()
        sources = await (await fake_discord.invoke("sources")).final()
    assert rec.callback_type == 5  # deferred, then edited with the outcome
    assert (f"Added “Putin and Kim sign mutual defence pact in Pyongyang” (Far East Monitor, "
            f"2024-06-19) as `{PACT_ID}`") in added.content
    assert "Indexed 6 articles" in added.content and "Added 1" in added.content
    assert not added.loading and not added.ephemeral
    assert f"{PACT_ID}:p" in cited(search)
    assert saved.startswith("---\ntitle: Putin and Kim sign mutual defence pact in Pyongyang\n")
    assert f"url: {base}/news/pact.html\n" in saved
    assert not (Path(settings.corpus_dir) / f"{PACT_ID}.md").exists()
    assert f"Removed `{PACT_ID}` ({PACT_ID}.md)" in removed.content
    assert "Indexed 5 articles" in removed.content and f"removed: {PACT_ID}" in removed.content
    assert PACT_ID not in cited(after)
    assert sources.embeds[0]["title"] == "5 articles indexed"
    assert_clean(fake_discord)


async def test_admin_adds_an_attached_file_and_can_cite_it(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    upload = fake_discord.upload("grain.md", GRAIN_MD.encode(), "text/markdown")
    async with run_bot():
        added = await outcome(await fake_discord.invoke(
            "corpus add", {"file": upload, "id": "grain-nampo", "date": "2015-03-04"},
            **ADMIN))
        cite = await (await fake_discord.invoke("cite", {"id": "grain-nampo:p1"})).final()
        again = await (await fake_discord.invoke(
            "corpus add", {"file": upload, "id": "grain-nampo"}, **ADMIN)).final()
    assert ("Added “Russia ships grain to Nampo” (Vladivostok Daily, 2015-03-04) "
            "as `grain-nampo`") in added.content
    assert "Cite it as `/cite grain-nampo:p1`" in added.content
    assert cite.embeds[0]["title"] == "grain-nampo:p1"
    assert "20,000 tonnes of wheat" in cite.embeds[0]["description"]
    saved = (Path(bot_settings.corpus_dir) / "grain-nampo.md").read_text(encoding="utf-8")
    assert "added_by: '" in saved and "date: '2015-03-04'" in saved
    assert "already exists (grain-nampo.md)" in again.content and "replace:true" in again.content
    assert_clean(fake_discord)


async def test_an_article_the_index_skips_is_reported_not_offered_for_citing(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    junk = fake_discord.upload("junk.txt", b"Read the full article at Reuters.\n\nShare this\n")
    async with run_bot():
        msg = await outcome(await fake_discord.invoke(
            "corpus add", {"file": junk, "id": "junk", "title": "Junk"}, **ADMIN))
    assert "Added “Junk” (publisher unknown, undated) as `junk`" in msg.content
    assert "The index skipped it: nothing left after removing boilerplate." in msg.content
    assert "/cite junk" not in msg.content
    assert_clean(fake_discord)


async def test_members_are_refused_and_nothing_changes(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    before = sorted(p.name for p in Path(bot_settings.corpus_dir).iterdir())
    upload = fake_discord.upload("grain.md", GRAIN_MD.encode(), "text/markdown")
    async with run_bot():
        add = await (await fake_discord.invoke(
            "corpus add", {"file": upload}, member_roles=[PLAIN_ROLE.id],
            permissions=PERMS)).final()
        remove = await (await fake_discord.invoke(
            "corpus remove", {"id": "000"}, member_roles=[PLAIN_ROLE.id],
            permissions=PERMS)).final()
    for msg in (add, remove):
        assert msg.ephemeral and "Only Tumen admins" in msg.content
    assert sorted(p.name for p in Path(bot_settings.corpus_dir).iterdir()) == before
    assert_clean(fake_discord)


async def test_refusals_are_one_sentence_and_private_addresses_stay_closed(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    pdf = fake_discord.upload("report.pdf", b"%PDF-1.7", "application/pdf")
    async with serve_pages({"/news/pact.html": NEWS_PAGE}) as base, run_bot():
        neither = await (await fake_discord.invoke("corpus add", {}, **ADMIN)).final()
        bad_id = await (await fake_discord.invoke(
            "corpus add", {"url": f"{base}/x", "id": "../../etc"}, **ADMIN)).final()
        wrong_type = await (await fake_discord.invoke(
            "corpus add", {"file": pdf}, **ADMIN)).final()
        private = await (await fake_discord.invoke(  # the setting is off by default
            "corpus add", {"url": f"{base}/news/pact.html"}, **ADMIN)).final()
        unknown = await (await fake_discord.invoke(
            "corpus remove", {"id": "zzz"}, **ADMIN)).final()
    assert neither.ephemeral and "Attach a .md, .txt or .html file or give a url" in neither.content
    assert bad_id.ephemeral and "cannot be an article id" in bad_id.content
    assert wrong_type.ephemeral
    assert "report.pdf is not a .md, .txt or .html file" in wrong_type.content
    assert "Could not add the article: that address is on a private network" in private.content
    assert "Could not remove the article: No article id starts with “zzz”" in unknown.content
    assert private.ephemeral and unknown.ephemeral  # failed after "thinking…", still private
    assert not (Path(bot_settings.corpus_dir) / f"{PACT_ID}.md").exists()
    assert_clean(fake_discord)


async def test_corpus_group_is_synced_as_an_admin_command(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot() as bot:
        synced = await fake_discord.wait_synced(bot.settings.guild_ids[0])
    (corpus,) = [c for c in synced if c["name"] == "corpus"]
    assert int(corpus["default_member_permissions"]) == 1 << 5
    assert corpus["contexts"] == [0]  # servers only: not offered in DMs
    subs = {o["name"]: o for o in corpus["options"]}
    assert set(subs) == {"add", "remove"}
    for sub in subs.values():
        assert sub["description"]
        for opt in sub["options"]:
            assert opt["description"], f"/corpus {sub['name']} {opt['name']} has no description"
    assert {o["name"]: o["type"] for o in subs["add"]["options"]}["file"] == 11  # attachment
    assert_clean(fake_discord)


def test_every_corpus_command_carries_the_runtime_check() -> None:
    (group,) = CorpusCog.__cog_app_commands__
    assert group.guild_only and group.default_permissions.manage_guild
    assert group.extras.get("admin")
    for cmd in group.commands:
        assert cmd.extras.get("admin")
        assert _admin_predicate in cmd.checks, f"/corpus {cmd.name} lacks the admin check"
        # Discord ignores these below the top level: no dead decorators on the subcommands.
        assert not cmd.guild_only and cmd.default_permissions is None
