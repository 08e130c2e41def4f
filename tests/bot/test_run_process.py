"""`tumen run` as a real process, pointed at the loopback fake by its proxy settings."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.bot.conftest import GUILD
from tests.fakediscord import FakeDiscord
from tests.fakediscord.rest import FAILURE_BODY_MARKER

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


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/users/@me", 503),                  # login
    ("GET", "/oauth2/applications/@me", 520),    # login, fetching the application
    ("PUT", "/commands", 503),                   # command sync, in setup
    ("PUT", "/commands", 403),                   # invited without applications.commands
])
async def test_tumen_run_fails_in_one_line_without_the_response_body(
        fake_discord: FakeDiscord, bot_settings: Settings, tmp_path: Path,
        method: str, path: str, status: int) -> None:
    # The fake answers with a body that echoes the request's headers (the token among them), as
    # a misbehaving proxy would; 500/502/504 take the same path after discord.py's ~25 s retries.
    fake_discord.failures[(method, path)] = status
    env = {**os.environ,
           "TUMEN_DISCORD_TOKEN": TOKEN,
           "TUMEN_DISCORD_API_BASE": fake_discord.api_base,
           "TUMEN_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
           "TUMEN_GUILD_IDS": str(GUILD.id),
           "TUMEN_INDEX_DIR": str(bot_settings.index_dir),
           "TUMEN_CORPUS_DIR": str(bot_settings.corpus_dir),
           "TUMEN_LOG_LEVEL": "WARNING"}
    tumen = Path(sys.executable).parent / "tumen"
    proc = await asyncio.create_subprocess_exec(
        str(tumen), "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    except TimeoutError:
        proc.kill()
        raise
    text = err.decode(errors="replace")
    assert proc.returncode == 1, text
    asked = fake_discord.requests
    assert any(m == method and p.endswith(path) for m, p in asked), asked
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert " ERROR " in lines[0] and f" {status} " in lines[0] and method in lines[0]
    assert "Traceback" not in text and FAILURE_BODY_MARKER not in text
    assert TOKEN not in text + out.decode(errors="replace")


async def test_tumen_run_fails_in_one_line_when_setup_cannot_build_the_index(
        fake_discord: FakeDiscord, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    env = {**os.environ, "TUMEN_DISCORD_TOKEN": TOKEN,
           "TUMEN_DISCORD_API_BASE": fake_discord.api_base,
           "TUMEN_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
           "TUMEN_INDEX_DIR": str(tmp_path / "index"),
           "TUMEN_CORPUS_DIR": str(tmp_path / "empty"),
           "TUMEN_LOG_LEVEL": "WARNING"}
    tumen = Path(sys.executable).parent / "tumen"
    proc = await asyncio.create_subprocess_exec(
        str(tumen), "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    lines = err.decode(errors="replace").splitlines()
    assert proc.returncode == 1
    assert len(lines) == 1 and "ERROR" in lines[0] and "nothing to index" in lines[0], lines


async def test_tumen_run_refuses_an_index_that_is_a_file_without_saying_it_builds(
        fake_discord: FakeDiscord, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not an index", encoding="utf-8")
    env = {**os.environ, "TUMEN_DISCORD_TOKEN": TOKEN,
           "TUMEN_DISCORD_API_BASE": fake_discord.api_base,
           "TUMEN_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
           "TUMEN_INDEX_DIR": str(afile), "TUMEN_CORPUS_DIR": str(tmp_path / "corpus"),
           "TUMEN_LOG_LEVEL": "INFO"}
    tumen = Path(sys.executable).parent / "tumen"
    proc = await asyncio.create_subprocess_exec(
        str(tumen), "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    text = err.decode(errors="replace")
    assert proc.returncode == 1
    assert "building it" not in text and "Traceback" not in text, text
    errors = [line for line in text.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and f"cannot keep the index in {afile}" in errors[0], text
