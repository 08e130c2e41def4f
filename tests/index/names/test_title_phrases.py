"""Where a title phrase begins: its modifiers and nationalities, not the name before "and"."""

from __future__ import annotations

from index.names.actors import find_mentions


def test_a_title_with_a_nationality_does_not_take_the_name_before_and() -> None:
    people = {m.name: m.role for m in find_mentions(
        "The pact was signed by Kim and Russian Deputy Minister Ivan Zubov in May.")
        if m.kind == "person"}
    assert people.get("Ivan Zubov") == "Deputy Minister"


def test_modifiers_joined_by_and_stay_in_the_title() -> None:
    people = {m.name: m.role for m in find_mentions(
        "Russian Foreign and Defence Minister Ivan Zubov arrived.") if m.kind == "person"}
    assert people == {"Ivan Zubov": "Foreign and Defence Minister"}


def test_a_title_word_before_an_agency_name_says_what_kind_of_agency() -> None:
    found = find_mentions("The talks ended, Russia's official TASS news agency said.")
    assert [(m.text, m.kind) for m in found] == [("Russia", "country"), ("TASS", "org")]
