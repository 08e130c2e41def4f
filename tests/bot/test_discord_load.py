"""The bot under pressure, against the fake: cooldowns, gateway drops, bursts, late answers."""

from __future__ import annotations

import asyncio
import itertools
import re
from typing import Any

import pytest

from bot.cooldown import UserCooldowns, retry_message
from bot.settings import Settings
from index.answers.services import Library
from tests.bot.conftest import ADMIN_ROLE, BotRunner
from tests.fakediscord import FakeDiscord, InteractionRecord, UserSpec

ADMIN_PERMISSIONS = 1 << 5 | 1 << 31 | 1 << 11


def assert_clean(fake: FakeDiscord) -> None:
    assert fake.violations == []
    assert fake.server_errors == []
    assert fake.unhandled == []


# -- cooldown ----------------------------------------------------------------------------------


def test_cooldown_is_a_sliding_window_and_refusals_do_not_count() -> None:
    now = [100.0]
    limits = UserCooldowns(rate=2, per=10.0, clock=lambda: now[0])
    assert limits.hit(1) is None
    now[0] = 104.0
    assert limits.hit(1) is None
    assert limits.hit(1) == pytest.approx(6.0)  # the first use leaves the window at 110
    assert limits.hit(2) is None  # other users have their own budget
    now[0] = 109.0
    assert limits.hit(1) == pytest.approx(1.0)  # refusals did not push the time back
    now[0] = 110.0
    assert limits.hit(1) is None
    assert limits.hit(1) == pytest.approx(4.0)  # now the use at 104 is the oldest


def test_cooldown_off_and_idle_users_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    assert all(UserCooldowns(rate=0, per=10.0).hit(1) is None for _ in range(100))
    monkeypatch.setattr("bot.cooldown.PRUNE_ABOVE", 3)
    now = [0.0]
    limits = UserCooldowns(rate=1, per=1.0, clock=lambda: now[0])
    for user in range(3):
        limits.hit(user)
    now[0] = 5.0
    limits.hit(99)
    assert set(limits._uses) == {99}


def test_retry_message_is_one_polite_sentence() -> None:
    assert retry_message(0.2).endswith("try again in 1 second.")
    text = retry_message(7.01)
    assert text.endswith("please try again in 8 seconds.") and text.count(".") == 1


