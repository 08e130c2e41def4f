"""Indexes written as segments by worker processes: the same index a single writer makes."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, STORED, Schema

from bench.synth import generate_corpus
from index.answers.services import Library
from index.build import build
from index.build.artifacts import process_article
from index.build.build import build_index
from index.corpus.loader import load_corpus
from index.engine import writer
from index.engine.event_store import INDEX_NAME as EVENTS
from index.engine.schema import passage_schema
from index.engine.segments import ParallelSegments, commit_with, shares, use_chunked_pool
from index.engine.store import WHOOSH_DIR, read_pointer
from index.engine.writer import PASSAGES, _passage_docs
from index.errors import BuildError
from tests.conftest import SEED_CORPUS


def test_shares_are_contiguous_balanced_and_cover_everything() -> None:
    assert shares(10, 3) == [range(0, 3), range(3, 6), range(6, 10)]
    assert shares(2, 4) == [range(0, 1), range(1, 2)]  # never an empty share
    assert shares(0, 2) == [range(0, 0)]
    for n, parts in [(7, 2), (1000, 4), (5, 5)]:
        cut = shares(n, parts)
        assert [i for r in cut for i in r] == list(range(n))
        assert max(map(len, cut)) - min(map(len, cut)) <= 1


def _documents(ix_dir: Path, name: str) -> list[dict[str, Any]]:
    """Every stored document, in document-number order."""
    ix = whoosh_index.open_dir(str(ix_dir), indexname=name)
    with ix.searcher() as s:
        docs = [dict(fields) for _n, fields in s.reader().iter_docs()]
    ix.close()
    return docs


def _postings(ix_dir: Path, name: str, field: str) -> dict[bytes, list[tuple[int, bytes]]]:
    """Every term of ``field`` with its postings (document number, encoded value)."""
    ix = whoosh_index.open_dir(str(ix_dir), indexname=name)
    out: dict[bytes, list[tuple[int, bytes]]] = {}
    with ix.searcher() as s:
        r = s.reader()
        for term in r.lexicon(field):
            m = r.postings(field, term)
            out[term] = [(docnum, value) for docnum, value in m.items_as("positions")]
    ix.close()
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("segments") / "corpus"
    generate_corpus(root, 12, seed=7)
    for f in SEED_CORPUS.glob("*.md"):
        shutil.copy(f, root / f.name)
    return root


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus built by one process and by workers writing segments."""
    out = {}
    serial = tmp_path_factory.mktemp("serial") / "ix"
    build_index(corpus, serial)
    out["serial"] = serial / str(read_pointer(serial)) / WHOOSH_DIR
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build, "PARALLEL_FROM", 2)
        mp.setattr(writer, "EVENTS_PARALLEL_FROM", 2)
        mp.setattr(writer, "EVENT_BATCH", 7)
        mp.setattr(os, "cpu_count", lambda: 2)
        parallel = tmp_path_factory.mktemp("parallel") / "ix"
        build_index(corpus, parallel)
    out["parallel_root"] = parallel
    out["parallel"] = parallel / str(read_pointer(parallel)) / WHOOSH_DIR
    return out


@pytest.mark.parametrize("name", [PASSAGES, EVENTS])
def test_workers_write_the_index_one_writer_would(built: dict[str, Path], name: str) -> None:
    serial, parallel = built["serial"], built["parallel"]
    ix = whoosh_index.open_dir(str(parallel), indexname=name)
    assert len(ix._segments()) == 2  # one per worker: the work really was shared
    ix.close()
    docs = _documents(serial, name)
    assert len(docs) > 40
    # The same documents in the same order: ties in ranking break the same way.
    assert _documents(parallel, name) == docs
    assert _postings(parallel, name, "text") == _postings(serial, name, "text")


def test_a_parallel_build_answers_as_a_serial_one(built: dict[str, Path]) -> None:
    serial_lib = Library(built["serial"].parent.parent)
    parallel_lib = Library(built["parallel_root"])
    try:
        for query in ["debt", "Putin visit", "\"North Korea\"", "Vladivostok"]:
            a = serial_lib.search(query)
            assert a.items and parallel_lib.search(query).to_json() == a.to_json()
            a = serial_lib.when(query)
            assert a.items and parallel_lib.when(query).to_json() == a.to_json()
        a = serial_lib.who("visited 2014")
        assert a.items and parallel_lib.who("visited 2014").to_json() == a.to_json()
    finally:
        serial_lib.close()
        parallel_lib.close()


