"""`/who signed`: signings, and ratifications signed into law or by decree — not votes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from index.answers.services import Library
from index.build.build import build_index
from tests.conftest import write_corpus
from tests.index.events.test_events import events_of

ARTICLES = {
    "a.md": "---\ntitle: Treaty\ndate: 2016-06-20\n---\n"
            "Sergei Lavrov and Ri Yong-ho signed a treaty in Pyongyang on June 19, 2016.\n",
    "b.md": "---\ntitle: Ratified\ndate: 2016-11-15\n---\n"
            "The treaty was ratified by a decree of Kim Jong-un, the agency reported, adding that "
            "Kim Jong-un signed the decree on Monday.\n\n"
            "The State Duma ratified the treaty on November 2, 2016.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("signed")
    build_index(write_corpus(root, ARTICLES), root / "ix")
    lib = Library(root / "ix")
    yield lib
    lib.close()


def test_who_signed_lists_a_decree_signed_but_not_a_vote(library: Library) -> None:
    answer = library.who("signed 2016")
    dates = {i.date.value for i in answer.items if i.date is not None}
    assert "2016-06-19" in dates  # the treaty
    assert "2016-11-14" in dates  # Kim's decree, "on Monday" of the Tuesday report
    assert "2016-11-02" not in dates  # the Duma voted; it signed nothing


def test_adding_that_opens_a_clause_of_its_own() -> None:
    found = events_of("The treaty was ratified by a decree of Kim Jong-un, the agency reported, "
                      "adding that Kim Jong-un signed the decree on Monday.", "2016-11-15")
    signed = [e for e in found if e.action == "ratification" and "signed" in
              e.evidence[0].trigger]
    assert [[a.name for a in e.actors] for e in signed] == [["Kim Jong-un"]]
    assert signed[0].date is not None and signed[0].date.value == "2016-11-14"


def test_a_ratification_reads_as_ratifying_the_treaty_with_the_other_side() -> None:
    (e,) = events_of("Vladimir Putin ratified the pact with North Korea on Saturday.",
                     "2024-11-10")
    assert e.summary == "Vladimir Putin ratified the treaty with North Korea"
