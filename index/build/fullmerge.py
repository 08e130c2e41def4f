"""A full build's merge and events index, streamed through the build state.

As articles are processed their accounts go straight to the new build state (`put_accounts`),
each with what orders it for the merge. The merge then reads them back one action at a time
(`index.merge.streaming`), in two worker processes when there are many, and the build stores
the merged events as they come; the events index is written from the stored events a batch at
a time. What any process holds is one action's clusters or one batch of events, not the corpus.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from index.build.state import BuildState
from index.build.statereader import StateReader
from index.engine import writer
from index.engine.writer import IndexWriter, add_events, write_event_batches
from index.events.people import people_of
from index.merge import streaming
from index.merge.incremental import Account
from index.merge.parallel import balance, stream_in_workers
from index.merge.streaming import MergedBatch, merge_action

PARALLEL_FROM = 50_000  # accounts: below this, starting workers costs more than it saves
FLUSH_EVERY = 100  # batches of merged events stored between two commits


def put_accounts(state: BuildState, accounts: Iterable[Account]) -> None:
    """Store a processed article's accounts, to be merged once every article is processed."""
    accounts = list(accounts)
    state.put_accounts((a.event.event_id, a.event.evidence[0].doc_id, a.rank, "",
                        json.dumps(a.to_json(), ensure_ascii=False)) for a in accounts)
    # The order `specific_first` places them in: named people first, dated, most confident.
    state.put_pending((a.event.event_id, a.event.action, int(bool(people_of(a.event))),
                       int(a.event.date is None), a.event.confidence, a.rank)
                      for a in accounts)


def merge_stored(state: BuildState) -> int:
    """Merge every stored account of a full build into stored events; returns their count."""
    counts = state.pending_actions()
    state.flush()  # the workers read what is committed
    workers = min(2, os.cpu_count() or 1)
    if sum(counts.values()) >= PARALLEL_FROM and workers >= 2 and len(counts) >= 2:
        jobs = [(str(state.fresh_path), group, streaming.BATCH)
                for group in balance(counts, workers)]
        batches: Iterable[MergedBatch] = stream_in_workers(merge_worker, jobs)
    else:
        batches = (b for action in sorted(counts) for b in merge_action(state, action))
    events = 0
    for n, batch in enumerate(batches, 1):
        state.put_clusters(batch.rows, replace=False)
        state.set_account_cluster((m, r.cluster_id) for r in batch.rows for m in r.members)
        if batch.notes:
            state.add_notes(batch.notes)
        events += len(batch.rows)
        if n % FLUSH_EVERY == 0:
            # Committed, what is written can be checkpointed into the database: else the
            # write-ahead log grows by every merged event and every account (100k: 3 GB and on).
            state.flush()
    state.drop_pending()
    state.flush()
    return events


def merge_worker(job: tuple[str, list[str], int], send: Callable[[MergedBatch], None]
                 ) -> None:
    """A merge worker: every account of its actions, merged, sent back in batches."""
    path, actions, size = job
    reader = StateReader.open(Path(path))
    try:
        for action in actions:
            for batch in merge_action(reader, action, size):
                send(batch)
    finally:
        reader.close()


def write_stored_events(wdir: Path, state: BuildState, events: int) -> None:
    """Write a new events index from the ``events`` merged events stored in ``state``, in
    corpus order."""
    path = str(state.fresh_path)
    batches = [(path, first, last) for first, last in state.rank_batches(writer.EVENT_BATCH)]
    write_event_batches(wdir, batches, add_event_batch, events)


def add_event_batch(item: tuple[str, str, str], writer: IndexWriter) -> int:
    """Add one batch of stored merged events to ``writer`` (a worker's task)."""
    path, first, last = item
    reader = StateReader.open(Path(path))
    try:
        return add_events(reader.events_between(first, last), writer)
    finally:
        reader.close()