async def test_a_parallel_build_runs_from_a_thread_as_the_bot_runs_it(
        built: dict[str, Path], corpus: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    monkeypatch.setattr(writer, "EVENTS_PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    summary = await asyncio.to_thread(build_index, corpus, tmp_path / "ix")
    wdir = tmp_path / "ix" / summary.generation / WHOOSH_DIR
    for name in (PASSAGES, EVENTS):
        assert _documents(wdir, name) == _documents(built["serial"], name)


def test_an_incremental_build_updates_a_segmented_index(built: dict[str, Path],
                                                        corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    shutil.copytree(built["parallel_root"], ix)
    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    first = sorted(changed.glob("syn*.md"))[0]
    first.unlink()
    summary = build_index(changed, ix)
    assert summary.mode == "incremental" and summary.removed == [first.stem]
    lib = Library(ix)
    try:
        hits = lib.search("north").items
        assert hits and all(c.doc_id != first.stem for p in hits for c in p.citations)
        assert lib.search("debt").items
    finally:
        lib.close()


def _schema() -> Schema:
    return Schema(key=ID(stored=True), value=STORED())


def add_or_fail(item: int, w: Any) -> int:
    """A worker's task for the tests below: fails on 13, dies outright on 666."""
    if item == 13:
        raise ValueError("thirteen is not welcome")
    if item == 666:
        os._exit(3)
    w.add_document(key=str(item), value=item)
    return item * 2


def _run(tmp_path: Path, items: list[int]) -> list[int]:
    if not (tmp_path / "ix").exists():
        (tmp_path / "ix").mkdir()
        whoosh_index.create_in(str(tmp_path / "ix"), _schema(), indexname="t")
    ix = whoosh_index.open_dir(str(tmp_path / "ix"), indexname="t")
    w = ix.writer()
    try:
        job = ParallelSegments(tmp_path / "ix", "t", add_or_fail, items, 2)
        got = sorted(job.results())
    except BaseException:
        w.cancel()
        raise
    commit_with(w, job.segments)
    return got


def _keys(tmp_path: Path) -> list[str]:
    return [d["key"] for d in _documents(tmp_path / "ix", "t")]


def test_results_come_back_and_segments_commit_in_order(tmp_path: Path) -> None:
    items = [i for i in range(30) if i != 13]
    assert _run(tmp_path, items) == [2 * i for i in items]
    assert _keys(tmp_path) == [str(i) for i in items]


def test_a_failing_worker_raises_its_error_and_commits_nothing(tmp_path: Path) -> None:
    _run(tmp_path, [1, 2, 3])
    with pytest.raises(ValueError, match="thirteen") as info:
        _run(tmp_path, [20, 21, 13, 22])
    assert "add_or_fail" in str(info.value.__cause__)  # the worker's traceback
    assert _keys(tmp_path) == ["1", "2", "3"]
    assert not list((tmp_path / "ix").glob("*.tmp"))  # no temporary folders left behind


def test_a_worker_that_dies_is_a_build_error(tmp_path: Path) -> None:
    _run(tmp_path, [1])
    with pytest.raises(BuildError, match="exit code 3"):
        _run(tmp_path, [5, 6, 666, 7])
    assert _keys(tmp_path) == ["1"]


def _write_passages(ix_dir: Path, limit_bytes: int | None) -> int:
    """The seed corpus's passages written by one writer; returns how many runs it spilled."""
    ix_dir.mkdir()
    ix = whoosh_index.create_in(str(ix_dir), passage_schema(), indexname=PASSAGES)
    w = use_chunked_pool(ix.writer())
    if limit_bytes is not None:
        w.pool.limit = limit_bytes
    w.pool.RECORD = 100  # several records per run
    spilled = []
    save = w.pool.save
    w.pool.save = lambda: (spilled.append(1), save())[1]
    for article in load_corpus(SEED_CORPUS).articles:
        for doc in _passage_docs(process_article(article)):
            w.add_document(**doc)
    w.commit()
    return len(spilled)


def test_postings_spilled_to_disk_in_chunks_come_back_sorted(tmp_path: Path) -> None:
    assert _write_passages(tmp_path / "memory", None) == 0
    assert _write_passages(tmp_path / "spilled", 30_000) > 5
    assert _postings(tmp_path / "spilled", PASSAGES, "text") == _postings(
        tmp_path / "memory", PASSAGES, "text")
    assert _documents(tmp_path / "spilled", PASSAGES) == _documents(tmp_path / "memory", PASSAGES)
