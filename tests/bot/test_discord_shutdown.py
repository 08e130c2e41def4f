"""SIGTERM: no new commands, in-flight ones answered, builds stopped cleanly, exit 0 (16.4)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from bot.shutdown import RESTARTING, drain
from index.errors import QueryError
from tests.bot.conftest import ADMIN_ROLE, GUILD, BotRunner
from tests.fakediscord import FakeDiscord

ADMIN = {"member_roles": [ADMIN_ROLE.id], "permissions": 1 << 5 | 1 << 31 | 1 << 11}


async def test_shutdown_refuses_new_commands_and_answers_what_is_in_flight(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.app.DEFER_AFTER_S", 0.05)
    release = threading.Event()
    settings = bot_settings.model_copy(update={"shutdown_grace_s": 0.2})
    try:
        async with run_bot(settings) as bot:
            def stuck(*args: Any, **kwargs: Any) -> Any:
                release.wait()  # runs past any grace period
                # Nobody waits for this any more; not a search either (the index is closed).
                raise QueryError("released")

            monkeypatch.setattr(bot.library, "search", stuck)
            slow = await fake_discord.invoke("search", {"query": "debt"}, wait=False)
            await slow.wait_for(lambda r: r.callback_type == 5)  # "thinking…" shows
            stopping = asyncio.create_task(drain(bot))
            while not bot.lifecycle.stopping:  # let the shutdown begin
                await asyncio.sleep(0)
            refused = await (await fake_discord.invoke("help")).final()
            await stopping
            answered = await slow.final()
            assert bot.is_closed()
    finally:
        release.set()
    assert refused.ephemeral and refused.content == RESTARTING
    assert answered.ephemeral and answered.content == RESTARTING
    assert slow.original is not None and slow.original.deleted  # no public "thinking…" left
    assert not fake_discord.sessions  # the gateway is closed
    assert fake_discord.violations == []


async def test_a_command_that_finishes_within_the_grace_period_gets_its_answer(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.app.DEFER_AFTER_S", 0.05)
    release = threading.Event()
    settings = bot_settings.model_copy(update={"shutdown_grace_s": 60.0})
    try:
        async with run_bot(settings) as bot:
            real_search = bot.library.search

            def held(*args: Any, **kwargs: Any) -> Any:
                release.wait()  # until the shutdown has begun
                return real_search(*args, **kwargs)

            monkeypatch.setattr(bot.library, "search", held)
            slow = await fake_discord.invoke("search", {"query": "Sochi"}, wait=False)
            await slow.wait_for(lambda r: r.callback_type == 5)
            stopping = asyncio.create_task(drain(bot))
            while not bot.lifecycle.stopping:  # let the shutdown begin
                await asyncio.sleep(0)
            release.set()
            await stopping  # returns once the command is done, long before the grace ends
            answer = await slow.final()
    finally:
        release.set()
    assert not answer.ephemeral and answer.embeds[0]["title"].startswith("/search Sochi")
    assert fake_discord.violations == []


async def test_a_running_build_is_stopped_cleanly_and_says_so(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from index.build.build import build_index

    settings = bot_settings.model_copy(update={"shutdown_grace_s": 0.0})
    async with run_bot(settings) as bot:
        served = bot.library.status()["generation"]

        def held_build(*args: Any, **kwargs: Any) -> Any:
            bot.lifecycle.stop_builds.wait()  # the build is still running when asked to stop
            return build_index(*args, **kwargs)

        monkeypatch.setattr(sys.modules["bot.cogs.admin"], "build_index", held_build)
        rec = await fake_discord.invoke("reindex", {"full": True}, wait=False, **ADMIN)
        await rec.wait_for(lambda r: r.callback_type == 5)
        await drain(bot)
        msg = await rec.final()
        after = bot.library.status()["generation"]
    assert msg.ephemeral  # failed while "thinking…" still showed: privately
    assert msg.content.startswith("Reindex failed: the bot is restarting, so the build was "
                                  "stopped; the served index is unchanged")
    assert after == served
    assert fake_discord.violations == []


async def test_sigterm_stops_tumen_run_with_exit_code_0(
        fake_discord: FakeDiscord, bot_settings: Settings, tmp_path: Path) -> None:
    env = {**os.environ,
           "TUMEN_DISCORD_TOKEN": "sigterm-token-0000",
           "TUMEN_DISCORD_API_BASE": fake_discord.api_base,
           "TUMEN_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
           "TUMEN_GUILD_IDS": str(GUILD.id),
           "TUMEN_INDEX_DIR": str(bot_settings.index_dir),
           "TUMEN_CORPUS_DIR": str(bot_settings.corpus_dir),
           "TUMEN_LOG_LEVEL": "INFO"}
    tumen = Path(sys.executable).parent / "tumen"
    proc = await asyncio.create_subprocess_exec(
        str(tumen), "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await fake_discord.wait_ready(timeout=30)
        await fake_discord.wait_synced(GUILD.id, timeout=30)
        proc.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.communicate()
    text = output.decode(errors="replace")
    assert proc.returncode == 0, text
    assert "stop signal received" in text and "Traceback" not in text
    await fake_discord.wait_until(lambda: not fake_discord.sessions)


def test_the_image_runs_the_bot_under_an_init() -> None:
    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text(encoding="utf-8")
    assert "apt-get install -y --no-install-recommends tini" in dockerfile
    assert 'ENTRYPOINT ["/usr/bin/tini", "--"]' in dockerfile
