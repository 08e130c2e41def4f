"""Deictic, underspecified (tense) and anaphoric expressions."""

from __future__ import annotations

import pytest

from index.timex import tag
from tests.index.timex.helpers import one, values

DCT = "2015-02-18"  # a Wednesday in ISO week 8


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He left yesterday.", "2015-02-17"),
        ("He leaves tomorrow.", "2015-02-19"),
        ("He left last week.", "2015-W07"),
        ("They meet next month.", "2015-03"),
        ("Trade grew this year.", "2015"),
        ("Trade fell last year.", "2014"),
        ("He came a year ago.", "2014"),
        ("He came three months ago.", "2014-11"),
        ("He is here now.", "PRESENT_REF"),
        ("He visited recently.", "PAST_REF"),
        ("He arrived on Monday.", "2015-02-16"),
        ("He will arrive on Friday.", "2015-02-20"),
    ],
)
def test_deictic_against_dct(text: str, value: str) -> None:
    t = one(text, DCT)
    assert t.value == value
    assert t.anchor == "dct"


def test_underspecified_month_goes_forward_in_future_tense() -> None:
    text = "Kim Jong-un would visit Russia. The visit is to take place on May 9."
    assert values(text, "2015-02") == {"May 9": "2015-05-09"}


def test_underspecified_month_goes_back_in_past_tense() -> None:
    assert values("The minister visited Pyongyang in May.", "2015-02-18") == {"May": "2014-05"}
    assert values("The minister visited Pyongyang in May.", "2015-08-01") == {"May": "2015-05"}


def test_invitation_is_a_future_cue() -> None:
    text = "Putin invited Kim to visit Moscow in December."
    assert values(text, "2015-02-18") == {"December": "2015-12"}


def test_anaphora_follow_the_story(article: str) -> None:
    found = tag(article, DCT)
    got = {t.text: (t.type, t.value) for t in found}
    assert got["February 2014"] == ("DATE", "2014-02")
    assert got["The following month"] == ("DATE", "2014-03")
    # the year of "April 28-30" comes from the story (2014), not from the DCT (2015)
    assert got["April 28-30"] == ("DATE", "2014-04-28/2014-04-30")
    assert got["three days"] == ("DURATION", "P3D")
    assert got["September"] == ("DATE", "2014-09")
    assert got["October"] == ("DATE", "2014-10")
    assert got["ten days"] == ("DURATION", "P10D")
    assert [t.start for t in found] == sorted(t.start for t in found)
    for t in found:
        assert article[t.start:t.end] == t.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Talks opened on March 3, 2014. Two days later they ended.", "2014-03-05"),
        ("Talks opened on March 3, 2014. Later that year they ended.", "2014"),
        ("Talks opened on March 3, 2014. That April they ended.", "2014-04"),
        ("Talks opened on March 3, 2014. The same day they ended.", "2014-03-03"),
        ("Talks opened on March 3, 2014. The next day they ended.", "2014-03-04"),
    ],
)
def test_anaphoric_against_last_date(text: str, value: str) -> None:
    found = tag(text, DCT)
    assert len(found) == 2
    assert found[1].value == value
    assert found[1].anchor == "context"


def test_later_that_year_has_end_mod() -> None:
    found = tag("Talks opened in March 2014. Later that year they ended.", DCT)
    assert (found[1].value, found[1].mod) == ("2014", "END")
