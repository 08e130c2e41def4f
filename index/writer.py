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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from index.artifacts import ArticleResult
from index.events.model import Event
from index.events.store import INDEX_NAME as EVENTS
from index.events.store import event_document, event_schema
from index.schema import passage_schema

log = logging.getLogger(__name__)

PASSAGES = "passages"
WRITER_MB = 256


def link_index_files(src: Path, dst: Path) -> None:
    """Start ``dst`` as hard links to ``src``'s index files (copies where links are refused)."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if not f.is_file() or "LOCK" in f.name:
            continue
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)


def _passage_docs(r: ArticleResult) -> list[dict[str, Any]]:
    m = r.meta
    return [dict(passage_id=p.passage_id, doc_id=p.doc_id, n=p.n, text=p.text, title=m.title,
                 publisher=m.publisher, date=m.date or "",
                 year=int(m.date[:4]) if m.date else 0,
                 sentences=[list(s) for s in p.sentences],
                 dates=r.facts[p.passage_id]["dates"], actors=r.facts[p.passage_id]["actors"])
            for p in r.passages]


def _replace(ix: Any, key: str, delete: set[str], add: Iterable[dict[str, Any]]) -> None:
    """Delete the documents whose ``key`` is in ``delete``, add ``add``, commit; or nothing."""
    # One process: Whoosh's multi-process writer measured slower here (pickling documents to
    # its helpers and merging their segments cost more than it saved), and it forks, which a
    # threaded caller such as the bot must not do.
    writer = ix.writer(limitmb=WRITER_MB)
    try:
        for value in sorted(delete):
            writer.delete_by_term(key, value)
        for doc in add:
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()


class PassageWriter:
    """Writes (or, if ``incremental``, updates) the passages index in ``wdir``, one article at a
    time; nothing is visible until `commit`."""

    def __init__(self, wdir: Path, *, incremental: bool) -> None:
        if incremental:
            self._ix = whoosh_index.open_dir(str(wdir), indexname=PASSAGES)
        else:
            self._ix = whoosh_index.create_in(str(wdir), passage_schema(), indexname=PASSAGES)
        # One process: Whoosh's multi-process writer measured slower here, and it forks.
        self._writer = self._ix.writer(limitmb=WRITER_MB)

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove the passages of these articles (changed and removed ones)."""
        for doc_id in sorted(doc_ids):
            self._writer.delete_by_term("doc_id", doc_id)

    def add(self, result: ArticleResult) -> None:
        for doc in _passage_docs(result):
            self._writer.add_document(**doc)

    def commit(self) -> None:
        self._writer.commit()
        self._ix.close()

    def cancel(self) -> None:
        self._writer.cancel()
        self._ix.close()


def write_events(wdir: Path, write: dict[str, dict[str, Any]], remove: set[str], *,
                 incremental: bool) -> None:
    """Write (or update) the events index: ``write`` maps event ids to the JSON of events to
    add or replace (with their ``quotes``); ``remove`` are ids of events that are gone."""
    if incremental:
        ix = whoosh_index.open_dir(str(wdir), indexname=EVENTS)
    else:
        ix = whoosh_index.create_in(str(wdir), event_schema(), indexname=EVENTS)
    docs = (event_document(Event.from_json(d), d["quotes"]) for d in write.values())
    _replace(ix, "event_id", (remove | set(write)) if incremental else set(), docs)
