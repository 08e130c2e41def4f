""""Cite in Tumen": a message context-menu command that searches a message's text (16.9)."""

from __future__ import annotations

import discord

from bot.cogs.search import QUERY_LIMIT, message_query
from tests.bot.conftest import GUILD, BotRunner
from tests.fakediscord import FakeDiscord

MESSAGE = ("Didn't Russia forgive most of North Korea's Soviet-era debt? @everyone "
           "someone said it was 90 percent")


async def test_cite_in_tumen_searches_the_message_and_answers_privately(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        (menu,) = [c for c in fake_discord.synced_commands[GUILD.id] if c.get("type") == 3]
        rec = await fake_discord.invoke_message_command("Cite in Tumen", MESSAGE)
        msg = await rec.final()
    assert menu["name"] == "Cite in Tumen" and not menu.get("description")
    assert msg.ephemeral and msg.allowed_mentions == {"parse": []}
    (embed,) = msg.embeds
    assert embed["title"].startswith("/search Didn't Russia forgive")
    assert "001_fb27f336a89ec95e:p12" in " ".join(f["value"] for f in embed["fields"])
    assert fake_discord.violations == [] and fake_discord.warnings == []


async def test_a_message_without_text_is_refused_in_one_private_sentence(
        run_bot: BotRunner, fake_discord: FakeDiscord) -> None:
    async with run_bot():
        msg = await (await fake_discord.invoke_message_command("Cite in Tumen", "  ")).final()
    assert msg.ephemeral and msg.content == "That message has no text to search for."
    assert fake_discord.violations == []


class _Message:
    """Just what `message_query` reads of a discord.Message."""

    def __init__(self, content: str, embeds: list[discord.Embed] | None = None) -> None:
        self.content = content
        self.embeds = embeds or []


def test_the_query_is_the_text_cut_at_a_word_to_the_query_limit() -> None:
    long = " ".join(["sanctions"] * 100)
    query = message_query(_Message(long))  # type: ignore[arg-type]
    assert len(query) <= QUERY_LIMIT and query.endswith("sanctions")
    assert message_query(_Message("a\n\n  b")) == "a b"  # type: ignore[arg-type]
    embedded = _Message("", [discord.Embed(title="Debt", description="written off")])
    assert message_query(embedded) == "Debt written off"  # type: ignore[arg-type]
    assert len(message_query(_Message("x" * 900))) == QUERY_LIMIT  # type: ignore[arg-type]


def test_help_mentions_the_menu_and_the_feedback_button() -> None:
    from bot.commandline import help_answer

    text = " ".join(help_answer().notes)
    assert "Apps → Cite in Tumen" in text and "Wrong citation?" in text
