"""Reindexing that never loses the served index: incremental builds, concurrency, crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.commandline import run_chat_command
from index.answers.services import Library
from index.build.build import build_index
from index.build.buildlock import BuildLock
from index.engine.store import read_pointer
from index.errors import BuildError
from tests.conftest import REPO, SEED_CORPUS

QUESTIONS = ["/when debt", "/when Sochi", "/who visited 2014", "/search Trutnev",
             "/search Sochi Olympics", "/sources", "/timeline", "/when Vladivostok"]
NEW = ("---\ntitle: Trutnev again\npublisher: Test Wire\ndate: 2014-05-02\n---\n"
       "From April 28-30, Deputy Prime Minister Yuri Trutnev spent three days in North Korea.\n"
       "Russia eliminated 90% of North Korea’s $10 billion debt in May 2014.\n")


def copy_seeds(dst: Path) -> Path:
    dst.mkdir(parents=True)
    for f in SEED_CORPUS.glob("*.md"):
        (dst / f.name).write_bytes(f.read_bytes())
    return dst


def answers(index_dir: Path) -> dict[str, object]:
    lib = Library(index_dir)
    try:
        out = {}
        for q in QUESTIONS:
            data = run_chat_command(lib, q).to_json()
            for item in data["items"]:
                item.pop("score", None)
            out[q] = data
        return out
    finally:
        lib.close()


def all_citations_resolve(index_dir: Path) -> None:
    lib = Library(index_dir)
    try:
        for q in QUESTIONS:
            for item in run_chat_command(lib, q).items:
                for c in item.citations:
                    whole = lib.cite(c.passage_id).items[0].citations[0].quote
                    assert c.quote in whole, (q, c.passage_id)
    finally:
        lib.close()


def edit_corpus(corpus: Path) -> None:
    """Change one article, add one, remove one."""
    doomed = next(corpus.glob("004_*.md"))
    doomed.unlink()
    changed = next(corpus.glob("003_*.md"))
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "in 2014 Moscow canceled", "in May 2014 Moscow canceled"), encoding="utf-8")
    (corpus / "005_trutnev.md").write_text(NEW, encoding="utf-8")


def test_incremental_build_answers_exactly_like_a_full_build(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    inc, full = tmp_path / "inc", tmp_path / "full"
    first = build_index(corpus, inc)
    assert first.mode == "full" and first.reprocessed == 5
    edit_corpus(corpus)
    second = build_index(corpus, inc)
    assert second.mode == "incremental"
    assert second.reprocessed == 2  # the changed and the added article only
    assert (second.added, second.updated) == (["005_trutnev"], ["003_ed2522df4ecc763b"])
    assert second.removed == ["004_63a90ea71ee5090e"]
    build_index(corpus, full, full=True)
    assert answers(inc) == answers(full)
    all_citations_resolve(inc)


def test_removed_article_is_gone_from_every_answer(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    assert "004_63a90ea71ee5090e" in json.dumps(answers(ix))
    next(corpus.glob("004_*.md")).unlink()
    build_index(corpus, ix)
    assert "004_63a90ea71ee5090e" not in json.dumps(answers(ix))
    all_citations_resolve(ix)


def test_merged_events_report_gained_sources(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    (corpus / "005_trutnev.md").write_text(NEW, encoding="utf-8")
    summary = build_index(corpus, ix)
    assert any("005_trutnev" in docs for docs in summary.sources_gained.values())


def test_incremental_build_leaves_the_served_generation_untouched(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    old_files = {f.name: f.read_bytes() for f in (ix / first.generation / "whoosh").iterdir()}
    before = answers(ix)
    edit_corpus(corpus)
    build_index(corpus, ix)
    assert (ix / first.generation).is_dir()  # kept as the one previous generation
    now_files = {f.name: f.read_bytes() for f in (ix / first.generation / "whoosh").iterdir()}
    assert now_files == old_files
    # Readers of the old generation still get the old answers.
    (ix / "CURRENT").write_text(first.generation + "\n")
    assert answers(ix) == before


def test_nothing_changed_reprocesses_nothing(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    build_index(corpus, tmp_path / "ix")
    again = build_index(corpus, tmp_path / "ix")
    assert again.reprocessed == 0 and again.mode == "incremental"
    assert (again.added, again.updated, again.removed) == ([], [], [])


def test_a_new_program_version_reprocesses_everything(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    build_index(corpus, tmp_path / "ix")
    monkeypatch.setattr("index.build.artifacts.pipeline_version", lambda: "a-newer-version")
    monkeypatch.setattr("index.build.build.pipeline_version", lambda: "a-newer-version")
    again = build_index(corpus, tmp_path / "ix")
    assert again.reprocessed == 5 and again.mode == "full"


def test_a_corrupt_build_state_means_a_full_build(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    build_index(corpus, tmp_path / "ix")
    before = answers(tmp_path / "ix")
    (tmp_path / "ix" / "state.sqlite").write_bytes(b"not a database" * 100)
    for extra in ("state.sqlite-wal", "state.sqlite-shm"):
        (tmp_path / "ix" / extra).unlink(missing_ok=True)
    again = build_index(corpus, tmp_path / "ix")
    assert again.reprocessed == 5 and again.mode == "full"
    assert answers(tmp_path / "ix") == before


def test_a_state_of_another_generation_is_not_trusted(tmp_path: Path) -> None:
    # As if a build died after saving its state but before switching its generation in.
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    (ix / "CURRENT").write_text("gen-somewhere-else\n")
    (ix / "gen-somewhere-else").mkdir()
    (ix / "gen-somewhere-else" / "meta.json").write_text("{}")
    again = build_index(corpus, ix)
    assert again.mode == "full" and again.reprocessed == 5


def test_a_touched_but_unchanged_file_is_not_reprocessed(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    f = next(corpus.glob("002_*.md"))
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 5_000_000_000))
    again = build_index(corpus, ix)
    assert again.reprocessed == 0 and again.updated == []
    # Without --full, a changed file is found by its size or modification time.
    f.write_text(f.read_text(encoding="utf-8").replace("2014", "2013", 1), encoding="utf-8")
    assert build_index(corpus, ix).updated == [f.stem]


def test_second_build_is_told_who_runs_and_how_far(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    with BuildLock(tmp_path / "ix", who="/reindex by Discord user 42") as lock:
        lock.update(3, 10)
        with pytest.raises(BuildError, match=r"started by /reindex by Discord user 42 .*3 of 10"):
            build_index(corpus, tmp_path / "ix")


def test_queries_never_fail_while_rebuilding(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    lib = Library(ix)
    failures: list[BaseException] = []
    answered = 0
    stop = threading.Event()

    def ask() -> None:
        nonlocal answered
        while not stop.is_set():
            try:
                for q in ("/search Trutnev", "/when debt", "/who visited 2014", "/sources"):
                    run_chat_command(lib, q)
                    answered += 1
            except BaseException as exc:  # any failure at all is what this test counts
                failures.append(exc)

    reader = threading.Thread(target=ask)
    reader.start()
    try:
        for i in range(6):
            if i % 2:
                (corpus / "005_trutnev.md").write_text(NEW, encoding="utf-8")
            else:
                (corpus / "005_trutnev.md").unlink(missing_ok=True)
            build_index(corpus, ix)
    finally:
        stop.set()
        reader.join()
        lib.close()
    assert failures == []
    assert answered > 0


KILLER = """
import sys, time
from pathlib import Path
from index.build.build import build_index

phase, marker = sys.argv[3], Path(sys.argv[4])

def checkpoint(reached):
    if reached == phase:
        marker.write_text(reached)
        time.sleep(120)

build_index(Path(sys.argv[1]), Path(sys.argv[2]), checkpoint=checkpoint)
"""


@pytest.mark.parametrize("phase", ["loaded", "processed", "passages", "written", "switched"])
def test_killed_build_leaves_the_index_serving(tmp_path: Path, phase: str) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    before = answers(ix)
    edit_corpus(corpus)
    marker = tmp_path / "reached"
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(corpus), str(ix), phase,
                             str(marker)], cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the build ended before reaching the phase"
            assert time.monotonic() < deadline, "the build never reached the phase"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    if phase == "switched":
        assert read_pointer(ix) != first.generation
        assert answers(ix) != before
    else:
        assert read_pointer(ix) == first.generation
        assert answers(ix) == before
    # The next build cleans up after the dead one (partial folder, lock) and succeeds.
    summary = build_index(corpus, ix)
    gens = sorted(p.name for p in ix.glob("gen-*"))
    assert summary.generation in gens and len(gens) <= 2
    assert all((ix / g / "meta.json").exists() for g in gens)
    all_citations_resolve(ix)
