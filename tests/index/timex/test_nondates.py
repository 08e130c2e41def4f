"""Things that are not dates, durations and sets, and imprecise or missing DCTs."""

from __future__ import annotations

import itertools

import pytest

from index.timex import tag
from tests.index.timex.helpers import one, values


@pytest.mark.parametrize(
    "text",
    [
        "Trade reached $1.09 billion.",
        "They marked the 70th anniversary of liberation.",
        "Exports rose 12.5 percent and 14%.",
        "Russia sent 1,500 kits and 2000 troops.",
        "A donation of $2011 was recorded.",
        "The council adopted Resolution 2094 unanimously.",
        "You may see them soon, he may say.",
        "It takes effect from the day when both sides exchange the instruments.",
        "It takes effect on the day the instruments are exchanged.",
    ],
)
def test_not_a_date(text: str) -> None:
    assert tag(text, "2015-02-18") == []


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("He spent ten days in Moscow.", "ten days", "P10D"),
        ("The deal runs three years.", "three years", "P3Y"),
        ("Growth over the past year was slow.", "the past year", "P1Y"),
        ("It took a few weeks.", "a few weeks", "PXW"),
        ("He waited 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("He spoke for a minute and a half.", "a minute and a half", "PT1M30S"),
        ("It took one and a half days.", "one and a half days", "P1DT12H"),
        ("The two-year plan.", "two-year", "P2Y"),
    ],
)
def test_durations(text: str, extent: str, value: str) -> None:
    t = one(text, "2015-02-18")
    assert (t.type, t.text, t.value) == ("DURATION", extent, value)


def test_ages_are_not_durations() -> None:
    assert tag("A 6-year-old boy and a man 52 years old.", "2015-02-18") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Trains run daily.", "P1D"),
        ("They meet every week.", "P1W"),
        ("They meet every two years.", "P2Y"),
        ("They meet twice a year.", "P1Y"),
        ("The fair opens each July.", "XXXX-07"),
        ("The market is held every Monday.", "XXXX-WXX-1"),
    ],
)
def test_sets(text: str, value: str) -> None:
    t = one(text, "2015-02-18")
    assert (t.type, t.value) == ("SET", value)


def test_month_only_dct_resolves_as_far_as_it_can() -> None:
    got = values("He left yesterday and last month, and will return in May.", "2015-02")
    assert got == {"yesterday": "2015-02", "last month": "2015-01", "May": "2015-05"}


def test_year_only_dct() -> None:
    got = values("He left yesterday; last year was hard.", "2015")
    assert got["last year"] == "2014"
    assert got["yesterday"] == "2015"


def test_undated_article_leaves_relative_expressions_unresolved() -> None:
    got = values("He left yesterday and came back last week. It is different now.", None)
    assert got == {"yesterday": "XXXX-XX-XX", "last week": "XXXX-WXX", "now": "PRESENT_REF"}
    for t in tag("He left yesterday and came back last week.", None):
        assert t.anchor == "none"


def test_undated_article_still_resolves_explicit_and_anaphoric() -> None:
    got = values("The summit was on May 9, 2014. The following day they left.", None)
    assert got == {"May 9, 2014": "2014-05-09", "The following day": "2014-05-10"}


def test_weekday_without_full_dct_is_left_open() -> None:
    assert values("He arrived on Wednesday.", "2015-02") == {"Wednesday": "2015-WXX-3"}
    assert values("He arrived on Wednesday.", None) == {"Wednesday": "XXXX-WXX-3"}


def test_bad_dct_is_treated_as_undated() -> None:
    assert values("He left yesterday.", "someday") == {"yesterday": "XXXX-XX-XX"}


def test_empty_text() -> None:
    assert tag("", "2015-02-18") == []


def test_results_sorted_and_non_overlapping() -> None:
    text = ("On May 9, 2015 Kim was expected in Moscow; three days later, on Tuesday, "
            "he had left, and in the 1990s and in 2014-2015 things were different.")
    found = tag(text, "2015-05-01")
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for t in found:
        assert text[t.start:t.end] == t.text