async def test_cooldown_refuses_politely_per_user_and_spares_autocomplete(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    limited = bot_settings.model_copy(update={"cooldown_rate": 3, "cooldown_per_s": 60.0})
    ann, bob = UserSpec(username="ann"), UserSpec(username="bob")
    async with run_bot(limited):
        for _ in range(10):  # typing in an option box must not use up the budget
            await fake_discord.autocomplete("cite", "id", "00", user=ann)
        answers = [await (await fake_discord.invoke(name, opts, user=ann)).final()
                   for name, opts in [("help", {}), ("cite", {"id": "000:p2"}),
                                      ("search", {"query": "debt"})]]
        refused = await (await fake_discord.invoke("sources", user=ann)).final()
        # Admins are polite-limited too, but a budget is per user: bob is unaffected.
        other = await (await fake_discord.invoke(
            "reindex", user=bob, member_roles=[ADMIN_ROLE.id],
            permissions=ADMIN_PERMISSIONS)).final()
    assert all(m.embeds for m in answers)
    assert refused.ephemeral and not refused.embeds
    wait = re.fullmatch(r"You're sending commands .*; please try again in (\d+) seconds\.",
                        refused.content)
    assert wait and 1 <= int(wait.group(1)) <= 60, refused.content
    assert refused.allowed_mentions == {"parse": []}
    assert "Reindex finished" in other.content
    assert_clean(fake_discord)


# -- gateway drops -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [4000, 1001, None], ids=["close-4000", "close-1001", "abrupt"])
async def test_bot_resumes_after_a_drop_and_gets_what_it_missed(
        run_bot: BotRunner, fake_discord: FakeDiscord, code: int | None) -> None:
    async with run_bot(reconnect=True):
        (session_id,) = fake_discord.gateway_states
        before = await (await fake_discord.invoke("help")).final()
        await fake_discord.drop_connection(code)
        # Pushed while the bot is disconnected: it reaches the bot as a replay on RESUME.
        rec = await fake_discord.invoke("search", {"query": "Sochi Olympics"})
        msg = await rec.final()
        await fake_discord.wait_resumed()
        after = await (await fake_discord.invoke("cite", {"id": "000:p2"})).final()
    assert before.embeds
    assert fake_discord.resumed == [session_id]
    assert fake_discord.resumes[0]["session_id"] == session_id
    assert len(fake_discord.identifies) == 1  # resumed, not identified again
    assert [f["t"] for f in fake_discord.replayed] == ["INTERACTION_CREATE"]
    assert rec.callback_type == 4 and msg.embeds[0]["title"].startswith("/search Sochi Olympics")
    assert after.embeds[0]["title"] == "000_991db22383b8adc6:p2"
    assert_clean(fake_discord)


async def test_bot_identifies_again_when_the_session_cannot_resume(
        run_bot: BotRunner, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    reidentified: list[bool] = []

    async def no_wait(shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py waits 5 s before a second IDENTIFY (Discord's identify rate limit).
        reidentified.append(not initial)

    async with run_bot(reconnect=True) as bot:
        monkeypatch.setattr(bot, "before_identify_hook", no_wait)
        await fake_discord.drop_connection(4009)  # "session timed out": not resumable
        await fake_discord.wait_until(lambda: len(fake_discord.identifies) == 2)
        await fake_discord.wait_ready()
        msg = await (await fake_discord.invoke("search", {"query": "debt"})).final()
    assert reidentified == [True]
    assert fake_discord.resumed == []
    assert len(fake_discord.resumes) == 1  # it tried, and was told to identify
    assert "debt" in msg.embeds[0]["title"]
    assert_clean(fake_discord)


# -- burst -------------------------------------------------------------------------------------


def mixed_commands(library: Library, count: int) -> list[tuple[str, dict[str, Any]]]:
    """`count` commands cycling through /search, /cite, /sources and /help over the seed."""
    queries = ["Sochi Olympics", "debt", "Russia", "Trutnev", '"year of friendship"',
               "zanzibar", "military exercises", "Kim Jong-un visit"]
    ids = library.passage_ids("", limit=40)
    pattern = itertools.cycle(["search", "cite", "search", "sources", "help"])
    commands: list[tuple[str, dict[str, Any]]] = []
    for n in range(count):
        name = next(pattern)
        if name == "search":
            commands.append((name, {"query": queries[n % len(queries)]}))
        elif name == "cite":
            commands.append((name, {"id": ids[n % len(ids)]}))
        else:
            commands.append((name, {}))
    return commands


async def test_burst_of_200_is_answered_in_time(
        run_bot: BotRunner, fake_discord: FakeDiscord, seed_library: Library) -> None:
    commands = mixed_commands(seed_library, 200)
    # Forty people, five commands each: a busy minute that stays within every user's budget.
    users = [UserSpec(username=f"analyst{n}") for n in range(40)]
    async with run_bot():
        records: list[InteractionRecord] = await asyncio.gather(*(
            fake_discord.invoke(name, opts, user=users[n % len(users)], wait=False)
            for n, (name, opts) in enumerate(commands)))
        await asyncio.gather(*(r.wait_settled(timeout=15, quiet=0) for r in records))
        await asyncio.sleep(0.1)  # let page-button message fetches finish
    assert all(r.callbacks and not r.rejected for r in records)  # late ones would be rejected
    by_name: dict[str, int] = {}
    for (name, _), rec in zip(commands, records, strict=True):
        assert rec.final_message is not None and rec.final_message.embeds, rec.summary()
        by_name[name] = by_name.get(name, 0) + 1
    assert by_name == {"search": 80, "cite": 40, "sources": 40, "help": 40}
    assert_clean(fake_discord)
