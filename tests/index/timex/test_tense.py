"""Tense cues that place an underspecified date (issue 13)."""

from __future__ import annotations

from index.timex.context import PAST, Sentences
from tests.index.timex.helpers import values


def test_a_title_or_vs_does_not_end_a_sentence() -> None:
    text = "Mr. Smith met Dr. Jones after Roe vs. Wade was argued. Then they left."
    sents = Sentences(text)
    assert sents.index(text.index("Jones")) == sents.index(text.index("Wade")) == 0
    assert sents.index(text.index("Then")) == 1


def test_a_verb_past_a_long_fronted_phrase_gives_the_tense() -> None:
    text = ("In January, a week after the fifth anniversary of the famous Supreme Court "
            "decision on school prayer in Texas, a fire destroyed the old chapel.")
    assert Sentences(text).tense(3, 10) == PAST
    assert values(text, "1998-10-25")["January"] == "1998-01"


def test_no_verb_in_the_sentence_keeps_the_nearer_year() -> None:
    assert values("Outlook: January.", "1998-10-25") == {"January": "1999-01"}


def test_an_adverb_before_planned_makes_it_an_adjective() -> None:
    got = values("On Friday, she cut short a hastily planned trip to Kenya.", "1998-08-17")
    assert got == {"Friday": "1998-08-14"}


def test_a_plan_for_a_weekday_still_points_forward() -> None:
    assert values("A trip to Kenya is planned Friday.", "1998-08-17") == {
        "Friday": "1998-08-21"}


def test_would_have_is_a_past_that_did_not_happen_not_a_future() -> None:
    got = values("The council rejected a plan on Thursday that would have raised fees.",
                 "1998-08-14")
    assert got == {"Thursday": "1998-08-13"}
    assert values("The council said it would raise fees on Thursday.",
                  "1998-08-14") == {"Thursday": "1998-08-20"}
