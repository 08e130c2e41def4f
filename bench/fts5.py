"""The same passages in SQLite FTS5 (bm25), as a yardstick for Tumen's Whoosh search.

The table uses the Porter stemmer with accent folding, close to Tumen's analyzer (English
stemming, accent folding). A query is the user's words, each quoted (so FTS5 syntax in user text
is data, as in Tumen), all required; as in `Library.search`, if nothing has them all, any of
them will do.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from index.models import Passage

LIMIT = 10
_PHRASE = re.compile(r"[\"“”„«»]([^\"“”„«»]*)[\"“”„«»]")
_WORD = re.compile(r"\w+")


def create(db_path: Path) -> sqlite3.Connection:
    """A new, empty FTS5 passage table at ``db_path`` (an existing file is replaced)."""
    db_path.unlink(missing_ok=True)
    con = sqlite3.connect(db_path)
    con.execute("CREATE VIRTUAL TABLE passages USING fts5(passage_id UNINDEXED, doc_id UNINDEXED,"
                " text, tokenize = 'porter unicode61 remove_diacritics 2')")
    return con


def insert(con: sqlite3.Connection, passages: Iterable[Passage]) -> int:
    """Add passages in one transaction; returns how many."""
    with con:
        cur = con.executemany("INSERT INTO passages (passage_id, doc_id, text) VALUES (?, ?, ?)",
                              ((p.passage_id, p.doc_id, p.text) for p in passages))
    return cur.rowcount


def match_expression(text: str, *, any_term: bool = False) -> str | None:
    """An FTS5 MATCH string for user text: quoted phrases and quoted words, nothing else."""
    units = [" ".join(_WORD.findall(m)) for m in _PHRASE.findall(text)]
    rest = _PHRASE.sub(" ", text)
    units += _WORD.findall(rest)
    units = [u for u in units if u]
    if not units:
        return None
    quoted = [f'"{u}"' for u in units[:24]]  # Tumen bounds a query to 24 terms too
    return (" OR " if any_term else " AND ").join(quoted)


def search(con: sqlite3.Connection, text: str, limit: int = LIMIT) -> list[tuple[str, str]]:
    """The best passages for ``text`` by bm25: ``(passage_id, text)`` pairs."""
    expr = match_expression(text)
    if expr is None:
        return []
    sql = ("SELECT passage_id, text FROM passages WHERE passages MATCH ? "
           "ORDER BY bm25(passages) LIMIT ?")
    rows = con.execute(sql, (expr, limit)).fetchall()
    if not rows and (expr_any := match_expression(text, any_term=True)) != expr:
        rows = con.execute(sql, (expr_any, limit)).fetchall()
    return rows
