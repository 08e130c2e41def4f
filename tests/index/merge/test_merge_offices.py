"""Merging accounts that name an office instead of its holder, or a state instead of its
president, and ranking the events many sources tell."""

from __future__ import annotations

from pathlib import Path

from index.answers.services import Library
from index.build.build import build_index
from index.events.people import is_named, same_person
from index.merge.merge import merge_events
from index.models import Actor
from tests.index.events.test_events import events_of

CONTEXT = "Russia and North Korea signed a defence treaty in June. "


def test_a_state_s_office_is_not_a_name_and_is_its_holder() -> None:
    office = Actor("Russian president", "RUS", "president")
    putin = Actor("Vladimir Putin", "RUS", "President")
    assert not is_named(office)
    assert same_person(office, putin)
    assert not same_person(Actor("North Korean leader", "PRK", "leader"), putin)
    assert not same_person(office, Actor("Mikhail Mishustin", "RUS", "Prime Minister"))


def _ratifications(*bodies: str) -> list:
    events = [e for i, b in enumerate(bodies)
              for e in events_of(CONTEXT + b, "2024-11-10", doc_id=f"d{i}")]
    return [e for e in merge_events(events) if e.action == "ratification"]


def test_the_office_and_its_holder_on_one_day_are_one_event() -> None:
    found = _ratifications("President Vladimir Putin ratified the treaty on November 9.",
                           "The Russian president ratified the treaty on November 9.")
    assert len(found) == 1 and len(found[0].doc_ids) == 2


def test_a_state_s_account_joins_the_account_of_its_very_day() -> None:
    found = _ratifications(
        "President Vladimir Putin ratified the treaty on November 9.",
        "Prime Minister Mikhail Mishustin ratified the treaty this week.",
        "Russia ratified the treaty on November 9.")
    by_docs = sorted(tuple(e.doc_ids) for e in found)
    assert ("d0", "d2") in by_docs, by_docs


def test_an_event_many_sources_tell_is_not_ranked_down_for_its_length(
        make_corpus, tmp_path: Path) -> None:
    same = "President Vladimir Putin ratified the treaty with North Korea on November 9"
    tails = ["the Kremlin website showed on its legal portal", "state media reported from Moscow",
             "a decree published by the government said",
             "lawmakers in both chambers had approved it earlier"]
    files = {f"s{i}.md": f"---\ntitle: T{i}\ndate: 2024-11-1{i}\n---\n{CONTEXT}{same}, {tail}.\n"
             for i, tail in enumerate(tails)}
    files["x.md"] = ("---\ntitle: X\ndate: 2024-11-12\n---\n" + CONTEXT +
                     same.replace("November 9", "November 6") + ".\n")
    build_index(make_corpus(files), tmp_path / "ix")
    lib = Library(tmp_path / "ix")
    try:
        items = lib.when("Putin ratified the treaty").items
    finally:
        lib.close()
    assert len(items[0].citations) == 4, [i.summary for i in items]
