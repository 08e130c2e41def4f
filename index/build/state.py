"""The build state: what the served generation was built from, so the next build can update it.

One SQLite database beside the generations (``state.sqlite``) holds, for the served generation:
each article file's size, modification time and hash (an unchanged file is not read again); each
article's entry of ``meta.json`` and its words; every account of an event as extracted from one
sentence; and the merged events (clusters of accounts) with their blocking keys and people, so
that an incremental build finds the few clusters a new account could join without loading the
others; and the size and checksum of each of the generation's index files, which the next build
verifies before it reuses them (`index.engine.integrity`).

The state belongs to one generation: an incremental build changes it in one transaction,
committed just before the new generation is switched in, and records that generation's name. A
full build writes a new database beside it instead (``state.sqlite.new``), committing as it goes
so that its worker processes can read the accounts and merged events (`index.build.statereader`);
it replaces the old one at that same moment, and is removed if the build fails. A state that
names another generation than the served one (a build died between the two steps) is not
trusted: the next build starts afresh.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from index.build.statereader import StateReader, chunks, marks
from index.corpus.loader import FileStat
from index.engine.integrity import FileRecord
from index.merge.stored import ClusterRow, StoredCluster

log = logging.getLogger(__name__)

STATE = "state.sqlite"
VERSION = "4"  # bump when the tables change

_SCHEMA = """
CREATE TABLE info (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE files (name TEXT PRIMARY KEY, doc_id TEXT NOT NULL, size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE index_files (name TEXT PRIMARY KEY, size INTEGER NOT NULL, crc32 INTEGER NOT NULL);
CREATE TABLE articles (doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, entry TEXT NOT NULL,
                       passages INTEGER NOT NULL, dropped INTEGER NOT NULL, words TEXT NOT NULL);
CREATE TABLE vocab (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE accounts (event_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, rank TEXT NOT NULL,
                       cluster TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX accounts_doc ON accounts(doc_id);
CREATE TABLE clusters (cluster TEXT PRIMARY KEY, action TEXT NOT NULL, rank TEXT NOT NULL,
                       is_first INTEGER NOT NULL, members TEXT NOT NULL, latest_start TEXT,
                       earliest_end TEXT, base_notes TEXT NOT NULL, data TEXT NOT NULL,
                       profile TEXT NOT NULL);
CREATE TABLE ckeys (key TEXT NOT NULL, cluster TEXT NOT NULL);
CREATE INDEX ckeys_key ON ckeys(key);
CREATE INDEX ckeys_cluster ON ckeys(cluster);
CREATE TABLE cnames (action TEXT NOT NULL, name TEXT NOT NULL, cluster TEXT NOT NULL);
CREATE INDEX cnames_name ON cnames(action, name);
CREATE INDEX cnames_cluster ON cnames(cluster);
CREATE INDEX clusters_rank ON clusters(rank);
"""
# A full build's accounts waiting to be merged, with what orders them (`ordered_accounts`).
_PENDING = """
CREATE TABLE pending (event_id TEXT PRIMARY KEY, action TEXT NOT NULL, named INTEGER NOT NULL,
                      undated INTEGER NOT NULL, confidence REAL NOT NULL, rank TEXT NOT NULL)
                      WITHOUT ROWID
"""
_PENDING_ORDER = ("CREATE INDEX pending_order ON pending(action, named DESC, undated, "
                  "confidence DESC, rank)")
FRESH_SUFFIX = ".new"


class BuildState(StateReader):
    """The state database, opened by a build while it holds the build lock."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / STATE
        self.fresh_path = self.path.with_name(STATE + FRESH_SUFFIX)
        self._served: sqlite3.Connection | None = None  # while a fresh state is written
        _remove_db(self.fresh_path)  # left by a build that was killed
        index_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError as exc:
            # Unreadable (a disk error, or not a database): it only ever saves work, so start
            # afresh; the served generation does not depend on it.
            log.warning("build state %s is unreadable (%s); the next build starts afresh",
                        self.path, exc)
            _remove_db(self.path)
            self.db = self._connect()

    def _connect(self, path: Path | None = None) -> sqlite3.Connection:
        db = sqlite3.connect(path or self.path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return db

    def close(self) -> None:
        self.rollback()
        self.db.close()

    # -- validity ---------------------------------------------------------------------------

    def info(self) -> dict[str, str]:
        try:
            return dict(self.db.execute("SELECT k, v FROM info"))
        except sqlite3.DatabaseError:
            return {}

    def usable_for(self, generation: str | None, fingerprint: str) -> bool:
        """Whether this state describes ``generation``, built by this program."""
        info = self.info()
        return (generation is not None and info.get("generation") == generation
                and info.get("fingerprint") == fingerprint and info.get("version") == VERSION)

    def begin(self, *, fresh: bool) -> None:
        """Start the build's transaction; ``fresh`` starts a new, empty state beside this one
        (a full build that fails leaves the state of the served generation as it was)."""
        if fresh:
            _remove_db(self.fresh_path)
            db = self._connect(self.fresh_path)
            db.execute("PRAGMA synchronous=OFF")  # worthless until `commit` moves it in place
            db.executescript(_SCHEMA + ";" + _PENDING)
            self._served, self.db = self.db, db
        self.db.execute("BEGIN")

    @property
    def fresh(self) -> bool:
        """Whether this build writes a new state (a full build)."""
        return self._served is not None

    def flush(self) -> None:
        """Commit what a full build wrote so far, for its workers to read (an incremental
        build's one transaction is never cut)."""
        if self.fresh:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN")

    def commit(self, generation: str, fingerprint: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO info VALUES (?, ?)", [
            ("generation", generation), ("fingerprint", fingerprint), ("version", VERSION)])
        self.db.execute("COMMIT")
        if self._served is not None:
            self._served.close()
            self._served = None
            busy = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy:  # a reader left open: what is only in the -wal file would be lost
                raise sqlite3.OperationalError("the new build state is still being read")
            self.db.close()
            for suffix in ("-wal", "-shm"):  # the old database's, checkpointed as it closed
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            os.replace(self.fresh_path, self.path)
            _remove_db(self.fresh_path)  # its emptied -wal and -shm
            self.db = self._connect()

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        if self._served is not None:
            self.db.close()
            _remove_db(self.fresh_path)
            self.db, self._served = self._served, None

    # -- files and articles -----------------------------------------------------------------

    def files(self) -> dict[str, FileStat]:
        return {name: FileStat(doc_id, size, mtime, sha) for name, doc_id, size, mtime, sha
                in self.db.execute("SELECT name, doc_id, size, mtime_ns, sha256 FROM files")}

    def set_files(self, stats: dict[str, FileStat]) -> None:
        self.db.execute("DELETE FROM files")
        self.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                            [(n, s.doc_id, s.size, s.mtime_ns, s.sha256)
                             for n, s in stats.items()])

    def index_files(self) -> dict[str, FileRecord]:
        """Size and checksum of each index file of the generation this state describes."""
        try:
            return {name: (size, crc) for name, size, crc
                    in self.db.execute("SELECT name, size, crc32 FROM index_files")}
        except sqlite3.DatabaseError:
            return {}

    def set_index_files(self, records: dict[str, FileRecord]) -> None:
        self.db.execute("DELETE FROM index_files")
        self.db.executemany("INSERT INTO index_files VALUES (?, ?, ?)",
                            [(n, size, crc) for n, (size, crc) in records.items()])

    def article_shas(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT doc_id, sha256 FROM articles"))

    def put_article(self, doc_id: str, sha256: str, entry: dict[str, Any], passages: int,
                    dropped: int, words: list[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                        (doc_id, sha256, json.dumps(entry, ensure_ascii=False), passages,
                         dropped, json.dumps(words, ensure_ascii=False)))
        self.db.executemany(
            "INSERT INTO vocab VALUES (?, 1) ON CONFLICT(word) DO UPDATE SET df = df + 1",
            [(w,) for w in words])

    def remove_article(self, doc_id: str) -> None:
        row = self.db.execute("SELECT words FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return
        words = json.loads(row[0])
        self.db.executemany("UPDATE vocab SET df = df - 1 WHERE word = ?", [(w,) for w in words])
        self.db.executemany("DELETE FROM vocab WHERE word = ? AND df <= 0", [(w,) for w in words])
        self.db.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))

    def article_entries_json(self) -> str:
        """``meta.json``'s "articles" object, assembled from the stored entries."""
        rows = self.db.execute("SELECT doc_id, entry FROM articles ORDER BY doc_id")
        return "{" + ",\n".join(f"{json.dumps(d, ensure_ascii=False)}: {e}" for d, e in rows) + "}"

    def totals(self) -> dict[str, int]:
        articles, passages = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(passages), 0) FROM articles").fetchone()
        accounts = self.db.execute("SELECT COUNT(*) FROM accounts").fetchone()[0]
        clusters = self.db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
        return {"articles": articles, "passages": passages, "accounts": accounts,
                "events": clusters}

    def dropped(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT doc_id, dropped FROM articles WHERE dropped > 0"))

    def vocabulary(self) -> list[str]:
        return [w for (w,) in self.db.execute("SELECT word FROM vocab WHERE df > 0 ORDER BY word")]

    # -- accounts and clusters --------------------------------------------------------------

    def put_accounts(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Rows of (event id, doc id, rank, cluster id, account JSON)."""
        self.db.executemany("INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?)", rows)

    def put_pending(self, rows: Iterable[tuple[str, str, int, int, float, str]]) -> None:
        """Accounts a full build is to merge: (event id, action, named, undated, confidence,
        rank), what orders them (`index.merge.merge.specific_first`)."""
        self.db.executemany("INSERT INTO pending VALUES (?, ?, ?, ?, ?, ?)", rows)

    def pending_actions(self) -> dict[str, int]:
        """How many accounts of each action wait to be merged; indexes them in merge order."""
        self.db.execute(_PENDING_ORDER)
        return dict(self.db.execute("SELECT action, COUNT(*) FROM pending GROUP BY action"))

    def drop_pending(self) -> None:
        self.db.execute("DROP TABLE IF EXISTS pending")

    def add_notes(self, notes: dict[str, list[str]]) -> None:
        """Append notes to the data of stored merged events."""
        for chunk in chunks(sorted(notes)):
            rows = self.db.execute(f"SELECT cluster, data FROM clusters WHERE cluster IN "
                                   f"({marks(chunk)})", chunk).fetchall()
            for cid, text in rows:
                data = json.loads(text)
                data["notes"] += notes[cid]
                self.update_cluster_data(cid, data)

    def rank_batches(self, size: int) -> list[tuple[str, str]]:
        """The merged events cut into batches of ``size`` in corpus order, as (first rank,
        last rank) of each (for `events_between`)."""
        out: list[tuple[str, str]] = []
        first = last = None
        for n, (rank,) in enumerate(self.db.execute("SELECT rank FROM clusters ORDER BY rank")):
            if n % size == 0:
                if first is not None:
                    out.append((first, last))
                first = rank
            last = rank
        if first is not None:
            out.append((first, last))
        return out

    def set_account_cluster(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.db.executemany("UPDATE accounts SET cluster = ? WHERE event_id = ?",
                            [(c, e) for e, c in pairs])

    def accounts_of_docs(self, doc_ids: Iterable[str]) -> list[tuple[str, str]]:
        """(event id, cluster id) of every account the given articles gave."""
        out: list[tuple[str, str]] = []
        for chunk in chunks(list(doc_ids)):
            out += self.db.execute(
                f"SELECT event_id, cluster FROM accounts WHERE doc_id IN ({marks(chunk)})",
                chunk).fetchall()
        return out

    def delete_accounts_of_docs(self, doc_ids: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM accounts WHERE doc_id = ?", [(d,) for d in doc_ids])

    def put_clusters(self, rows: list[ClusterRow], *, replace: bool) -> None:
        """Store merged events (``replace``: deleting stored ones with the same ids first)."""
        if replace:
            self.delete_clusters(r.cluster_id for r in rows)
        self.db.executemany("INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (r.cluster_id, r.action, r.rank, int(r.is_first), json.dumps(r.members),
             r.span[0], r.span[1], json.dumps(r.base_notes, ensure_ascii=False),
             json.dumps(r.data, ensure_ascii=False), json.dumps(r.profile, ensure_ascii=False))
            for r in rows])
        self.db.executemany("INSERT INTO ckeys VALUES (?, ?)",
                            [(k, r.cluster_id) for r in rows for k in r.keys])
        self.db.executemany("INSERT INTO cnames VALUES (?, ?, ?)",
                            [(r.action, n, r.cluster_id) for r in rows for n in r.names])

    def update_cluster_data(self, cluster_id: str, data: dict[str, Any]) -> None:
        self.db.execute("UPDATE clusters SET data = ? WHERE cluster = ?",
                        (json.dumps(data, ensure_ascii=False), cluster_id))

    def delete_clusters(self, cluster_ids: Iterable[str]) -> None:
        ids = [(c,) for c in cluster_ids]
        for table in ("clusters", "ckeys", "cnames"):
            self.db.executemany(f"DELETE FROM {table} WHERE cluster = ?", ids)

    def clusters_under(self, keys: Iterable[str],
                       span: tuple[str, str] | None) -> set[str]:
        """Clusters filed under any of ``keys`` whose dates can overlap ``span``."""
        keys = list(keys)
        found: set[str] = set()
        for chunk in chunks(keys):
            sql = (f"SELECT DISTINCT k.cluster FROM ckeys k JOIN clusters c USING (cluster) "
                   f"WHERE k.key IN ({marks(chunk)})")
            args: list[str] = list(chunk)
            if span is not None:
                # As in merging: an account must overlap every dated account of the cluster.
                sql += (" AND (c.latest_start IS NULL OR c.latest_start <= ?)"
                        " AND (c.earliest_end IS NULL OR c.earliest_end >= ?)")
                args += [span[1], span[0]]
            found.update(c for (c,) in self.db.execute(sql, args))
        return found

    def clusters(self, cluster_ids: Iterable[str]) -> dict[str, StoredCluster]:
        out: dict[str, StoredCluster] = {}
        for chunk in chunks(list(cluster_ids)):
            for cid, rank, members, base, data, prof in self.db.execute(
                    f"SELECT cluster, rank, members, base_notes, data, profile FROM clusters "
                    f"WHERE cluster IN ({marks(chunk)})", chunk):
                out[cid] = StoredCluster(cid, rank, json.loads(members), json.loads(base),
                                         json.loads(data), json.loads(prof))
        return out

    def profiles(self, cluster_ids: Iterable[str]) -> dict[str, tuple[dict[str, Any], list[str]]]:
        """Cluster id -> (what matching needs of it, its account ids)."""
        out: dict[str, tuple[dict[str, Any], list[str]]] = {}
        for chunk in chunks(list(cluster_ids)):
            for cid, prof, members in self.db.execute(
                    f"SELECT cluster, profile, members FROM clusters "
                    f"WHERE cluster IN ({marks(chunk)})", chunk):
                out[cid] = (json.loads(prof), json.loads(members))
        return out

    def clusters_naming(self, action: str, names: Iterable[str], *,
                        firsts_only: bool = False) -> set[str]:
        """Clusters of ``action`` naming any of ``names`` (people with a role); with
        ``firsts_only``, only those a source calls the first of their kind."""
        names = list(names)
        if not names:
            return set()
        sql = (f"SELECT DISTINCT n.cluster FROM cnames n JOIN clusters c USING (cluster) "
               f"WHERE n.action = ? AND n.name IN ({marks(names)})")
        if firsts_only:
            sql += " AND c.is_first = 1"
        return {c for (c,) in self.db.execute(sql, [action, *names])}

    def all_clusters(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for cid, data in self.db.execute("SELECT cluster, data FROM clusters"):
            yield cid, json.loads(data)


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
