"""Settings errors and the no-token path never show the token, wherever it was put by mistake."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings
from tests.conftest import SEED_CORPUS

TOKEN = "MTA5.secret-token-under-test.xyz"
FIELDS = ["guild_ids", "admin_role_ids", "admin_user_ids", "log_level", "max_article_bytes",
          "cooldown_rate", "cooldown_per_s"]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seed corpus, an empty index location, and the token set."""
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    monkeypatch.setenv("TUMEN_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("TUMEN_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("TUMEN_DISCORD_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return tmp_path


@pytest.mark.parametrize("field", FIELDS)
def test_a_token_pasted_into_another_setting_is_not_echoed(
        env: Path, field: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(f"TUMEN_{field.upper()}", TOKEN)
    with caplog.at_level(logging.DEBUG):
        assert main(["run"]) == 2
    out, err = capsys.readouterr()
    assert "Configuration error" in err and field in err
    assert TOKEN not in out + err + caplog.text
    assert "MTA5" not in err  # not even a fragment of it


def test_errors_from_a_dotenv_file_do_not_echo_it_either(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("TUMEN_DISCORD_TOKEN")
    (env / ".env").write_text(f"TUMEN_DISCORD_TOKEN={TOKEN}\nTUMEN_COOLDOWN_RATE=-{TOKEN}\n",
                              encoding="utf-8")
    assert main(["run"]) == 2
    out, err = capsys.readouterr()
    assert "cooldown_rate" in err and TOKEN not in out + err


def test_out_of_range_values_are_refused_without_the_value(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TUMEN_COOLDOWN_RATE", "-7")
    monkeypatch.setenv("TUMEN_COOLDOWN_PER_S", "0")
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "cooldown_rate" in err and "cooldown_per_s" in err and "-7" not in err


def test_no_token_path_never_shows_the_dotenv_token(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # An empty variable wins over the .env file: the bot is not started, and says so.
    monkeypatch.setenv("TUMEN_DISCORD_TOKEN", "")
    (env / ".env").write_text(f"TUMEN_DISCORD_TOKEN={TOKEN}\n", encoding="utf-8")
    assert main(["run"]) == 0
    out, err = capsys.readouterr()
    assert "No Discord token is set" in out and TOKEN not in out + err


def test_settings_repr_and_dump_hide_the_token(env: Path) -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.cooldown_rate == 5 and settings.cooldown_per_s == 10.0
    assert TOKEN not in repr(settings) + str(settings.model_dump())
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == TOKEN
