"""Building a new index generation from the corpus and switching it in.

A build never touches the served generation: it writes a new one beside it and switches the
pointer only when everything was written and the new generation opens. Anything that goes wrong
before the switch leaves the old generation serving and removes the partial one; a build killed
outright leaves a partial folder that the next build removes.

Builds are incremental by default: articles whose file is unchanged are taken from the cache
(`index.artifacts`), the passages of changed and removed articles are replaced in a copy of the
served index, and only the merged events that changed are rewritten. ``full=True`` reprocesses
everything and writes the indexes from scratch.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.artifacts import ArticleCache, ArticleResult, pipeline_version, process_article
from index.buildlock import BuildLock
from index.errors import BuildError
from index.events.merge import merge_events
from index.loader import DEFAULT_MAX_BYTES, Problem, load_corpus
from index.models import Article
from index.store import (
    META,
    VOCABULARY,
    WHOOSH_DIR,
    Generation,
    clean_partial_generations,
    new_generation_dir,
    read_pointer,
    remove_stale_generations,
    switch_to,
)
from index.writer import link_index_files, previous_events, write_events, write_passages

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, doc_id)`` while articles are processed."""
Checkpoint = Callable[[str], None]
"""Called with the name of each phase as the build reaches it (for tests that kill builds)."""

FORMAT = 4  # bump when the index schema changes: an incremental build then starts afresh
# Worker processes pay off only when there is much to process (each costs ~1 s to start).
PARALLEL_FROM = 200


@dataclass
class BuildSummary:
    """What a build did, for the CLI, `/reindex` and `/status`."""

    generation: str
    built_at: str
    duration_s: float
    articles: int
    passages: int
    events: int = 0
    merged: int = 0
    mode: str = "full"
    reprocessed: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    sources_gained: dict[str, list[str]] = field(default_factory=dict)
    sources_lost: dict[str, list[str]] = field(default_factory=dict)
    new_disagreements: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        out["skipped"] = [{"path": p.path, "message": p.message} for p in self.skipped]
        return out


