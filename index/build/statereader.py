"""Reading a full build's accounts and merged events from its build state, in any process.

A full build writes a new state database beside the served one (`index.build.state`) and
commits as it goes, so that its worker processes can read what it wrote: the merge workers
read accounts back one action at a time (`index.merge.streaming`), and the workers writing the
events index read merged events a batch at a time. Nothing here writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_CHUNK = 500  # SQLite's limit on bound parameters is 999 in older builds


def chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def marks(items: list[str]) -> str:
    return ",".join("?" * len(items))


class StateReader:
    """Queries on a state database's accounts and merged events (``db`` is its connection)."""

    db: sqlite3.Connection

    @classmethod
    def open(cls, path: Path) -> StateReader:
        reader = cls()
        reader.db = sqlite3.connect(path, isolation_level=None)
        reader.db.execute("PRAGMA query_only=ON")
        return reader

    def close(self) -> None:
        self.db.close()

    def accounts(self, event_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Account id -> (rank, account JSON)."""
        out: dict[str, tuple[str, dict[str, Any]]] = {}
        for chunk in chunks(list(event_ids)):
            for eid, rank, data in self.db.execute(
                    f"SELECT event_id, rank, data FROM accounts WHERE event_id IN "
                    f"({marks(chunk)})", chunk):
                out[eid] = (rank, json.loads(data))
        return out

    def ordered_accounts(self, action: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(rank, account JSON) of every account of ``action`` waiting to be merged, in the
        order a merge places them (`index.merge.merge.specific_first`)."""
        rows = self.db.execute(
            "SELECT p.rank, a.data FROM pending p JOIN accounts a ON a.event_id = p.event_id "
            "WHERE p.action = ? ORDER BY p.named DESC, p.undated, p.confidence DESC, p.rank",
            (action,))
        for rank, data in rows:
            yield rank, json.loads(data)

    def events_between(self, first: str, last: str) -> list[dict[str, Any]]:
        """The merged events (JSON with quotes) whose rank is in [first, last], in order."""
        return [json.loads(d) for (d,) in self.db.execute(
            "SELECT data FROM clusters WHERE rank BETWEEN ? AND ? ORDER BY rank", (first, last))]
