"""Accounts of one meeting told from either side merge; figures apart from the words that state
an event are quoted in the disagreement note."""

from __future__ import annotations

from index.merge.merge import merge_events
from tests.index.events.test_events import events_of


def _meetings(*bodies: tuple[str, str]) -> list[list[str]]:
    accounts = [e for i, (body, date) in enumerate(bodies)
                for e in events_of(body, date, doc_id=f"d{i}")]
    return [e.doc_ids for e in merge_events(accounts) if e.action == "meeting"]


def test_who_met_whom_can_be_told_either_way() -> None:
    assert _meetings(("Vladimir Putin met Kim Jong Un in April 2019.", "2020-04-02"),
                     ("Kim Jong Un met Vladimir Putin in Vladivostok on Thursday.",
                      "2019-04-26")) == [["d0", "d1"]]


def test_two_meetings_sharing_one_person_stay_apart() -> None:
    assert sorted(_meetings(("Kim Jong Un met Sergei Shoigu in Pyongyang in June 2025.",
                             "2025-06-30"),
                            ("Kim Jong Un met Sergei Lavrov in Wonsan in June 2025.",
                             "2025-06-30"))) == [["d0"], ["d1"]]


def test_a_figure_standing_apart_from_the_verb_is_quoted_in_the_note() -> None:
    accounts = [e for i, body in enumerate([
        "In 2014 Moscow canceled $10 billion of Pyongyang’s $11 billion debt.",
        "In 2014 Moscow forgave most of the debt North Korea owed, some $9 billion."])
        for e in events_of(body, doc_id=f"d{i}")]
    (debt,) = [e for e in merge_events(accounts) if e.action == "debt_relief"]
    (note,) = [n for n in debt.notes if "disagree on the amount" in n]
    assert "… $9 billion” (d1)" in note


def _merged(action: str, *bodies: tuple[str, str]) -> list[list[str]]:
    accounts = [e for i, (body, date) in enumerate(bodies)
                for e in events_of(body, date, doc_id=f"d{i}")]
    return sorted(e.doc_ids for e in merge_events(accounts) if e.action == action)


def test_a_body_and_a_president_ratifying_in_one_week_are_two_steps() -> None:
    assert _merged("ratification",
                   ("Vladimir Putin signed the pact with North Korea into law on Saturday.",
                    "2024-11-10"),
                   ("The Federation Council ratified the pact with North Korea on Wednesday.",
                    "2024-11-07"),
                   ("Russia's upper house approved the pact with North Korea on November 6.",
                    "2024-11-08")) == [["d0"], ["d1", "d2"]]


def test_undated_statements_of_one_person_are_not_one_statement() -> None:
    body = ("Kim Jong Un praised the army for its courage.\n\n"
            "Kim Jong Un condemned the drills near the border.")
    assert _merged("statement", (body, None)) == [["d0"], ["d0"]]
