"""An incremental build with nothing to do keeps the served generation (issue 12.9)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from index.build.build import build_index
from index.build.state import BuildState
from index.engine.store import POINTER, read_pointer
from tests.index.build.test_reindex import NEW, copy_seeds

CHROME = "---\ntitle: Only chrome\ndate: 2015\n---\nLeave a comment\n\n12 comments\n"


def layout(ix: Path) -> dict[str, object]:
    """What a reader sees of an index folder: the pointer, and every generation's files."""
    gens = {g.name: sorted((p.relative_to(g).as_posix(), p.stat().st_mtime_ns)
                           for p in g.rglob("*")) for g in ix.glob("gen-*")}
    return {"pointer": (ix / POINTER).read_bytes(), "generations": gens}


def test_nothing_changed_makes_no_new_generation(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    before = layout(ix)
    again = build_index(corpus, ix)
    assert again.nothing_changed and again.mode == "incremental"
    assert again.generation == first.generation == read_pointer(ix)
    assert layout(ix) == before
    assert (again.articles, again.passages, again.events, again.merged) == (
        first.articles, first.passages, first.events, first.merged)
    assert (again.reprocessed, again.added, again.updated, again.removed) == (0, [], [], [])
    assert again.built_at == first.built_at  # the served generation's, not a new one's


def test_a_full_build_of_an_unchanged_corpus_still_rebuilds(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    again = build_index(corpus, ix, full=True)
    assert not again.nothing_changed and again.mode == "full" and again.reprocessed == 5
    assert again.generation != first.generation and read_pointer(ix) == again.generation


def test_any_change_still_makes_a_generation(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    served = build_index(corpus, ix).generation
    for change in (lambda: (corpus / "005_trutnev.md").write_text(NEW, encoding="utf-8"),
                   lambda: (corpus / "005_trutnev.md").write_text(NEW + "More.\n",
                                                                  encoding="utf-8"),
                   lambda: (corpus / "005_trutnev.md").unlink()):
        change()
        summary = build_index(corpus, ix)
        assert not summary.nothing_changed and summary.generation != served
        assert read_pointer(ix) == summary.generation
        served = summary.generation
    assert build_index(corpus, ix).nothing_changed


def test_a_touched_file_is_recorded_without_a_new_generation(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    f = next(corpus.glob("002_*.md"))
    later = f.stat().st_mtime_ns + 5_000_000_000
    os.utime(f, ns=(f.stat().st_atime_ns, later))
    again = build_index(corpus, ix)
    assert again.nothing_changed and read_pointer(ix) == first.generation
    # Its new time is kept, so the next build need not read it again to know it is the same.
    state = BuildState(ix)
    try:
        assert state.files()[f.name].mtime_ns == later
        assert state.usable_for(first.generation, state.info()["fingerprint"])
    finally:
        state.close()


def test_skipped_files_as_before_are_no_change_but_new_ones_are(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    (corpus / "chrome.md").write_text(CHROME, encoding="utf-8")  # read again every build
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    again = build_index(corpus, ix)
    assert again.nothing_changed and again.generation == first.generation
    assert [p.path for p in again.skipped] == ["chrome.md"]
    assert sorted(p.name for p in ix.glob("gen-*")) == [first.generation]
    # A newly broken file changes no article, but the served summary (/status) would be wrong.
    (corpus / "bad.md").write_text("---\ndate: soon\n---\nText.\n", encoding="utf-8")
    third = build_index(corpus, ix)
    assert not third.nothing_changed and third.generation != first.generation
    assert sorted(p.path for p in third.skipped) == ["bad.md", "chrome.md"]


def test_another_corpus_folder_is_a_change(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    other = tmp_path / "other"
    shutil.copytree(corpus, other)  # same names, sizes and times
    moved = build_index(other, ix)
    assert not moved.nothing_changed and moved.generation != first.generation
    assert build_index(other, ix).nothing_changed
