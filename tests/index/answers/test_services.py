"""The query services over the seed corpus and small literal corpora."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from index.answers.services import Library
from index.build.build import build_index
from index.engine import snippets
from index.engine.event_search import first_matches
from index.engine.query import parse_user_query
from index.engine.readers import preload_lengths
from index.engine.snippets import best_quote, marked_spans
from index.errors import IndexUnavailable, NotFound, QueryError

SOCHI_000 = ("In February 2014, Kim Yong-nam, chairman of the Presidium of the DPRK’s Supreme "
             "People’s Assembly, attended the opening of the Olympic Games in Sochi.")


def test_search_quotes_the_matching_sentence_not_the_paragraph(seed_library: Library) -> None:
    answer = seed_library.search("Sochi Olympics")
    quotes = {c.doc_id[:3]: c for i in answer.items for c in i.citations}
    assert set(quotes) == {"000", "002"}
    c = quotes["000"]
    assert c.quote == SOCHI_000
    assert c.passage_id == "000_991db22383b8adc6:p2"
    assert c.source.publisher == "CNAS" and c.source.date == "2015-02-18"
    marked = {c.quote[s:e] for s, e in c.highlights}
    assert marked == {"Olympic", "Sochi"}


def test_event_citations_mark_the_query_words_in_every_quote(seed_library: Library) -> None:
    answer = seed_library.when("debt forgiven")
    units = parse_user_query("debt forgiven").units
    cited = [c for item in answer.items for c in item.citations]
    assert len(cited) >= 3
    for c in cited:
        # Found when read, as the whole quote taken as one sentence would mark it.
        assert c.highlights == best_quote(c.quote, [(0, len(c.quote))], units).highlights
    assert {c.quote[s:e].lower() for c in cited for s, e in c.highlights} >= {"debt"}


def test_event_quotes_are_analyzed_only_when_their_highlights_are_read(
        seed_library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    analyzed: list[str] = []
    monkeypatch.setattr(snippets, "marked_spans",
                        lambda quote, units: analyzed.append(quote) or ((0, 1),))
    answer = seed_library.when("debt")
    cited = [c for item in answer.items for c in item.citations]
    assert len(cited) >= 3 and analyzed == []
    assert cited[0].highlights == ((0, 1),) and cited[0].highlights == ((0, 1),)
    assert analyzed == [cited[0].quote]  # once, for the one read


def test_a_generation_makes_one_source_per_article(seed_library: Library) -> None:
    gen = seed_library.store.current()
    doc_id = next(iter(gen.meta["articles"]))
    assert gen.source(doc_id) is gen.source(doc_id)
    assert gen.source(doc_id).title == gen.meta["articles"][doc_id]["title"]


def test_marked_spans_need_a_units_words_in_order() -> None:
    units = (("north", "korea"), ("visit",))
    assert marked_spans("Korea North visits", units) == ((12, 18),)
    assert marked_spans("North Korea was visited", units) == ((0, 5), (6, 11), (16, 23))
    assert marked_spans("Nothing here", units) == ()


def test_quotes_are_verbatim_slices_of_the_passage(seed_library: Library) -> None:
    for words in ["debt", "Trutnev", "military exercises", "Vladivostok", "Peskov"]:
        for item in seed_library.search(words).items:
            c = item.citations[0]
            whole = seed_library.cite(c.passage_id).items[0].citations[0].quote
            assert c.quote in whole
            assert c.quote[0].isupper() or c.quote[0] in "“\"$‘'"


def test_phrase_must_match_in_order(seed_library: Library) -> None:
    assert seed_library.search('"Sochi Olympics"').items
    assert not seed_library.search('"Olympics Sochi"').items


def test_or_fallback_says_so(seed_library: Library) -> None:
    answer = seed_library.search("Sochi zanzibar")
    assert answer.items
    assert any("some of them" in n for n in answer.notes)


def test_nothing_found_suggests(seed_library: Library) -> None:
    answer = seed_library.search("zanzibar")
    assert answer.items == () and answer.suggestion


def test_source_filter(seed_library: Library) -> None:
    assert {i.citations[0].doc_id[:3] for i in seed_library.search("Moscow",
                                                                    source="CNAS").items} == {"000"}
    with pytest.raises(NotFound, match="No source matches"):
        seed_library.search("debt", source="nowhere")


def test_cite_exact_and_prefix(seed_library: Library) -> None:
    full = seed_library.cite("000_991db22383b8adc6:p2")
    short = seed_library.cite("000:p2")
    assert full.items[0].citations[0] == short.items[0].citations[0]
    assert short.items[0].citations[0].quote.startswith("If Kim does come")
    assert seed_library.cite("000_991db:2").items[0].citations[0].passage_id.endswith(":p2")


@pytest.mark.parametrize(("ref", "message"), [
    ("0", "ambiguous"), ("zzz", "No article id starts"), ("001", "has 12 passages"),
    ("001:p99", "no p99"), ("001:px", "not a passage id"), ("a b", "not a passage id")])
def test_cite_errors(seed_library: Library, ref: str, message: str) -> None:
    with pytest.raises(NotFound, match=message):
        seed_library.cite(ref)


def test_cite_empty_is_usage(seed_library: Library) -> None:
    with pytest.raises(QueryError, match="Usage: /cite"):
        seed_library.cite("  ")


def test_sources_lists_articles_newest_first_undated_last(make_corpus, tmp_path) -> None:
    corpus = make_corpus({
        "old.md": "---\ntitle: Old\ndate: 2014\n---\nOld text.\n",
        "new.md": "---\ntitle: New\npublisher: P\ndate: 2015-02-18\n---\nNew text.\nMore.\n",
        "nodate.txt": "Undated Title\nSome text.\n",
    })
    build_index(corpus, tmp_path / "ix")
    lib = Library(tmp_path / "ix")
    try:
        items = lib.sources().items
    finally:
        lib.close()
    assert [(i.source.doc_id, i.source.date, i.passages) for i in items] == [
        ("new", "2015-02-18", 2), ("old", "2014", 1), ("nodate", None, 1)]


def test_no_index_is_a_clear_error(tmp_path) -> None:
    lib = Library(tmp_path / "none")
    with pytest.raises(IndexUnavailable, match="tumen index"):
        lib.search("debt")


def test_passage_id_autocomplete(seed_library: Library) -> None:
    ids = seed_library.passage_ids("001_fb27f336a89ec95e:p1")
    assert ids[0] == "001_fb27f336a89ec95e:p1"
    assert set(ids) == {"001_fb27f336a89ec95e:p1", "001_fb27f336a89ec95e:p10",
                        "001_fb27f336a89ec95e:p11", "001_fb27f336a89ec95e:p12"}
    assert len(seed_library.passage_ids("", limit=25)) == 25


def test_a_topic_in_most_events_is_listed_by_date_with_advice(
        seed_library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("index.engine.event_search.BROAD_MIN_EVENTS", 1)
    answer = seed_library.when("Russia")
    assert any("in most events" in n for n in answer.notes)
    dates = [i.date.start for i in answer.items if i.kind == "event" and i.date]
    assert dates == sorted(dates)
    assert not any("in most events" in n for n in seed_library.when("Trutnev").notes)


def test_field_lengths_in_memory_score_exactly_as_read_from_disk(seed_library: Library) -> None:
    gen = seed_library.store.current()
    q = wq.Or([wq.Term("text", "debt"), wq.Term("text", "russia")])
    from_memory = [(h.docnum, h.score) for h in gen.searcher().search(q, limit=20)]
    with gen._ix.searcher() as plain:  # a searcher the preloading never touched
        from_disk = [(h.docnum, h.score) for h in plain.search(q, limit=20)]
        assert preload_lengths(plain) == 1  # the passages' one scored field: text
        assert preload_lengths(plain) == 0  # already in memory
    assert from_memory == from_disk and len(from_disk) > 5


def test_a_range_no_event_falls_in_finds_nothing_and_says_so(seed_library: Library) -> None:
    # Year filters are built from the years the index has: none here, so no query at all.
    assert seed_library.who("visited 2014").items
    for text in ("visited 1950", "visited before 1990"):
        answer = seed_library.who(text)
        assert answer.items == () and answer.suggestion


def test_unranked_matches_stop_at_the_limit(seed_library: Library) -> None:
    searcher = seed_library.store.current().events_searcher()
    assert searcher.doc_count() > 5
    found = first_matches(searcher, wq.Every(), 3)
    assert [f["event_id"] for f in found] == [
        searcher.stored_fields(d)["event_id"] for d in range(3)]
