"""The `tumen` command line over a damaged or misplaced index: one clear line, never a
traceback, and `tumen index --full` recovers wherever it can (issue 12.5, 12.6)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from index.engine.store import POINTER, WHOOSH_DIR, read_pointer
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


def damaged_pointer(ix: Path, capsys: pytest.CaptureFixture[str], detail: str) -> None:
    """Queries say the pointer is damaged; `tumen index --full` builds and serves afresh."""
    assert main(["ask", "/when debt"]) == 1
    assert one_line_error(capsys) == (f"The index is damaged ({detail}): "
                                      "run `tumen index --full`.")
    assert main(["index", "--full"]) == 0
    assert "full build" in capsys.readouterr().out
    answers_again(capsys)


@pytest.mark.parametrize("argv", [["index"], ["index", "--full"]], ids=["incremental", "full"])
def test_garbage_events_table_of_contents(ix: Path, capsys: pytest.CaptureFixture[str],
                                          argv: list[str]) -> None:
    toc = whoosh_dir(ix) / "_events_1.toc"
    toc.write_bytes(bytes(range(256)) * (toc.stat().st_size // 256 + 1))
    assert main(["ask", "/when debt"]) == 1
    message = one_line_error(capsys)
    assert message.startswith("The index is damaged (_events_1.toc ")
    assert main(argv) == 0
    out = capsys.readouterr().out
    if argv == ["index"]:  # asked for an update, told why it rebuilt everything
        assert "Rebuilt everything: the served index was damaged (_events_1.toc " in out
    answers_again(capsys)


@pytest.mark.parametrize("content", [bytes(range(128, 256)) * 4, b"../../somewhere-else\n",
                                     b"gen-\x00\xff\xfe\n"], ids=["binary", "path", "nul"])
def test_garbage_in_current(ix: Path, capsys: pytest.CaptureFixture[str],
                            content: bytes) -> None:
    (ix / POINTER).write_bytes(content)
    damaged_pointer(ix, capsys, "CURRENT does not name a generation")


def test_current_as_a_folder(ix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ix / POINTER).unlink()
    (ix / POINTER).mkdir()
    (ix / POINTER / "notes.txt").write_text("someone's notes", encoding="utf-8")
    damaged_pointer(ix, capsys, "CURRENT is a folder, not a file")
    (aside,) = ix.glob(f"{POINTER}.folder-*")  # moved out of the way, not deleted
    assert (aside / "notes.txt").read_text(encoding="utf-8") == "someone's notes"


def test_a_ten_megabyte_current(ix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ix / POINTER).write_bytes(b"gen-" + b"a" * 10_000_000)
    damaged_pointer(ix, capsys, "CURRENT does not name a generation")


def test_index_pointing_at_a_file(tmp_path: Path, ix: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not an index", encoding="utf-8")
    assert main(["index", "--full", "--index", str(afile)]) == 1
    assert one_line_error(capsys) == (f"cannot keep the index in {afile}: it is not a folder "
                                      "(set with --index or TUMEN_INDEX_DIR)")
    assert afile.read_text(encoding="utf-8") == "not an index"


@pytest.mark.parametrize("argv", [["ask", "/when debt"], ["events"], ["console"], ["run"]])
def test_commands_that_build_first_refuse_an_index_that_is_a_file(
        tmp_path: Path, ix: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    # Only the error: no "No index … yet: building it" before it, which it never does.
    afile = tmp_path / "afile"
    afile.write_text("not an index", encoding="utf-8")
    assert main([argv[0], "--index", str(afile), *argv[1:]]) == 1
    assert one_line_error(capsys) == (f"cannot keep the index in {afile}: it is not a folder "
                                      "(set with --index or TUMEN_INDEX_DIR)")
    assert afile.read_text(encoding="utf-8") == "not an index"


def test_ask_json_refuses_an_index_that_is_a_file_in_json_only(
        tmp_path: Path, ix: Path, capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not an index", encoding="utf-8")
    assert main(["ask", "--json", "--index", str(afile), "/when debt"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["message"] == err.strip()
    assert err.strip().startswith(f"cannot keep the index in {afile}: it is not a folder")


@pytest.mark.parametrize("argv", [["ask", "/when debt"], ["events"]])
def test_commands_that_build_first_refuse_an_uncreatable_index(
        tmp_path: Path, ix: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    where = tmp_path / "afile" / "index"
    assert main([argv[0], "--index", str(where), *argv[1:]]) == 1
    assert one_line_error(capsys) == (f"cannot create the index folder {where} (set with "
                                      "--index or TUMEN_INDEX_DIR): Not a directory")


def test_commands_that_build_first_refuse_an_index_folder_they_cannot_write(
        tmp_path: Path, ix: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # As if the folder were read-only (the tests may run as root, who may write anywhere).
    where = tmp_path / "readonly"
    where.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False
                        if Path(path) == where else real(path, mode, **kw))
    for argv in (["ask", "--index", str(where), "/when debt"], ["index", "--index", str(where)]):
        assert main(argv) == 1
        assert one_line_error(capsys) == (f"cannot write in the index folder {where} (set with "
                                          "--index or TUMEN_INDEX_DIR)")


def test_index_at_an_uncreatable_path(tmp_path: Path, ix: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    where = tmp_path / "afile" / "index"
    assert main(["index", "--full", "--index", str(where)]) == 1
    assert one_line_error(capsys) == (f"cannot create the index folder {where} (set with "
                                      "--index or TUMEN_INDEX_DIR): Not a directory")