def _served_meta(index_dir: Path) -> dict[str, object] | None:
    """The served generation's meta.json, or None if there is none or it is unreadable."""
    name = read_pointer(index_dir)
    if name is None:
        return None
    try:
        return json.loads((index_dir / name / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _process(articles: list[Article], cache: ArticleCache, full: bool,
             progress: Progress | None, lock: BuildLock) -> tuple[list[ArticleResult], int]:
    """Every article's result, from the cache where possible; returns (results, reprocessed)."""
    results: dict[str, ArticleResult] = {}
    todo: list[Article] = []
    for a in articles:
        hit = None if full else cache.get(a.meta.doc_id, a.sha256)
        if hit is not None:
            results[a.meta.doc_id] = hit
        else:
            todo.append(a)
    total, done = len(articles), len(results)
    if progress is not None and done:
        progress(done, total, "(unchanged articles)")
    for r in _run(todo):
        cache.put(r)
        results[r.doc_id] = r
        done += 1
        lock.update(done, total)
        if progress is not None:
            progress(done, total, r.doc_id)
    return [results[a.meta.doc_id] for a in articles], len(todo)


def _run(todo: list[Article]) -> Iterator[ArticleResult]:
    workers = min(4, os.cpu_count() or 1)
    if len(todo) < PARALLEL_FROM or workers < 2:
        yield from map(process_article, todo)
        return
    # "spawn": a clean interpreter per worker, safe whatever threads the caller runs.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from pool.map(process_article, todo, chunksize=8)


def build_index(corpus_dir: Path, index_dir: Path, *, full: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                checkpoint: Checkpoint | None = None, who: str = "cli") -> BuildSummary:
    """Build a new generation from ``corpus_dir`` and serve it.

    Raises:
        BuildError: another build is running, nothing could be indexed, or writing failed;
            the served generation (if any) is untouched.
        CorpusError: the corpus directory is missing.
    """
    started = time.monotonic()
    mark = checkpoint or (lambda phase: None)
    with BuildLock(index_dir, who=who) as lock:
        clean_partial_generations(index_dir)
        report = load_corpus(corpus_dir, max_bytes=max_bytes)
        if not report.articles:
            why = (f"all {len(report.problems)} article files were rejected"
                   if report.problems else f"no .md or .txt articles in {corpus_dir}")
            raise BuildError(f"nothing to index: {why}; the current index keeps serving")
        mark("loaded")
        cache = ArticleCache(index_dir)
        results, reprocessed = _process(report.articles, cache, full, progress, lock)
        empty = [r for r in results if not r.passages]
        for r in empty:
            report.problems.append(Problem(Path(r.meta.path).name,
                                           "nothing left after removing boilerplate"))
        results = [r for r in results if r.passages]
        if not results:
            raise BuildError("nothing to index: no article has any text after cleaning; "
                             "the current index keeps serving")
        mark("processed")
        served = _served_meta(index_dir)
        gen_dir = new_generation_dir(index_dir)
        try:
            summary = _write_generation(index_dir, gen_dir, corpus_dir, results, report.problems,
                                        served, full, mark)
            summary.reprocessed = reprocessed
            summary.duration_s = round(time.monotonic() - started, 3)
            _write_meta(gen_dir, corpus_dir, summary, results)
            mark("written")
            Generation.open(gen_dir).close()  # prove it opens before anyone is pointed at it
            switch_to(index_dir, gen_dir)
        except OSError as exc:
            shutil.rmtree(gen_dir, ignore_errors=True)
            raise BuildError(f"could not write the new index ({exc.strerror or exc}); "
                             "the current index keeps serving") from exc
        except BaseException:
            shutil.rmtree(gen_dir, ignore_errors=True)
            raise
        mark("switched")
        remove_stale_generations(index_dir)
        cache.keep_only(results)
    log.info("built %s: %d articles (%d reprocessed), %d passages, %d events", summary.generation,
             summary.articles, reprocessed, summary.passages, summary.events)
    return summary


def _write_generation(index_dir: Path, gen_dir: Path, corpus_dir: Path,
                      results: list[ArticleResult], problems: list[Problem],
                      served: dict[str, object] | None, full: bool,
                      mark: Checkpoint) -> BuildSummary:
    before: dict[str, dict[str, object]] = (served or {}).get("articles", {})  # type: ignore[assignment]
    now = {r.doc_id: r for r in results}
    added = sorted(set(now) - set(before))
    removed = sorted(set(before) - set(now))
    updated = sorted(d for d in set(now) & set(before) if before[d].get("sha256") != now[d].sha256)
    incremental = (not full and served is not None and served.get("format") == FORMAT
                   and served.get("pipeline") == pipeline_version())
    wdir = gen_dir / WHOOSH_DIR
    old_wdir = index_dir / str(read_pointer(index_dir)) / WHOOSH_DIR
    old_events = previous_events(old_wdir) if served is not None else {}
    if incremental:
        link_index_files(old_wdir, wdir)
        changed = [now[d] for d in added + updated]
        write_passages(wdir, changed, incremental=True, remove=set(updated) | set(removed))
    else:
        wdir.mkdir()
        write_passages(wdir, results, incremental=False, remove=set())
    mark("passages")
    extracted = [e for r in results for e in r.events]
    events = merge_events(extracted)
    passages = {p.passage_id: p.text for r in results for p in r.passages}
    write_events(wdir, events, passages, incremental=incremental)
    words = sorted({w for r in results for w in r.words})
    (gen_dir / VOCABULARY).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    summary = BuildSummary(
        generation=gen_dir.name, built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        duration_s=0.0, articles=len(results), passages=sum(len(r.passages) for r in results),
        events=len(events), merged=len(extracted) - len(events),
        mode="incremental" if incremental else "full", added=added, updated=updated,
        removed=removed, skipped=problems,
        dropped={r.doc_id: len(r.dropped) for r in results if r.dropped})
    _compare_events(summary, old_events, {e.event_id: e.to_json() for e in events})
    return summary


def _compare_events(summary: BuildSummary, old: dict[str, dict[str, object]],
                    new: dict[str, dict[str, object]]) -> None:
    """Merged events that gained or lost sources, and disagreements that are new."""
    def docs(e: dict[str, object]) -> set[str]:
        return {m["doc_id"] for m in e.get("evidence", [])}  # type: ignore[union-attr, index]

    for eid in sorted(set(old) & set(new)):
        gained, lost = docs(new[eid]) - docs(old[eid]), docs(old[eid]) - docs(new[eid])
        if gained:
            summary.sources_gained[eid] = sorted(gained)
        if lost:
            summary.sources_lost[eid] = sorted(lost)
    old_notes = {n for e in old.values() for n in e.get("notes", [])}  # type: ignore[union-attr]
    summary.new_disagreements = sorted({n for e in new.values() for n in e.get("notes", [])  # type: ignore[union-attr]
                                        if n not in old_notes})


def _write_meta(gen_dir: Path, corpus_dir: Path, summary: BuildSummary,
                results: list[ArticleResult]) -> None:
    articles = {}
    for r in results:
        m = r.meta
        articles[m.doc_id] = {
            "title": m.title, "publisher": m.publisher, "date": m.date, "url": m.url,
            "author": m.author, "date_basis": m.date_basis, "path": Path(m.path).name,
            "sha256": r.sha256, "passages": len(r.passages),
            "dropped": [{"text": d.text, "reason": d.reason} for d in r.dropped],
        }
    meta = {"format": FORMAT, "pipeline": pipeline_version(), "corpus_dir": str(corpus_dir),
            "summary": summary.to_json(), "articles": articles}
    # meta.json is written last: a generation without it is incomplete by definition.
    (gen_dir / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
