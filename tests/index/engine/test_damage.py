"""A damaged index answers with one sentence, and an incremental build never carries damage on
(issue 12.5)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.commandline import run_chat_command
from index.answers.services import Library
from index.build.build import build_index
from index.engine.store import WHOOSH_DIR, read_pointer
from index.errors import IndexDamaged
from tests.conftest import SEED_CORPUS

Damage = Callable[[Path], None]


def whoosh_dir(index_dir: Path) -> Path:
    return index_dir / str(read_pointer(index_dir)) / WHOOSH_DIR


def segment(wdir: Path, index: str) -> Path:
    (seg,) = wdir.glob(f"{index}_*.seg")
    return seg


def truncate(index: str) -> Damage:
    def damage(wdir: Path) -> None:
        seg = segment(wdir, index)
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    return damage


def delete(index: str) -> Damage:
    return lambda wdir: segment(wdir, index).unlink()


def zero(index: str) -> Damage:
    """Same size, every byte zero: Whoosh fails to unpickle the segment's directory."""
    def damage(wdir: Path) -> None:
        seg = segment(wdir, index)
        seg.write_bytes(bytes(seg.stat().st_size))
    return damage


def scramble(index: str) -> Damage:
    """Same size, every 97th byte altered: Whoosh seeks to a nonsense offset (OSError)."""
    def damage(wdir: Path) -> None:
        seg = segment(wdir, index)
        data = bytearray(seg.read_bytes())
        for i in range(0, len(data), 97):
            data[i] ^= 0x5A
        seg.write_bytes(bytes(data))
    return damage


def flip_one_byte(index: str) -> Damage:
    """One bit in the middle: no query need notice, but the file is not what was built."""
    def damage(wdir: Path) -> None:
        seg = segment(wdir, index)
        data = bytearray(seg.read_bytes())
        data[len(data) // 2] ^= 0x01
        seg.write_bytes(bytes(data))
    return damage


@pytest.fixture
def damaged(tmp_path: Path, seed_index_dir: Path) -> Callable[[Damage], Path]:
    """Factory: a private copy of the seed index, damaged as asked; returns its folder."""
    def make(damage: Damage) -> Path:
        ix = tmp_path / "index"
        shutil.copytree(seed_index_dir, ix)
        damage(whoosh_dir(ix))
        return ix
    return make


def asked(index_dir: Path, line: str) -> str:
    """What the command answers: its JSON, or the message of the TumenError it raised."""
    lib = Library(index_dir)
    try:
        return str(run_chat_command(lib, line).to_json())
    except IndexDamaged as exc:
        return str(exc)
    finally:
        lib.close()


DAMAGED = "The index is damaged ("
REMEDY = "run `tumen index --full`."
PASSAGE_QUERIES = ["/search debt", "/cite 001:p3"]
EVENT_QUERIES = ["/when debt", "/timeline", "/who visited 2014"]


@pytest.mark.parametrize(("damage", "queries", "detail"), [
    # Sizes are checked when the generation opens: every command, even /sources, says so.
    (truncate("passages"), [*PASSAGE_QUERIES, *EVENT_QUERIES, "/sources"], "bytes instead of"),
    (truncate("events"), [*PASSAGE_QUERIES, *EVENT_QUERIES, "/sources"], "bytes instead of"),
    (delete("passages"), [*PASSAGE_QUERIES, "/sources"], "is missing"),
    (delete("events"), [*EVENT_QUERIES, "/sources"], "is missing"),
    # Same size: found when reading fails, and confirmed by the checksums.
    (zero("passages"), PASSAGE_QUERIES, "does not match its checksum"),
    (zero("events"), EVENT_QUERIES, "does not match its checksum"),
    (scramble("passages"), PASSAGE_QUERIES, "does not match its checksum"),
    (scramble("events"), EVENT_QUERIES, "does not match its checksum"),
], ids=["truncated-passages", "truncated-events", "deleted-passages", "deleted-events",
        "zeroed-passages", "zeroed-events", "scrambled-passages", "scrambled-events"])
def test_queries_on_a_damaged_index_say_so_in_one_sentence(
        damaged: Callable[[Damage], Path], damage: Damage, queries: list[str],
        detail: str) -> None:
    ix = damaged(damage)
    for line in queries:
        message = asked(ix, line)
        assert message.startswith(DAMAGED) and message.endswith(REMEDY), (line, message)
        assert detail in message and ".seg" in message, (line, message)


def test_an_error_that_damage_does_not_explain_is_not_called_damage(
        seed_index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix = tmp_path / "index"
    shutil.copytree(seed_index_dir, ix)

    def bug(*args: object, **kwargs: object) -> None:
        raise EOFError("a bug, not a damaged file")

    monkeypatch.setattr("index.answers.services.best_quote", bug)
    lib = Library(ix)
    try:
        with pytest.raises(EOFError, match="a bug"):
            lib.search("debt")
    finally:
        lib.close()


@pytest.mark.parametrize("damage", [flip_one_byte("passages"), zero("events"),
                                    delete("passages")], ids=["flipped", "zeroed", "deleted"])
def test_incremental_build_falls_back_to_a_full_one_over_damage(
        damaged: Callable[[Damage], Path], seed_index_dir: Path, tmp_path: Path,
        damage: Damage) -> None:
    ix = damaged(damage)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    summary = build_index(corpus, ix)
    assert summary.mode == "full"
    assert summary.full_reason is not None and "the served index was damaged" in summary.full_reason
    assert ".seg" in summary.full_reason
    for line in [*PASSAGE_QUERIES, *EVENT_QUERIES]:
        assert asked(ix, line) == asked(seed_index_dir, line), line
    # Repaired: the next build updates it again.
    assert build_index(corpus, ix).mode == "incremental"


def test_summary_says_why_everything_was_rebuilt(
        damaged: Callable[[Damage], Path], tmp_path: Path) -> None:
    from bot.render_text import format_summary

    ix = damaged(zero("passages"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    text = format_summary(build_index(corpus, ix))
    assert "Rebuilt everything: the served index was damaged (passages_" in text
    assert "does not match its checksum)." in text
