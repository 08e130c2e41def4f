"""The `tumen` command line over a damaged or misplaced index: one clear line, never a
traceback, and `tumen index --full` recovers wherever it can (issue 12.5, 12.6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from index.store import WHOOSH_DIR, read_pointer
from tests.conftest import SEED_CORPUS


@pytest.fixture
def ix(tmp_path: Path, seed_index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the seed index and corpus, named by the TUMEN_ settings."""
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    shutil.copytree(seed_index_dir, tmp_path / "index")
    monkeypatch.setenv("TUMEN_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("TUMEN_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.delenv("TUMEN_DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    return tmp_path / "index"


def whoosh_dir(index_dir: Path) -> Path:
    return index_dir / str(read_pointer(index_dir)) / WHOOSH_DIR


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    """What the failed command printed: nothing on stdout, one line on stderr."""
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err, err
    assert err.count("\n") == 1, err
    return err.strip()


def answers_again(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "/when debt"]) == 0
    assert "May 2014" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["ask", "/when debt"], ["ask", "/search debt"], ["events"],
                                  ["ask", "/timeline"]])
def test_commands_on_a_damaged_segment_say_how_to_repair_it(
        ix: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    for seg in whoosh_dir(ix).glob("*.seg"):
        seg.write_bytes(bytes(seg.stat().st_size))  # same size, all zeros
    assert main(argv) == 1
    message = one_line_error(capsys)
    assert message.startswith("The index is damaged (") and "does not match its checksum" in message
    assert message.endswith("run `tumen index --full`.")


def test_index_over_a_damaged_segment_rebuilds_and_says_why(
        ix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (seg,) = whoosh_dir(ix).glob("passages_*.seg")
    seg.unlink()
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert "full build" in out and "Rebuilt everything: the served index was damaged (" in out
    assert f"{seg.name} is missing" in out
    answers_again(capsys)
