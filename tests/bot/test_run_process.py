"""`tumen run` as a real process, pointed at the loopback fake by its proxy settings."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.settings import Settings
from tests.bot.conftest import GUILD
from tests.fakediscord import FakeDiscord

TOKEN = "process-token-must-not-leak-5678"


async def test_tumen_run_serves_commands_through_the_proxy_settings(
        fake_discord: FakeDiscord, bot_settings: Settings, tmp_path: Path) -> None:
    env = {**os.environ,
           "TUMEN_DISCORD_TOKEN": TOKEN,
           "TUMEN_DISCORD_API_BASE": fake_discord.api_base,
           "TUMEN_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
           "TUMEN_GUILD_IDS": str(GUILD.id),
           "TUMEN_INDEX_DIR": str(bot_settings.index_dir),
           "TUMEN_CORPUS_DIR": str(bot_settings.corpus_dir),
           "TUMEN_LOG_LEVEL": "DEBUG"}
    # The installed console script, as users run it (it does not put the working directory on
    # sys.path, where a folder named "index" would shadow the package).
    tumen = Path(sys.executable).parent / "tumen"
    proc = await asyncio.create_subprocess_exec(
        str(tumen), "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await fake_discord.wait_ready(timeout=30)
        await fake_discord.wait_synced(GUILD.id)
        msg = await (await fake_discord.invoke("when", {"topic": "debt"}, timeout=10)).final()
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        try:
            output, _ = await asyncio.wait_for(proc.communicate(), timeout=15)
        except TimeoutError:
            proc.kill()
            output, _ = await proc.communicate()
    text = output.decode(errors="replace")
    assert msg.embeds, text
    assert msg.embeds[0]["title"].startswith("/when debt")
    assert TOKEN not in text
    assert "application commands synced" in text
    assert fake_discord.violations == []


async def test_tumen_run_says_plainly_when_discord_cannot_be_reached(
        tmp_path: Path, bot_settings: Settings) -> None:
    env = {**os.environ, "TUMEN_DISCORD_TOKEN": TOKEN,
           # A closed port on loopback: connection refused at once.
           "TUMEN_DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",
           "TUMEN_DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway",
           "TUMEN_INDEX_DIR": str(bot_settings.index_dir),
           "TUMEN_CORPUS_DIR": str(bot_settings.corpus_dir)}
    tumen = Path(sys.executable).parent / "tumen"
    proc = await asyncio.create_subprocess_exec(
        str(tumen), "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    text = output.decode(errors="replace")
    assert proc.returncode == 1
    assert "Cannot reach Discord" in text and "Traceback" not in text
    assert TOKEN not in text
