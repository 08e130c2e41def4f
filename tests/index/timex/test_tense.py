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
