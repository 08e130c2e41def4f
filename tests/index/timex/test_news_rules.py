"""News-specific resolution rules: reports, deadlines, weekdays and look-alikes."""

from __future__ import annotations

import pytest

from index.timex import tag
from tests.index.timex.helpers import one, values


def test_the_quarter_is_the_latest_completed_one() -> None:
    assert values("Profit rose in the quarter.", "1989-10-26") == {"the quarter": "1989-Q3"}


def test_a_year_ago_in_a_quarterly_report_is_that_quarter_last_year() -> None:
    got = values("Third-quarter profit rose to $5 million from $3 million a year ago.",
                 "1989-10-26")
    assert got == {"Third-quarter": "1989-Q3", "a year ago": "1988-Q3"}


def test_year_ago_quarter() -> None:
    got = values("Sales fell in the year-ago third quarter.", "1989-10-26")
    assert got == {"the year-ago third quarter": "1988-Q3"}


def test_possessive_weekday_is_past_even_near_would() -> None:
    got = values("They said they would look for ways around Wednesday's ruling.", "2000-01-07")
    assert got == {"Wednesday": "2000-01-05"}


def test_deadline_word_points_forward() -> None:
    # a past-tense verb, but "payable Jan. 2" in a November article is the coming January
    got = values("The company said the dividend was payable Jan. 2.", "1989-11-02")
    assert got == {"Jan. 2": "1990-01-02"}


def test_near_future_month_survives_a_past_tense_verb() -> None:
    got = values("The offer was extended to Nov. 16.", "1989-10-30")
    assert got == {"Nov. 16": "1989-11-16"}


def test_the_weekend_just_past() -> None:
    # 1990-08-13 is a Monday; the weekend before it is in ISO week 32
    assert values("Talks continued over the weekend.", "1990-08-13") == {
        "the weekend": "1990-W32-WE"}


def test_year_later_keeps_the_story_precision() -> None:
    found = tag("The plant opened on March 3, 2014. A year later it closed.", "2016-01-01")
    assert found[1].value == "2015-03-03"


def test_month_of_the_next_year() -> None:
    got = values("Talks began on May 3, 2014 and ended in March of the next year.",
                 "2016-06-01")
    assert got["March of the next year"] == "2015-03"


def test_clock_time_alone_takes_the_dct_day() -> None:
    t = one("The vote closed at 6 p.m. local time.", "2015-02-18")
    assert (t.type, t.value) == ("TIME", "2015-02-18T18:00")


@pytest.mark.parametrize(
    "text",
    [
        "Thousands joined the March for Life on Capitol Hill.",
        "Foreign ministers including Jan Kavan signed it.",
        "About three-quarters of the members agreed.",
        "He starred in High Noon with others.",
        "A 44-year-old man was detained.",
    ],
)
def test_look_alikes_are_not_timexes(text: str) -> None:
    assert tag(text, "1999-03-12") == []


def test_extents_drop_possessive_and_adjectival_determiner() -> None:
    got = values("Friday's vote followed a 16-hour debate and the third-quarter loss.",
                 "1998-08-08")
    assert set(got) == {"Friday", "16-hour", "third-quarter"}


def test_spoken_and_old_years() -> None:
    assert values("It ended in 1898, not in nineteen ninety-six.") == {
        "1898": "1898", "nineteen ninety-six": "1996"}


def test_parts_of_day() -> None:
    got = values("They left last night; it rained mid-afternoon yesterday.", "1998-01-20")
    assert got == {"last night": "1998-01-19TNI", "mid-afternoon yesterday": "1998-01-19TAF"}


def test_plural_weekday_night_is_a_set() -> None:
    t = one("Flights leave on Tuesday nights.", "1998-02-13")
    assert (t.type, t.value) == ("SET", "XXXX-WXX-2TNI")


def test_clock_time_takes_the_weekday_after_a_parenthesis() -> None:
    found = tag("The blast came at 10:35 a.m. (0735 GMT) Friday.", "1998-08-08")
    assert found[0].value == "1998-08-07T10:35"


def test_fiscal_year_ended_is_a_duration() -> None:
    t = tag("Net rose in the fiscal year ended Jan. 31.", "1989-10-26")[0]
    assert (t.text, t.type, t.value) == ("the fiscal year", "DURATION", "P1Y")


def test_as_planned_is_not_a_plan_ahead() -> None:
    got = values("The march began as planned Saturday night. It was peaceful.", "1991-02-25")
    assert got == {"Saturday night": "1991-02-23TNI"}


def test_planned_for_a_weekday_still_points_forward() -> None:
    got = values("The march is planned for Saturday night.", "1991-02-25")
    assert got == {"Saturday night": "1991-03-02TNI"}


def test_a_plural_weekday_is_a_habit() -> None:
    assert values("The market closes early on Fridays.", "1998-10-14") == {
        "Fridays": "XXXX-WXX-5"}
    assert one("Mondays are slow, he said.", "1998-10-14").type == "SET"


def test_a_singular_weekday_is_still_a_day() -> None:
    assert values("The market closed early on Friday.", "1998-10-14") == {
        "Friday": "1998-10-09"}
