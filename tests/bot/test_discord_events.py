"""/when, /who and /timeline through the loopback fake Discord, over the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from tests.bot.conftest import BotRunner
from tests.fakediscord import FakeDiscord

NO_PINGS = {"parse": []}


async def test_when_debt_is_a_dated_cited_embed(run_bot: BotRunner,
                                                fake_discord: FakeDiscord) -> None:
    async with run_bot():
        msg = await (await fake_discord.invoke("when", {"topic": "debt"})).final()
    (embed,) = msg.embeds
    assert embed["title"].startswith("/when debt — ")
    first = embed["fields"][0]
    assert first["name"].startswith("1. May 2014 · debt relief · happened")
    assert "**debt**" in first["value"] and "reported by" in first["value"]
    assert "disagree on the amount" in embed["description"]
    assert msg.allowed_mentions == NO_PINGS
    assert fake_discord.violations == []


async def test_who_visited_2014_lists_visitors_in_date_order(run_bot: BotRunner,
                                                             fake_discord: FakeDiscord) -> None:
    async with run_bot():
        msg = await (await fake_discord.invoke("who", {"query": "visited 2014"})).final()
    names = [f["name"] for f in msg.embeds[0]["fields"]]
    assert all("visit" in n for n in names)
    text = " ".join(f["value"] for f in msg.embeds[0]["fields"])
    assert "Kim Yong-nam" in text
    assert fake_discord.violations == []


async def test_timeline_and_autocomplete(run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        msg = await (await fake_discord.invoke("timeline", {"from": "2014", "to": "2014"})).final()
        choices = await fake_discord.autocomplete("when", "topic", "Trut")
        nothing = await (await fake_discord.invoke("when", {"topic": "zanzibar"})).final()
    assert msg.embeds[0]["title"].startswith("/timeline from 2014 to 2014 — ")
    assert [c["value"] for c in choices][:1] == ["Yuri Trutnev"]
    assert "Nothing in the corpus about “zanzibar”" in nothing.embeds[0]["description"]
    assert fake_discord.violations == []


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


async def test_timeline_is_a_picture_attached_to_the_embed(run_bot: BotRunner,
                                                           fake_discord: FakeDiscord) -> None:
    async with run_bot():
        rec = await fake_discord.invoke("timeline", {"topic": "visit"})
        msg = await rec.final()
    assert rec.callback_type == 5  # drawing may take a moment: deferred first
    (attachment,) = msg.attachments
    assert attachment.filename == "timeline.png"
    width, height = png_size(attachment.data)
    assert width == 800 and height > 300
    assert msg.embeds[0]["image"]["url"] == "attachment://timeline.png"
    assert fake_discord.violations == []


async def test_cite_style_and_copy_citation_button(run_bot: BotRunner,
                                                   fake_discord: FakeDiscord) -> None:
    from tests.fakediscord import UserSpec

    async with run_bot():
        bib = await (await fake_discord.invoke("cite", {"id": "001:p12",
                                                        "style": "bibtex"})).final()
        answer = await (await fake_discord.invoke("search", {"query": "Sochi"})).final()
        buttons = {c["label"]: c["custom_id"] for row in answer.components
                   for c in row["components"]}
        copied = await (await fake_discord.click(answer, buttons["Copy citation"],
                                                 user=UserSpec(username="someone"))).final()
    assert bib.content.startswith("```bibtex\n@online{001_fb27f336a89ec95e,")
    assert "Previous" not in buttons  # one page: no page buttons
    assert copied.ephemeral and copied.content.startswith("```text\n")
    assert "000_991db22383b8adc6:p2" in copied.content and "CNAS" in copied.content
    assert fake_discord.violations == []


@pytest.fixture
def visits_settings(bot_settings: Settings, tmp_path: Path) -> Settings:
    """The bot over an index of 250 dated visits (more than any list shows)."""
    from index.build.build import build_index
    from tests.index.answers.test_lists import visits_article

    corpus = tmp_path / "visits"
    corpus.mkdir()
    (corpus / "visits.md").write_text(visits_article(), encoding="utf-8")
    build_index(corpus, tmp_path / "visits-index")
    return bot_settings.model_copy(update={"corpus_dir": corpus,
                                           "index_dir": tmp_path / "visits-index"})


async def test_cut_lists_say_how_many_of_how_many_on_every_page(
        run_bot: BotRunner, fake_discord: FakeDiscord, visits_settings: Settings) -> None:
    from tests.index.answers.test_lists import N_VISITS, visit_dates

    in_2014 = sum(d.year == 2014 for d in visit_dates())
    async with run_bot(visits_settings):
        who = await (await fake_discord.invoke("who", {"query": "visited 2014"})).final()
        timeline = await (await fake_discord.invoke("timeline", {})).final()
        search = await (await fake_discord.invoke("search", {"query": "Lavrov"})).final()
    assert who.embeds[0]["title"] == f"/who visited 2014 — 25 of {in_2014} events"
    assert (f"Showing the first 25 of {in_2014} events in date order; to narrow it"
            in who.embeds[0]["description"])
    assert timeline.embeds[0]["title"] == f"/timeline — 200 of {N_VISITS} events"
    assert f"Showing 200 of {N_VISITS} events" in timeline.embeds[0]["description"]
    assert search.embeds[0]["title"] == f"/search Lavrov — 10 of {N_VISITS} passages"
    assert fake_discord.violations == []


async def test_timeline_years_typed_after_the_topic_are_its_range(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        typed = await (await fake_discord.invoke("timeline", {"topic": "debt 2014 2014"})).final()
        options = await (await fake_discord.invoke(
            "timeline", {"topic": "debt", "from": "2014", "to": "2014"})).final()
        backwards = await (await fake_discord.invoke(
            "timeline", {"from": "2016", "to": "2015"})).final()
    assert typed.embeds[0]["title"].startswith("/timeline debt from 2014 to 2014 — ")
    assert typed.embeds[0]["fields"] == options.embeds[0]["fields"]
    assert all("2014" in f["name"] for f in typed.embeds[0]["fields"])
    assert backwards.ephemeral and "ends before it starts" in backwards.content
    assert fake_discord.violations == []


async def test_every_timeline_page_shows_the_picture_inside_its_embed(
        run_bot: BotRunner, fake_discord: FakeDiscord, visits_settings: Settings) -> None:
    async with run_bot(visits_settings):
        msg = await (await fake_discord.invoke("timeline", {})).final()
        buttons = {c["label"]: c["custom_id"] for row in msg.components
                   for c in row["components"]}
        await fake_discord.click(msg, buttons["Next"])
        second = msg.embeds[0]
        await fake_discord.click(msg, buttons["Previous"])
    assert second["footer"]["text"].startswith("Page 2/")
    assert second["image"]["url"] == "attachment://timeline.png"
    assert [a.filename for a in msg.attachments] == ["timeline.png"]
    assert msg.embeds[0]["image"]["url"] == "attachment://timeline.png"
    assert fake_discord.violations == [] and fake_discord.warnings == []
