"""`/when` and `/who` answer the whole question: names take part, actions select, near misses
stay apart. Articles written for the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.answers.services import Library
from index.build.build import build_index
from index.engine.event_question import read_question
from index.engine.query import parse_user_query
from tests.conftest import write_corpus

ARTICLES = {
    "a.md": "---\ntitle: Envoy in Pyongyang\ndate: 2022-05-11\n---\n"
            "Russian Foreign Minister Sergei Lavrov visited Pyongyang on May 10, 2022, and met "
            "North Korean leader Kim Jong Un.\n\n"
            "Vladimir Putin invited Kim Jong Un to visit Moscow next year.\n",
    "b.md": "---\ntitle: Defence chief\ndate: 2022-08-03\n---\n"
            "Russian Defence Minister Sergei Shoigu visited Vladivostok on August 2, 2022, to "
            "inspect the Pacific Fleet.\n\n"
            "Sergei Shoigu said on Tuesday that the drills would continue.\n\n"
            "Kim Jong Un thanked Sergei Shoigu on Wednesday for the visit.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("question")
    build_index(write_corpus(root, ARTICLES), root / "ix")
    lib = Library(root / "ix")
    yield lib
    lib.close()


def _read(text: str):
    return read_question(text, parse_user_query(text))


def test_a_question_is_read_as_names_actions_and_other_words() -> None:
    q = _read("Lavrov visited Pyongyang first")
    assert [n.typed for n in q.needs] == ["Lavrov", "Pyongyang"]
    assert q.actions == ("visit",) and q.rest == ("first",) and q.past
    assert not _read("Lavrov visit Pyongyang").past  # no tense: plans are answers too


def test_a_lower_case_question_still_finds_its_names() -> None:
    assert [n.typed.lower() for n in _read("lavrov visited pyongyang").needs] == \
        ["lavrov", "pyongyang"]


def test_the_person_asked_about_must_take_part(library: Library) -> None:
    answer = library.when("Lavrov visited Pyongyang")
    assert answer.items and all("Lavrov" in (i.summary or "") for i in answer.items)
    # Shoigu's visit is a visit too, but not his: nothing answers the whole question.
    answer = library.when("Shoigu visited Pyongyang")
    assert answer.items == ()
    assert "Nothing in the corpus" in (answer.suggestion or "")


def test_a_planned_visit_is_no_answer_to_a_past_question(library: Library) -> None:
    answer = library.when("Kim Jong Un visited Moscow")
    assert answer.items == ()
    # The invitation to visit is the first near miss, shown apart from the answer.
    assert answer.related[0].action == "invitation" and answer.related[0].place == "Moscow"
    data = answer.to_json()
    assert data["items"] == [] and data["related"]


def test_a_place_in_who_filters(library: Library) -> None:
    answer = library.who("visited Vladivostok 2022")
    assert answer.items and all(i.place == "Vladivostok" for i in answer.items)
    names = {a.name for i in answer.items for a in i.actors}
    assert any("Shoigu" in n for n in names) and not any("Lavrov" in n for n in names)


def test_an_unknown_capitalised_name_must_be_there(library: Library) -> None:
    assert library.when("Aurus visited").items == ()


def test_a_dated_statement_stands_beside_what_it_reports(
        make_corpus: Callable[[dict[str, str]], Path], tmp_path: Path) -> None:
    corpus = make_corpus({"c.md": "---\ntitle: T\ndate: 2021-03-02\n---\n"
                                  "Kim Jong Un will visit Vladivostok on March 20, the "
                                  "Kremlin confirmed on Tuesday.\n"})
    build_index(corpus, tmp_path / "ix")
    lib = Library(tmp_path / "ix")
    try:
        actions = {i.action: i for i in lib.timeline().items}
    finally:
        lib.close()
    assert set(actions) >= {"visit", "statement"}
    assert actions["visit"].status == "planned" and actions["visit"].date.value == "2021-03-20"
    assert actions["statement"].date.value == "2021-03-02"


def test_a_verb_naming_a_kind_of_statement_keeps_those_statements(library: Library) -> None:
    thanked = library.who("thanked 2022")
    assert [i.summary for i in thanked.items] and all(
        "Kim Jong-un" in (i.summary or "") for i in thanked.items)
    # "said" names no kind: every statement answers it.
    said = library.who("said 2022")
    assert {"Sergei Shoigu", "Kim Jong-un"} <= {a.name for i in said.items for a in i.actors}


def test_an_event_told_twice_in_one_article_cites_the_sentence_that_dates_it(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.md").write_text(
        "---\ntitle: Thanks\ndate: 2022-04-29\n---\n"
        "Kim Jong Un thanks Sergei Shoigu for the support of Russia, state media say.\n\n"
        "Kim Jong Un thanked Sergei Shoigu on Wednesday for the support of Russia.\n",
        encoding="utf-8")
    build_index(corpus, tmp_path / "ix")
    lib = Library(tmp_path / "ix")
    try:
        items = lib.who("thanked 2022").items
    finally:
        lib.close()
    quotes = [c.quote for i in items for c in i.citations]
    assert any("on Wednesday" in q for q in quotes)


def test_the_action_typed_as_a_noun_only_ranks() -> None:
    q = _read("Putin state visit Pyongyang")
    assert "visit" in q.also and q.actions == ()


def test_one_who_speaks_for_a_body_acts_for_it() -> None:
    from index.events.model import Event
    from index.models import Actor
    (need,) = _read("Pentagon confirmed troops").needs
    spokesman = Event(event_id="x:p1:e1", action="statement",
                      actors=[Actor("Pat Ryder", "USA", "Pentagon spokesman")], targets=[],
                      companions=[], place=None, date=None, status="happened", summary="",
                      confidence=0.5, evidence=[])
    assert need.acts_in(spokesman)
    other = Event(event_id="x:p1:e2", action="statement",
                  actors=[Actor("John Kirby", "USA", "White House spokesman")], targets=[],
                  companions=[], place=None, date=None, status="happened", summary="",
                  confidence=0.5, evidence=[])
    assert not need.acts_in(other)
