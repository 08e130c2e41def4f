"""Passage ranking with whole posting lists gives Whoosh's own top results and scores."""

from __future__ import annotations

import gc

import pytest
from whoosh import query as wq

from bench.synth import generate_article, write_article
from index.answers.services import Library
from index.build.build import build_index
from index.engine import fastscore
from index.engine.passage_search import with_variants
from index.engine.query import parse_user_query

QUERIES = ["north", "korea", "north korea", "visit", "trade minister", "russia debt",
           "lavrov pyongyang", "joint exercises", "cooperation agreement", "nosuchword",
           "north nosuchword", "minnikhanov", "kim jong un", "railway khasan rajin"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """A synthetic corpus whose index has several segments and deleted documents."""
    root = tmp_path_factory.mktemp("fast")
    corpus, ix = root / "corpus", root / "ix"
    corpus.mkdir()
    for i in range(40):
        write_article(corpus, generate_article(5, i))
    build_index(corpus, ix)
    for i in (3, 17):  # revised: their old passages are deleted, new ones in a new segment
        write_article(corpus, generate_article(5, i, revision=1))
    (corpus / f"{generate_article(5, 30).doc_id}.md").unlink()
    build_index(corpus, ix)
    lib = Library(ix)
    yield lib
    lib.close()


def exhaustive(searcher, q: wq.Query, limit: int) -> list[tuple[int, float]]:
    """Whoosh's scores for every match, best first and equal scores in document order.

    The reference is every match scored, not Whoosh's top-N collector: with equal scores at the
    cut-off, that collector can drop a document ranked above one it keeps.
    """
    hits = [(h.docnum, h.score) for h in searcher.search(q, limit=None)]
    return sorted(hits, key=lambda h: (-h[1], h[0]))[:limit]


def same_order(fast: fastscore.Scored, expected: list[tuple[int, float]]) -> bool:
    """Whether both rank the same documents, scores equal to the 9th digit counting as ties
    (summing the same terms in another order can change a score's last bit)."""
    def ranked(pairs: list[tuple[int, float]]) -> list[int]:
        return [d for d, _ in sorted(pairs, key=lambda p: (-round(p[1], 9), p[0]))]
    return ranked(list(zip(fast.docnums, fast.scores, strict=True))) == ranked(expected)


def whoosh_top(searcher, parsed, limit: int, any_term: bool) -> list[tuple[int, float]]:
    return exhaustive(searcher, parsed.whoosh_query(any_term=any_term), limit)


@pytest.mark.parametrize("any_term", [False, True])
def test_same_top_passages_and_scores_as_whoosh(library: Library, any_term: bool) -> None:
    searcher = library.store.current().searcher()
    assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()
    compared = 0
    for text in QUERIES:
        parsed = with_variants(parse_user_query(text))
        for limit in (1, 10, 50):
            fast = fastscore.top(searcher, parsed, limit, any_term=any_term)
            assert fast is not None
            expected = whoosh_top(searcher, parsed, limit, any_term)
            assert same_order(fast, expected), (text, limit)
            assert fast.scores == pytest.approx([s for _, s in expected], rel=1e-9)
            compared += len(expected)
    assert compared > 300


@pytest.mark.parametrize("phrase", ['"joint naval exercises"', '"north korea"',
                                    '"Kim Jong-un"', '"prime minister" russia'])
def test_phrases_match_exactly_the_passages_whoosh_matches(
        library: Library, phrase: str, monkeypatch: pytest.MonkeyPatch) -> None:
    searcher = library.store.current().searcher()
    parsed = with_variants(parse_user_query(phrase))
    assert fastscore.top(searcher, parsed, 10) is None  # phrases need the passages' text
    monkeypatch.setattr(fastscore, "MAX_PHRASE_CHECKS", 10**6)
    fast = fastscore.top(searcher, parsed, 10**6,
                         text_of=lambda d: searcher.stored_fields(d)["text"])
    expected = {h.docnum for h in searcher.search(parsed.whoosh_query(), limit=None)}
    assert fast is not None and expected
    assert set(fast.docnums) == expected
    assert fast.scores == sorted(fast.scores, reverse=True)


def test_search_answers_are_unchanged(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [library.search(q).to_json() for q in QUERIES]
    monkeypatch.setattr(fastscore, "top", lambda *a, **k: None)
    slow = [library.search(q).to_json() for q in QUERIES]
    assert sum(len(a["items"]) for a in fast) > 50
    for a, b in zip(fast, slow, strict=True):
        for item in a["items"] + b["items"]:
            item["score"] = round(item["score"], 9)
    assert fast == slow


@pytest.mark.parametrize("any_term", [False, True])
def test_events_ranked_as_whoosh_ranks_words_in_text_or_names(library: Library,
                                                              any_term: bool) -> None:
    searcher = library.store.current().events_searcher()
    compared = 0
    for text in QUERIES:
        parsed = with_variants(parse_user_query(text))
        q = wq.Or([parsed.whoosh_query("text", any_term=any_term),
                   parsed.whoosh_query("names", any_term=any_term)])
        expected = exhaustive(searcher, q, 25)
        fast = fastscore.top(searcher, parsed, 25, any_term=any_term, fields=("text", "names"))
        assert fast is not None
        assert same_order(fast, expected), text
        assert fast.scores == pytest.approx([s for _, s in expected], rel=1e-9)
        compared += len(expected)
    assert compared > 150


def test_warming_decodes_the_frequent_words_once(library: Library,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastscore, "CACHE", fastscore._PostingCache(2**24))
    monkeypatch.setattr(fastscore, "CACHE_FROM", 1)
    searcher = library.store.current().searcher()
    frequent = [t.decode() for _, t in searcher.reader().most_frequent_terms("text", 2)]
    try:
        assert library.warm(terms=2) >= 0
        # What is loaded by then is out of the garbage collector's passes.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert fastscore.CACHE.used > 0

    def no_decoding(m: object) -> None:
        raise AssertionError("a warmed posting list was decoded again")

    monkeypatch.setattr(fastscore, "_decode", no_decoding)
    assert library.search(" ".join(frequent)).items  # answered from the warm cache alone
