"""A question that names an action only by a noun ("rail trolley", "state visit"): that
action's events rank ahead of others that match about as well, not ahead of one that matches
the question much better."""

from __future__ import annotations

from pathlib import Path

from index.answers.services import Library
from index.build.build import build_index
from index.engine.event_search import answer_question, read_question
from index.engine.query import parse_user_query
from tests.conftest import write_corpus

ARTICLES = {
    "trains": "Passenger trains between Moscow and Pyongyang resumed on June 17, 2025.",
    "flights": "Flights between Moscow and Pyongyang resumed on July 27, 2025.",
    "ferries": "Ferry services between Russia and North Korea resumed on May 3, 2025.",
    "trolley": "Eight Russian diplomats left North Korea on a hand-pushed rail trolley on "
               "February 25, 2021.",
    "visit": "Vladimir Putin paid a state visit to North Korea on June 19, 2024.",
    "treaty": "During the state visit to North Korea, Vladimir Putin and Kim Jong Un signed a "
              "treaty on June 19, 2024.",
}


def _answers(tmp_path: Path, question: str, limit: int) -> list[str]:
    corpus = write_corpus(tmp_path, {f"{name}.md": f"---\ntitle: {name}\ndate: 2025-08-01\n---\n"
                                     f"{body}\n" for name, body in ARTICLES.items()})
    build_index(corpus, tmp_path / "ix")
    lib = Library(tmp_path / "ix")
    try:
        q = read_question(question, parse_user_query(question))
        hits, _ = answer_question(lib.store.current(), q, limit=limit)
    finally:
        lib.close()
    return [h.event.evidence[0].doc_id for h in hits]


def test_an_event_that_matches_much_better_is_not_crowded_out_by_the_nouns_action(
        tmp_path: Path) -> None:
    # Three transport links match "rail trolley" only by their kind; the diplomats' departure
    # by trolley matches every word and must be among the two shown.
    assert "trolley" in _answers(tmp_path, "Russian diplomats rail trolley", limit=2)


def test_the_nouns_action_ranks_ahead_of_an_event_that_matches_as_well(tmp_path: Path) -> None:
    assert _answers(tmp_path, "Putin state visit", limit=2)[0] == "visit"
