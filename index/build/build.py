"""Building a new index generation from the corpus and switching it in.

A build never touches the served generation: it writes a new one beside it and switches the
pointer only when everything was written and the new generation opens. Anything that goes wrong
before the switch leaves the old generation serving and removes the partial one; a build killed
outright leaves a partial folder that the next build removes.

Builds are incremental by default. The build state (`index.build.state`) remembers what the served
generation was built from: files whose size and modification time are unchanged are not read,
the passages of changed and removed articles are replaced in a copy of the served index, and
their accounts of events are taken out of, and merged back into, the stored events
(`index.merge.incremental`); only the events that changed are rewritten. ``full=True``
reprocesses everything and writes the indexes from scratch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.build.artifacts import ArticleResult, pipeline_version, process_and_add, process_article
from index.build.buildlock import BuildLock
from index.build.buildprogress import (
    MERGING,
    WRITING_EVENTS,
    BuildProgress,
    Checkpoint,
    Phases,
    Progress,
)
from index.build.buildsummary import (
    BuildSummary,
    compare_events,
    same_as_served,
    served_meta,
    served_shas,
)
from index.build.fullmerge import merge_stored, put_accounts, write_stored_events
from index.build.state import BuildState
from index.corpus.loader import DEFAULT_MAX_BYTES, LoadReport, Problem, load_corpus
from index.engine.event_store import quote_texts
from index.engine.integrity import FileRecord, file_problem, record_files
from index.engine.segments import ParallelSegments
from index.engine.store import (
    INDEX_FILES,
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
from index.engine.writer import PASSAGES, PassageWriter, link_index_files, write_events
from index.errors import BuildError, IndexDamaged
from index.merge.incremental import Account, Delta, merge_changed, rank_of
from index.models import Article

log = logging.getLogger(__name__)

FORMAT = 4  # bump when the index schema changes: an incremental build then starts afresh
# Worker processes pay off only when there is much to process (each costs ~1 s to start).
PARALLEL_FROM = 200
NOTHING_LEFT = "nothing left after removing boilerplate"
FLUSH_EVERY = 200  # articles a full build stores between two commits of its new state


@dataclass(frozen=True)
class _Plan:
    """Whether a build updates the served generation, and the served files it may reuse."""

    incremental: bool
    served_wdir: Path | None = None
    records: dict[str, FileRecord] = field(default_factory=dict)
    full_reason: str | None = None


def _plan(index_dir: Path, state: BuildState, full: bool, served: bool) -> _Plan:
    """An incremental build where the state describes the served generation and its files are
    still what it recorded; otherwise (or if asked) a full one."""
    try:
        name = read_pointer(index_dir)
    except IndexDamaged as exc:
        reason = None if full else f"the served index was damaged ({exc.detail})"
        return _Plan(False, full_reason=reason)
    if full or not served or name is None or not state.usable_for(name, fingerprint()):
        return _Plan(False)
    wdir = index_dir / name / WHOOSH_DIR
    records = state.index_files()
    if not records:  # cannot be verified, so not reused
        return _Plan(False, full_reason="the build state does not record the index's files")
    problem = file_problem(wdir, records)
    if problem is not None:
        # The summary says so; a warning would print it twice in a terminal.
        log.info("the served index %s is damaged (%s): building everything afresh", name,
                 problem)
        return _Plan(False, full_reason=f"the served index was damaged ({problem})")
    return _Plan(True, wdir, records)


def make_index_dir(index_dir: Path) -> None:
    """Create the index folder if it is missing: what a build does first, and what a command
    about to build checks before it says so.

    Raises:
        BuildError: the path is not a folder, cannot be created, or cannot be written in.
    """
    where = "(set with --index or TUMEN_INDEX_DIR)"
    if index_dir.exists() and not index_dir.is_dir():
        raise BuildError(f"cannot keep the index in {index_dir}: it is not a folder {where}")
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create the index folder {index_dir} {where}: "
                         f"{exc.strerror or exc}") from exc
    if not os.access(index_dir, os.W_OK | os.X_OK):
        # Else the build lock's file fails to open with a traceback.
        raise BuildError(f"cannot write in the index folder {index_dir} {where}")


def fingerprint() -> str:
    """What a build state must have been made by to be updated rather than rebuilt."""
    return f"{FORMAT}:{pipeline_version()}"


class _Articles:
    """The articles a build processes, with its progress reported as each is done."""

    def __init__(self, todo: list[Article], track: BuildProgress) -> None:
        self.todo, self.track = todo, track
        self.workers = min(4, os.cpu_count() or 1)

    def results(self, passages: PassageWriter) -> Iterator[ArticleResult]:
        """Each article processed, its passages added to ``passages``.

        With many articles, worker processes do both: each writes the passages of its share
        into a segment of its own, which ``passages`` commits with its other changes. Writing
        passages is as much work as extracting events, so it must not wait on one process.
        """
        self.track.start()
        if len(self.todo) < PARALLEL_FROM or self.workers < 2:
            for r in map(process_article, self.todo):
                passages.add(r)
                yield self._report(r)
            return
        segments = ParallelSegments(passages.wdir, PASSAGES, process_and_add, self.todo,
                                    self.workers)
        for r in segments.results():
            yield self._report(r)
        passages.add_segments(segments.segments)

    def _report(self, r: ArticleResult) -> ArticleResult:
        self.track.article(r.doc_id)
        return r


def build_index(corpus_dir: Path, index_dir: Path, *, full: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                checkpoint: Checkpoint | None = None, who: str = "cli") -> BuildSummary:
    """Build a new generation from ``corpus_dir`` and serve it; an incremental build that
    finds nothing to change keeps the served generation and says so (``nothing_changed``).

    Raises:
        BuildError: the index folder is unusable, another build is running, nothing could be
            indexed, or writing failed; the served generation (if any) is untouched.
        CorpusError: the corpus directory is missing.
    """
    started = time.monotonic()
    phases = Phases(checkpoint or (lambda phase: None))
    make_index_dir(index_dir)
    with BuildLock(index_dir, who=who) as lock:
        clean_partial_generations(index_dir)
        served = served_meta(index_dir)
        state = BuildState(index_dir)
        try:
            plan = _plan(index_dir, state, full, served is not None)
            report = load_corpus(corpus_dir, max_bytes=max_bytes,
                                 known=state.files() if plan.incremental else None)
            if not report.articles and not report.unchanged:
                raise BuildError(f"nothing to index: {_rejected(report, corpus_dir)}; the "
                                 "current index keeps serving")
            phases.done("load", "loaded")
            track = BuildProgress(progress, lock, len(report.unchanged), len(report.articles))
            summary = _write_generation(index_dir, corpus_dir, state, report,
                                        _Articles(report.articles, track), plan, phases,
                                        started, served)
        except BaseException:
            state.rollback()
            raise
        finally:
            state.close()
        if not summary.nothing_changed:
            remove_stale_generations(index_dir)
    track.finish()
    if summary.nothing_changed:
        log.info("nothing changed: %s keeps serving (%d articles, %d read again, %.2f s)",
                 summary.generation, summary.articles, summary.reprocessed, summary.duration_s)
        return summary
    log.info("built %s: %d articles (%d reprocessed), %d passages, %d events in %.1f s (%s)",
             summary.generation, summary.articles, summary.reprocessed, summary.passages,
             summary.events, summary.duration_s, summary.phases)
    return summary


def _write_generation(index_dir: Path, corpus_dir: Path, state: BuildState, report: LoadReport,
                      articles: _Articles, plan: _Plan, phases: Phases, started: float,
                      served: dict[str, object] | None) -> BuildSummary:
    """Write and switch to a new generation, unless nothing changed; ``served`` is the served
    one's meta.json, which the summary compares with (a full build too: "added" is what was
    not served before)."""
    incremental = plan.incremental
    previous = served_shas(served)
    gen_dir: Path | None = None
    passages: PassageWriter | None = None
    try:
        before = state.article_shas() if incremental else {}
        todo = {a.meta.doc_id for a in report.articles}
        stale = (todo & set(before)) | (set(before) - todo - set(report.unchanged))

        def nothing_changed() -> bool:
            # No article to add, replace or remove, read from the same folder with the same
            # files skipped: a new generation would hold just what the served one holds.
            return (incremental and not stale
                    and same_as_served(served, corpus_dir, report.problems))

        if not report.articles and nothing_changed():
            return _keep_served(state, report, plan, phases, started, served)
        gen_dir = new_generation_dir(index_dir)
        state.begin(fresh=not incremental)
        wdir = gen_dir / WHOOSH_DIR
        if plan.served_wdir is not None:
            link_index_files(plan.served_wdir, wdir, plan.records)
        else:
            wdir.mkdir()
        passages = PassageWriter(wdir, incremental=incremental)
        passages.delete(stale)
        for doc_id in sorted(stale):
            state.remove_article(doc_id)
        accounts: list[Account] = []
        indexed: list[str] = []
        shas: dict[str, str] = {}
        for r in articles.results(passages):
            if not r.passages:
                report.problems.append(Problem(Path(r.meta.path).name, NOTHING_LEFT))
                continue
            state.put_article(r.doc_id, r.sha256, _article_entry(r), len(r.passages),
                              len(r.dropped), r.words)
            if incremental:
                accounts += _accounts(r)
            else:  # stored, to be merged from the state: a full build holds no account
                put_accounts(state, _accounts(r))
                if len(indexed) % FLUSH_EVERY == 0:
                    state.flush()
            indexed.append(r.doc_id)
            shas[r.doc_id] = r.sha256
        if not indexed and not report.unchanged:
            raise BuildError("nothing to index: no article has any text after cleaning; "
                             "the current index keeps serving")
        if not indexed and nothing_changed():  # what was read again is still all boilerplate
            passages.cancel()
            passages = None
            shutil.rmtree(gen_dir, ignore_errors=True)
            state.rollback()
            return _keep_served(state, report, plan, phases, started, served)
        phases.done("process", "processed")
        passages.commit()
        passages = None
        phases.done("passages", "passages")
        articles.track.stage(MERGING)
        now = set(indexed) | set(report.unchanged)
        if incremental:
            delta = merge_changed(state, set(stale), accounts)
            phases.done("merge")
            articles.track.stage(WRITING_EVENTS)
            write_events(wdir, delta.write, delta.removed, incremental=True)
        else:
            events = merge_stored(state)
            phases.done("merge")
            articles.track.stage(WRITING_EVENTS)
            write_stored_events(wdir, state, events)
            delta = Delta()
        files = record_files(wdir, like=plan.served_wdir, known=plan.records)
        state.set_index_files(files)
        phases.done("events")
        (gen_dir / VOCABULARY).write_text(json.dumps(state.vocabulary(), ensure_ascii=False),
                                          encoding="utf-8")
        state.set_files({name: st for name, st in report.stats.items() if st.doc_id in now})
        totals = state.totals()
        summary = BuildSummary(
            generation=gen_dir.name,
            built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), duration_s=0.0,
            articles=totals["articles"], passages=totals["passages"], events=totals["events"],
            merged=totals["accounts"] - totals["events"],
            mode="incremental" if incremental else "full", reprocessed=len(report.articles),
            added=sorted(set(indexed) - set(previous)),
            updated=sorted(d for d in indexed if d in previous and previous[d] != shas[d]),
            removed=sorted(set(previous) - now), skipped=report.problems,
            dropped=state.dropped(), full_reason=plan.full_reason)
        compare_events(summary, delta)
        _write_meta(gen_dir, corpus_dir, summary, state, files)
        phases.done("meta", "written")
        Generation.open(gen_dir, check_only=True)  # prove it opens before anyone is pointed at it
        state.commit(gen_dir.name, fingerprint())
        switch_to(index_dir, gen_dir)
        phases.done("switch")
        summary.phases = phases.seconds
        summary.duration_s = round(time.monotonic() - started, 3)
    except BaseException as exc:
        if passages is not None:
            with contextlib.suppress(Exception):  # let go of its files before they are removed
                passages.cancel()
        if gen_dir is not None:
            shutil.rmtree(gen_dir, ignore_errors=True)
        if isinstance(exc, OSError | sqlite3.Error):
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise BuildError(f"could not write the new index ({why}); "
                             "the current index keeps serving") from exc
        raise
    phases.done("cleanup", "switched")
    return summary


def _keep_served(state: BuildState, report: LoadReport, plan: _Plan, phases: Phases,
                 started: float, served: dict[str, object] | None) -> BuildSummary:
    """The summary of a build that changed nothing: the served generation stays. Files that
    were touched but not changed get their new modification times, so that the next build does
    not read them again."""
    assert plan.served_wdir is not None  # an incremental build has a served generation
    name = plan.served_wdir.parent.name
    kept = set(report.unchanged)
    state.begin(fresh=False)
    state.set_files({n: st for n, st in report.stats.items() if st.doc_id in kept})
    state.commit(name, fingerprint())
    phases.done("process")
    totals = state.totals()
    head = (served or {}).get("summary")
    built_at = str(head.get("built_at", "")) if isinstance(head, dict) else ""
    return BuildSummary(
        generation=name, built_at=built_at, duration_s=round(time.monotonic() - started, 3),
        articles=totals["articles"], passages=totals["passages"], events=totals["events"],
        merged=totals["accounts"] - totals["events"], mode="incremental",
        reprocessed=len(report.articles), skipped=report.problems, dropped=state.dropped(),
        phases=phases.seconds, nothing_changed=True)


def _rejected(report: LoadReport, corpus_dir: Path, shown: int = 5) -> str:
    """Why no article could be loaded, with the reasons for the first few files."""
    if not report.problems:
        return f"no .md or .txt articles in {corpus_dir}"
    n = len(report.problems)
    reasons = "; ".join(f"{p.path}: {p.message}" for p in report.problems[:shown])
    more = f"; and {n - shown} more" if n > shown else ""
    return f"all {n} article file{'s were' if n != 1 else ' was'} rejected ({reasons}{more})"


def _accounts(r: ArticleResult) -> list[Account]:
    """The article's extracted events, ranked in corpus order, with the text they quote."""
    texts = {p.passage_id: p.text for p in r.passages}
    name = Path(r.meta.path).name
    return [Account(e, rank_of(name, i), quote_texts(e, texts)) for i, e in enumerate(r.events)]


def _article_entry(r: ArticleResult) -> dict[str, object]:
    """The article's entry in meta.json (what `/sources` and citations show)."""
    m = r.meta
    return {"title": m.title, "publisher": m.publisher, "date": m.date, "url": m.url,
            "author": m.author, "date_basis": m.date_basis, "path": Path(m.path).name,
            "sha256": r.sha256, "passages": len(r.passages),
            "dropped": [{"text": d.text, "reason": d.reason} for d in r.dropped]}


def _write_meta(gen_dir: Path, corpus_dir: Path, summary: BuildSummary, state: BuildState,
                files: dict[str, FileRecord]) -> None:
    head = {"format": FORMAT, "pipeline": pipeline_version(), "corpus_dir": str(corpus_dir),
            "summary": summary.to_json(), INDEX_FILES: {n: list(r) for n, r in files.items()}}
    # The articles object is assembled from the stored entries rather than parsed and dumped.
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "articles": '
    text += state.article_entries_json() + "}"
    # meta.json is written last: a generation without it is incomplete by definition.
    (gen_dir / META).write_text(text, encoding="utf-8")
