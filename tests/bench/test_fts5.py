"""The FTS5 yardstick: user text is data, and the search finds the same passages."""

from __future__ import annotations

from pathlib import Path

from bench import fts5
from index.models import Passage


def _p(n: int, text: str) -> Passage:
    return Passage(passage_id=f"d:p{n}", doc_id="d", n=n, text=text, sentences=((0, len(text)),))


def test_match_expression_quotes_everything() -> None:
    assert fts5.match_expression('title:x AND "Sochi Olympics" (') == \
        '"Sochi Olympics" AND "title" AND "x" AND "AND"'
    assert fts5.match_expression("*** ((") is None


def test_search_ranks_and_falls_back_to_any_word(tmp_path: Path) -> None:
    con = fts5.create(tmp_path / "t.db")
    fts5.insert(con, [_p(1, "Trutnev visited Pyongyang in April."),
                      _p(2, "Russia wrote off most of the debt."),
                      _p(3, "The visits continued.")])
    assert [r[0] for r in fts5.search(con, "visit Pyongyang")] == ["d:p1"]
    assert {r[0] for r in fts5.search(con, "debt zanzibar")} == {"d:p2"}
    assert fts5.search(con, "OR NOT") == []
    con.close()
