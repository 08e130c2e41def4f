"""Lists that show some of what matched say how many matched, and how to narrow them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.answers.services import Library
from index.build.build import build_index
from index.engine import totals
from tests.conftest import write_corpus

N_VISITS = 250


def visit_dates() -> list[dt.date]:
    """One visit every nine days from 2010 on: 250 events on different days."""
    return [dt.date(2010, 1, 1) + dt.timedelta(days=9 * i) for i in range(N_VISITS)]


def visits_article() -> str:
    paras = [f"On {d.day} {d:%B} {d.year}, Russian Foreign Minister Sergei Lavrov visited "
             "Pyongyang." for d in visit_dates()]
    return ("---\ntitle: Lavrov's visits\npublisher: Test Wire\ndate: 2016-12-31\n---\n"
            + "\n\n".join(paras) + "\n")


@pytest.fixture(scope="module")
def visits_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of one article telling 250 visits, each on its own day."""
    root = tmp_path_factory.mktemp("visits")
    corpus = write_corpus(root, {"visits.md": visits_article()})
    build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture
def visits(visits_index: Path) -> Iterator[Library]:
    lib = Library(visits_index)
    yield lib
    lib.close()


def in_2014() -> int:
    return sum(d.year == 2014 for d in visit_dates())


def test_who_says_it_shows_25_of_all_and_how_to_narrow(visits: Library) -> None:
    answer = visits.who("visited 2014")
    assert len(answer.items) == 25 and answer.total == in_2014() > 25
    assert answer.total_exact and answer.cut
    assert (f"Showing the first 25 of {in_2014()} events in date order; to narrow it, add a "
            "name or a place") in " ".join(answer.notes)
    assert [i.date.start for i in answer.items] == sorted(
        d.isoformat() for d in visit_dates() if d.year == 2014)[:25]
    data = answer.to_json()
    assert data["total"] == in_2014() and len(data["items"]) == 25


def test_a_list_that_is_whole_says_nothing_about_the_rest(visits: Library) -> None:
    answer = visits.who("visited May 2014")
    n = sum(d.year == 2014 and d.month == 5 for d in visit_dates())
    assert len(answer.items) == n == answer.matched and not answer.cut
    assert not any(note.startswith("Showing") for note in answer.notes)


def test_timeline_says_it_shows_200_of_every_event(visits: Library) -> None:
    answer = visits.timeline()
    assert len(answer.items) == 200 and answer.total == N_VISITS
    assert f"Showing 200 of {N_VISITS} events; to narrow it, give a topic" in answer.notes[0]
    topic = visits.timeline("Lavrov")
    assert topic.total == N_VISITS
    assert topic.notes[0].startswith(f"Showing the 200 most relevant of {N_VISITS} events")


def test_when_counts_every_event_that_answers(visits: Library) -> None:
    answer = visits.when("visited Pyongyang")
    assert len(answer.items) == 25 and answer.total == N_VISITS
    assert f"Showing the 25 most relevant of {N_VISITS} events" in " ".join(answer.notes)


def test_search_counts_every_matching_passage(visits: Library) -> None:
    answer = visits.search("Lavrov")
    assert len(answer.items) == 10 and answer.total == N_VISITS
    assert answer.notes[-1].startswith(f"Showing the 10 best of {N_VISITS} passages")
    phrase = visits.search('"Sergei Lavrov"')
    assert len(phrase.items) == 10 and phrase.total == N_VISITS
    assert visits.search("Lavrov", source="Test Wire").total == N_VISITS


def test_a_total_over_many_candidates_is_an_estimate_and_says_so(
        visits: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    # Months are not whole years: the events' dates are read, here only the first 10.
    monkeypatch.setattr(totals, "SCAN", 10)
    answer = visits.who("visited since May 2010")
    assert not answer.total_exact and answer.cut
    assert any(n.startswith("Showing 25 of about ") for n in answer.notes)
    assert answer.to_json()["total_exact"] is False


def test_who_past_tense_fills_the_list_although_plans_come_first(
        make_corpus, tmp_path: Path) -> None:
    plans = [f"Sergei Lavrov will visit Pyongyang on {d.day} {d:%B} {d.year}."
             for d in visit_dates()[200:230]]
    done = [f"On {d.day} {d:%B} {d.year}, Sergei Lavrov visited Pyongyang."
            for d in visit_dates()[:30]]
    corpus = make_corpus({"a.md": "---\ntitle: A\ndate: 2014-01-01\n---\n"
                                  + "\n\n".join(plans + done) + "\n"})
    build_index(corpus, tmp_path / "index")
    lib = Library(tmp_path / "index")
    try:
        answer = lib.who("Lavrov visited")
        assert all(i.status != "planned" for i in answer.items)
        assert len(answer.items) == 25 and answer.total == 30
    finally:
        lib.close()


def test_docnums_agree_with_whoosh_matching() -> None:
    """The array evaluation of a query finds exactly what Whoosh's own matching finds."""
    import tempfile
    from pathlib import Path

    from whoosh import query as wq

    from index.answers.services import Library
    from index.build.build import build_index
    from index.engine.event_search import docnums

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, body in enumerate(["Sergei Lavrov visited Pyongyang on May 10, 2022.",
                                  "Kim Jong Un visited Moscow in 2023 and met Vladimir Putin.",
                                  "Russia and North Korea signed a treaty in June 2024."]):
            (corpus / f"a{i}.md").write_text(f"---\ntitle: T{i}\ndate: 2024-07-0{i + 1}\n---\n"
                                             f"{body}\n", encoding="utf-8")
        build_index(corpus, Path(tmp) / "ix")
        lib = Library(Path(tmp) / "ix")
        searcher = lib.store.current().events_searcher()
        visit = wq.Term("action", "visit")
        assert len(docnums(searcher, visit)) >= 2
        for q in (visit, wq.And([visit, wq.Term("names", "moscow")]),
                  wq.Or([visit, wq.Term("action", "agreement")]), wq.Not(visit), wq.Every(),
                  wq.And([visit, wq.NullQuery])):
            assert docnums(searcher, q).tolist() == sorted(q.docs(searcher)), q
        lib.close()
