"""The real Tumen bot against the loopback fake Discord."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest

from bot.app import TumenBot
from bot.settings import Settings
from tests.conftest import SEED_CORPUS
from tests.fakediscord import (
    FakeDiscord,
    GuildSpec,
    RoleSpec,
    fake_discord_fixture,
    running_client,
)

MANAGE_GUILD = 1 << 5
ADMIN_ROLE = RoleSpec(name="tumen-admin")
PLAIN_ROLE = RoleSpec(name="analyst")
GUILD = GuildSpec(id=910_000_000_000_000_001, name="Analysts", roles=[ADMIN_ROLE, PLAIN_ROLE])
APP_ID = 910_000_000_000_000_100

fake_discord = fake_discord_fixture(app_id=APP_ID, guilds=[GUILD])


@pytest.fixture
def bot_settings(tmp_path: Path, seed_index_dir: Path) -> Settings:
    """Settings over a private copy of the seed index and corpus."""
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index_dir, index_dir)
    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[2] / "corpus", corpus)
    return Settings(_env_file=None, discord_token="test-token-not-secret-1234",  # type: ignore[call-arg]
                    guild_ids=[GUILD.id], admin_role_ids=[ADMIN_ROLE.id], corpus_dir=corpus,
                    index_dir=index_dir, feedback_file=tmp_path / "feedback.jsonl")


BotRunner = Callable[..., AbstractAsyncContextManager[TumenBot]]


@pytest.fixture
def run_bot(fake_discord: FakeDiscord, bot_settings: Settings) -> Iterator[BotRunner]:
    """``async with run_bot() as bot:`` starts the real bot against the fake and waits READY.

    Fails the test on any warning the fake recorded (a request Discord accepts but whose effect
    differs from what the bot asked for, such as a public reply meant to be private).
    """

    def start(settings: Settings | None = None, *,
              reconnect: bool = False) -> AbstractAsyncContextManager[TumenBot]:
        bot = TumenBot(settings or bot_settings, guild_ready_timeout=0.05)

        async def runner() -> AsyncIterator[TumenBot]:
            # setup_hook (cogs, command sync) completes during login, before READY.
            async with running_client(bot, fake_discord, token="test-token-not-secret-1234",
                                      reconnect=reconnect):
                yield bot

        return asynccontextmanager(runner)()

    yield start
    assert fake_discord.warnings == [], "the fake Discord recorded warnings"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seed corpus and an empty index location, via the TUMEN_ settings."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    monkeypatch.setenv("TUMEN_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("TUMEN_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.delenv("TUMEN_DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return tmp_path
