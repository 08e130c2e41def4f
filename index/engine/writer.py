"""Writing the Whoosh indexes of a new generation: from scratch, or as a delta of the last one.

An incremental build starts the new generation as hard links to the served generation's index
files, then deletes and adds only what changed. This is safe because Whoosh never modifies a
segment file after writing it: deletions live in the table of contents, which every commit writes
as a new file. The served generation's files are therefore never touched.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from index.engine.event_store import INDEX_NAME as EVENTS
from index.engine.event_store import event_document, event_schema
from index.engine.schema import passage_schema
from index.engine.segments import WRITER_MB, ParallelSegments, commit_with, use_chunked_pool
from index.events.model import Event
from index.models import ArticleMeta, Passage

log = logging.getLogger(__name__)

PASSAGES = "passages"
# Events written by worker processes from this many on (below, starting them costs more).
EVENTS_PARALLEL_FROM = 20_000
EVENT_BATCH = 500  # events a worker adds between two messages
IndexWriter = SegmentWriter  # what the build's worker tasks are handed (see `add_passages`)


class ArticleDocs(Protocol):
    """What the passages index needs of one processed article (the build's `ArticleResult`)."""

    meta: ArticleMeta
    passages: list[Passage]
    facts: dict[str, dict[str, list[Any]]]


def link_index_files(src: Path, dst: Path, names: Iterable[str]) -> None:
    """Start ``dst`` as hard links to the files ``names`` of ``src`` (copies where links are
    refused). Only the files the last build recorded (and this one verified) are named: a
    stray file there, such as a foreign table of contents, would become part of the index."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in sorted(names):
        f = src / name
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)


def _passage_docs(r: ArticleDocs) -> list[dict[str, Any]]:
    m = r.meta
    return [dict(passage_id=p.passage_id, doc_id=p.doc_id, n=p.n, text=p.text, title=m.title,
                 publisher=m.publisher, date=m.date or "",
                 year=int(m.date[:4]) if m.date else 0,
                 sentences=[list(s) for s in p.sentences],
                 dates=r.facts[p.passage_id]["dates"], actors=r.facts[p.passage_id]["actors"])
            for p in r.passages]


def add_passages(writer: SegmentWriter, result: ArticleDocs) -> None:
    """Add the passages of one processed article to ``writer``."""
    for doc in _passage_docs(result):
        writer.add_document(**doc)


def add_events(batch: list[dict[str, Any]], writer: SegmentWriter) -> int:
    """Add a batch of events (their JSON with ``quotes``) to ``writer``."""
    for d in batch:
        writer.add_document(**event_document(Event.from_json(d), d["quotes"]))
    return len(batch)


class PassageWriter:
    """Writes (or, if ``incremental``, updates) the passages index in ``wdir``; nothing is
    visible until `commit`.

    Passages come one article at a time (`add`) or as whole segments that worker processes
    wrote (`add_segments`); `commit` writes them all, with the deletions, in one commit.
    """

    def __init__(self, wdir: Path, *, incremental: bool) -> None:
        self.wdir = wdir
        if incremental:
            self._ix = whoosh_index.open_dir(str(wdir), indexname=PASSAGES)
        else:
            self._ix = whoosh_index.create_in(str(wdir), passage_schema(), indexname=PASSAGES)
        self._writer = use_chunked_pool(self._ix.writer(limitmb=WRITER_MB))
        self._segments: list[Any] = []

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove the passages of these articles (changed and removed ones)."""
        for doc_id in sorted(doc_ids):
            self._writer.delete_by_term("doc_id", doc_id)

    def add(self, result: ArticleDocs) -> None:
        add_passages(self._writer, result)

    def add_segments(self, segments: list[Any]) -> None:
        """Finished segments (from `index.engine.segments`) to commit with everything else."""
        self._segments += segments

    def commit(self) -> None:
        commit_with(self._writer, self._segments)
        self._ix.close()

    def cancel(self) -> None:
        self._writer.cancel()
        self._ix.close()


def write_events(wdir: Path, write: dict[str, dict[str, Any]], remove: set[str], *,
                 incremental: bool) -> None:
    """Write (or update) the events index: ``write`` maps event ids to the JSON of events to
    add or replace (with their ``quotes``); ``remove`` are ids of events that are gone.

    Many events are written by worker processes, a segment each (see `index.engine.segments`).
    """
    if incremental:
        ix = whoosh_index.open_dir(str(wdir), indexname=EVENTS)
    else:
        ix = whoosh_index.create_in(str(wdir), event_schema(), indexname=EVENTS)
    docs = list(write.values())
    batches = [docs[i:i + EVENT_BATCH] for i in range(0, len(docs), EVENT_BATCH)]
    _fill(wdir, ix, use_chunked_pool(ix.writer(limitmb=WRITER_MB)), batches, add_events,
          len(docs), remove=sorted((remove | set(write)) if incremental else ()))


def write_event_batches(wdir: Path, batches: list[Any], work: Callable[[Any, IndexWriter], int],
                        events: int) -> None:
    """Write a new events index of ``events`` events from ``batches`` in order,
    ``work(batch, writer)`` adding each one's: many are written by worker processes, a
    segment each."""
    ix = whoosh_index.create_in(str(wdir), event_schema(), indexname=EVENTS)
    _fill(wdir, ix, use_chunked_pool(ix.writer(limitmb=WRITER_MB)), batches, work, events)


def _fill(wdir: Path, ix: Any, writer: IndexWriter, batches: list[Any],
          work: Callable[[Any, IndexWriter], int], events: int,
          remove: Sequence[str] = ()) -> None:
    """Delete the events ``remove`` names, add ``batches`` with ``work(batch, writer)`` and
    commit: in this process for a few events, else by worker processes, a segment each. A
    failure cancels the writer and leaves the index as it was."""
    workers = min(2, os.cpu_count() or 1)
    segments: list[Any] = []
    try:
        for value in remove:
            writer.delete_by_term("event_id", value)
        if events < EVENTS_PARALLEL_FROM or workers < 2:
            for batch in batches:
                work(batch, writer)
        else:
            parallel = ParallelSegments(wdir, EVENTS, work, batches, workers)
            for _ in parallel.results():
                pass
            segments = parallel.segments
    except BaseException:
        writer.cancel()
        ix.close()
        raise
    commit_with(writer, segments)
    ix.close()
