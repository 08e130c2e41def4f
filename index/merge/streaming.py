"""A full build's merge, read from the build state one action at a time.

The same merge as `incremental.merged_rows` over the same accounts, without holding them. The
accounts of one action are read back in the order they are placed (most specific first) and
placed into clusters that keep only what matching needs — their accounts' ids and profile, not
their events. Once every account of the action is placed, each cluster's accounts are read back
again, in corpus order of the clusters, to combine them into the merged event, and the rows go
out in batches. What the build holds is the clusters of one action, never every account.

Accounts of different actions never meet (see `index.merge.parallel`), so the actions are the
groups. Blocking keys do not cut an action further: an account files a cluster under keys of
every year it may fall in and of every year ("*"), so the accounts of a common action are one
connected group of keys (on 2,000 synthetic articles the largest group of each common action
held about 98 % of its accounts).

The "earlier than the first" notes pair events of one action: they are computed once the
action's events are combined, from a light copy of the few events that can pair, and sent as
notes to add to events already sent (`MergedBatch.notes`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from index.events.firsts import can_pair, pair_notes
from index.events.model import Event
from index.merge.incremental import Account, _row
from index.merge.merge import Merger, _Cluster, combine
from index.merge.stored import ClusterRow

BATCH = 500  # accounts read back at a time to be combined


class AccountSource(Protocol):
    """Where a full build's accounts are: its build state, being written."""

    def ordered_accounts(self, action: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(rank, account JSON) of every account of ``action``, most specific first."""
        ...

    def accounts(self, event_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Account id -> (rank, account JSON)."""
        ...


@dataclass
class MergedBatch:
    """Merged events to store, in corpus order within one action, and notes to add to the
    stored data of events sent before (event id -> notes, appended in order)."""

    rows: list[ClusterRow] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)


def merge_action(source: AccountSource, action: str, batch: int | None = None
                 ) -> Iterator[MergedBatch]:
    """Merge every account of ``action``: batches of rows (of about ``batch`` accounts), then
    one batch of notes."""
    batch = batch or BATCH
    merger = Merger(lean=True)
    for rank, data in source.ordered_accounts(action):
        merger.place(Account.from_json(rank, data).event, rank)
    todo = deque(sorted(merger.clusters, key=lambda c: c.first_rank))
    del merger  # its buckets: the clusters are all that is needed now
    pairable: list[Event] = []
    while todo:
        chunk = [todo.popleft()]
        size = len(chunk[0].ids)
        while todo and size + len(todo[0].ids) <= batch:
            size += len(todo[0].ids)
            chunk.append(todo.popleft())
        stored = source.accounts(i for c in chunk for i in c.ids)
        out = MergedBatch()
        for c in chunk:
            row, merged = _combined(c, stored)
            out.rows.append(row)
            if can_pair(merged):
                pairable.append(_light(merged))
        yield out
    notes = pair_notes(pairable)
    if notes:
        yield MergedBatch(notes=notes)


def _combined(c: _Cluster, stored: dict[str, tuple[str, dict[str, Any]]]
              ) -> tuple[ClusterRow, Event]:
    """A lean cluster's row, from its accounts as stored (in the order they joined)."""
    full = _Cluster(cluster_id=c.cluster_id)
    quotes: dict[str, list[str]] = {}
    for m in c.ids:
        a = Account.from_json(*stored[m])
        quotes[m] = a.quotes
        full.add(a.event)
        full.ranks.append(a.rank)
    full.head_rank, full.first_rank, full.keys = c.head_rank, c.first_rank, c.keys
    merged = combine(full)
    return _row(full, merged, list(merged.notes), quotes), merged


def _light(e: Event) -> Event:
    """What pairing needs of a merged event: its people, date, status and sources."""
    firsts: dict[str, Any] = {}
    for m in e.evidence:
        firsts.setdefault(m.doc_id, m)
    return replace(e, companions=[], summary="", notes=[], evidence=list(firsts.values()))
