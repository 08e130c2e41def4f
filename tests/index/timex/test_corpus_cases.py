"""Failures seen on the project's own articles, and the general rules that fix them."""

from __future__ import annotations

import pytest

from tests.index.timex.helpers import values

KIM_INVITATION = (
    "In the coming months, Russian President Vladimir Putin could become the first foreign "
    "leader to meet with Kim Jong-un, who Russia says has accepted Putin\u2019s invitation to "
    "visit Moscow in May."
)
MOSCOW_2014 = (
    "In 2014, Moscow moved towards Pyonyang after the West implemented sanctions against "
    "Russia. Putin hosted North Korean leader Kim Yong Nam at the Sochi Olympics and then sent "
    "the Russian minister of Far East development to North Korea. In April, Moscow sent Deputy "
    "Prime Minister Yuri Trutnev to Pyongyang for three days."
)


def test_accepted_invitation_to_visit_points_forward() -> None:
    assert values(KIM_INVITATION, "2015-02-18")["May"] == "2015-05"


@pytest.mark.parametrize(
    "text",
    [
        "Putin invited Kim to come to Moscow in May.",
        "Kim plans to visit Moscow in May.",
        "Kim is to visit Moscow in May.",
        "Kim will visit Moscow in May.",
        "Kim accepted an invitation to attend the parade in May.",
    ],
)
def test_forward_cues_beat_past_reporting_verbs(text: str) -> None:
    assert values(text, "2015-02-18")["May"] == "2015-05"


def test_a_past_trip_to_visit_is_not_a_plan() -> None:
    assert values("He went to visit Pyongyang in May.", "2015-02-18") == {"May": "2014-05"}


def test_planned_date_survives_a_past_reporting_verb() -> None:
    assert values("The visit, planned for May 9, was announced.", "2015-02-18") == {
        "May 9": "2015-05-09"}


def test_simple_past_month_after_a_month_only_dct_is_last_year() -> None:
    assert values(MOSCOW_2014, "2015-03")["April"] == "2014-04"
    got = values("In April, Moscow sent Yuri Trutnev to Pyongyang.", "2015-03")
    assert got == {"April": "2014-04"}
    assert values("Payments were made in March.", "2015-02") == {"March": "2014-03"}
    assert values("In December, the ministry noted a rise.", "2015-03") == {
        "December": "2014-12"}


def test_simple_past_month_of_or_before_a_month_only_dct_is_this_year() -> None:
    assert values("Payments were made in March.", "2015-03") == {"March": "2015-03"}
    assert values("In January, Moscow sent an envoy.", "2015-03") == {"January": "2015-01"}


def test_forward_prepositions_still_point_forward_with_a_month_only_dct() -> None:
    assert values("The offer was extended to Nov. 16.", "2015-10") == {"Nov. 16": "2015-11-16"}
    assert values("The deal was valid until April.", "2015-03") == {"April": "2015-04"}


def test_paragraph_topic_year_dates_a_past_month() -> None:
    text = ("In 2014, Moscow moved towards Pyongyang. In February, Moscow sent Trutnev to "
            "Pyongyang.")
    assert values(text, "2015-03")["February"] == "2014-02"
    # a new paragraph (or future tense) leaves the topic behind
    text = "In 2014, Moscow moved towards Pyongyang.\nIn February, Moscow sent Trutnev."
    assert values(text, "2015-03")["February"] == "2015-02"
    text = "In 2014, Moscow moved towards Pyongyang. In May, Kim will visit."
    assert values(text, "2015-03")["May"] == "2015-05"


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("This week Vladimir Putin met with Kim.", "2015-03", "2015-03"),
        ("The regimes announced a program this week.", "2015-03", "2015-03"),
        ("The regimes announced a program last week.", "2015-03", "2015-03"),
        ("They will meet this weekend.", "2015-03", "2015-03"),
        ("He left yesterday.", "2015-02", "2015-02"),
        ("He arrives today.", "2015-02", "2015-02"),
        ("He leaves tomorrow.", "2015-02", "2015-02"),
        ("This week Vladimir Putin met with Kim.", "2015", "2015"),
        ("He left last week.", "2015", "2015"),
        ("They will meet this weekend.", "2015", "2015"),
        ("He left yesterday.", "2015", "2015"),
        ("This week Vladimir Putin met with Kim.", None, "XXXX-WXX"),
        ("He left yesterday.", None, "XXXX-XX-XX"),
        ("This week Vladimir Putin met with Kim.", "2015-03-04", "2015-W10"),
        ("He left last week.", "2015-03-04", "2015-W09"),
    ],
)
def test_week_and_day_deictics_resolve_as_far_as_the_dct_allows(
        text: str, dct: str | None, value: str) -> None:
    assert list(values(text, dct).values()) == [value]


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # a past perfect before a deadline word: the deadline has passed
        ("It had been due to expire Friday evening.", "1989-10-30", "1989-10-27TEV"),
        ("Nashua had purchased 481,000 shares through Sept. 29.", "1989-10-30", "1989-09-29"),
        # "next to" is a place, not a future cue
        ("A bomb ripped through a building next to the embassy Friday.", "1998-08-08",
         "1998-08-07"),
        # "were planning" and "set to" point forward
        ("Protesters were planning a rally on Saturday.", "2000-01-07", "2000-01-08"),
        ("The talks, set to resume Monday in Belfast, stalled.", "1998-03-22", "1998-03-23"),
        # a passive after "be" is not a past tense
        ("The split would be paid on a date in January.", "1989-10-26", "1990-01"),
        # "as soon as" looks ahead
        ("The father could come as soon as Tuesday.", "2000-04-03", "2000-04-04"),
        ("He will come as early as Tuesday.", "2000-04-03", "2000-04-04"),
        # an agreement to do something points at when it will be done
        ("Thermo agreed to purchase the line for $22 million in February.", "1989-10-30",
         "1990-02"),
        ("It announced an agreement to acquire the bank in January.", "1989-11-02", "1990-01"),
        ("The offer had been scheduled to expire at midnight Friday.", "1989-10-30",
         "1989-10-27T24:00"),
        # ... but a past perfect elsewhere in the sentence leaves a plan or deadline alone
        ("Kim, who had met Putin, plans to visit in May.", "2015-06-18", "2016-05"),
        ("The company, which had losses, said the dividend is payable Jan. 2.", "1989-11-02",
         "1990-01-02"),
    ],
)
def test_general_tense_cues(text: str, dct: str, value: str) -> None:
    assert value in values(text, dct).values()


def test_a_date_used_as_a_modifier_does_not_set_the_story_year() -> None:
    text = ("Two agents were charged in the Dec. 21, 1988, bombing of Pan Am Flight 103. They "
            "were removed from the list after Gadhafi agreed in April to hand them over.")
    assert values(text, "1999-06-07")["April"] == "1999-04"
    text = "He rejected it after the August 1988 cease-fire. Iraq invaded Kuwait on Aug. 2."
    assert values(text, "1990-08-15")["Aug. 2"] == "1990-08-02"
    # a date that is the time of the story still does
    text = "Two agents bombed Pan Am Flight 103 on Dec. 21, 1988. They fled in April."
    assert values(text, "1999-06-07")["April"] == "1989-04"  # the story moved on past Dec.


def test_month_and_season_with_a_spoken_year() -> None:
    got = values("Atlanta, January nineteen ninety-seven. A bomb went off.", "1998-02-27")
    assert got == {"January nineteen ninety-seven": "1997-01"}
    got = values("Prices fell in the winter of nineteen ninety-four.", "1998-02-23")
    assert got == {"the winter of nineteen ninety-four": "1994-WI"}
