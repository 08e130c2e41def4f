"""/when, /who and /timeline through the loopback fake Discord, over the seed corpus."""

from __future__ import annotations

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
    assert msg.embeds[0]["title"].startswith("/timeline — ")
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
