"""Explicit dates at every precision, ranges, decades, seasons, quarters, parts and times."""

from __future__ import annotations

import pytest

from index.timex import tag
from tests.index.timex.helpers import one, values


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("It happened in 2014.", "2014", "2014"),
        ("It happened in May 2014.", "May 2014", "2014-05"),
        ("They met on February 18, 2015, in Moscow.", "February 18, 2015", "2015-02-18"),
        ("They met on Feb. 18, 2015.", "Feb. 18, 2015", "2015-02-18"),
        ("They met on 18 February 2015.", "18 February 2015", "2015-02-18"),
        ("Logged 2014-04-28 by staff.", "2014-04-28", "2014-04-28"),
        ("It was signed on Friday, Oct. 13, 2000.", "Friday, Oct. 13, 2000", "2000-10-13"),
        ("Prices rose in the 1990s.", "the 1990s", "199"),
        ("Ties date to the 20th century.", "the 20th century", "19"),
        ("Sales fell in the second quarter of 2014.", "the second quarter of 2014", "2014-Q2"),
        ("He visited in the summer of 2014.", "the summer of 2014", "2014-SU"),
        ("Trade grew in the first half of 2014.", "the first half of 2014", "2014-H1"),
        ("They spoke in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ],
)
def test_explicit_value_and_extent(text: str, extent: str, value: str) -> None:
    t = one(text, "2015-02-18")
    assert (t.text, t.value, t.type) == (extent, value, "DATE")


def test_leading_preposition_is_not_in_the_extent() -> None:
    t = one("It happened in May 2014.")
    assert t.text == "May 2014"
    assert t.start == len("It happened in ")


def test_day_range_takes_the_year_written_after_it() -> None:
    t = one("Talks ran from April 28-30, 2014 in Vladivostok.")
    assert (t.text, t.value) == ("April 28-30, 2014", "2014-04-28/2014-04-30")


def test_year_range_is_one_range_value() -> None:
    assert values("The plan covers 2014–2015 only.") == {"2014–2015": "2014/2015"}


def test_coordinated_months_are_two_timexes_sharing_a_range() -> None:
    found = {t.text: t for t in tag("Talks were held between May and July 2014.", "2015-01-10")}
    assert found["May"].value == "2014-05"  # the year written after "July" dates "May" too
    assert found["July 2014"].value == "2014-07"
    assert found["May"].range_value == found["July 2014"].range_value == "2014-05/2014-07"


@pytest.mark.parametrize(
    ("text", "extent", "value", "mod"),
    [
        ("Work ends by mid-2024.", "mid-2024", "2024", "MID"),
        ("It began in late February 2014.", "late February 2014", "2014-02", "END"),
        ("The talks started early this year.", "early this year", "2015", "START"),
        ("Work stopped at the end of 1999.", "the end of 1999", "1999", "END"),
    ],
)
def test_parts_keep_the_unit_value_and_set_mod(text: str, extent: str, value: str,
                                               mod: str) -> None:
    t = one(text, "2015-02-18")
    assert (t.text, t.value, t.mod) == (extent, value, mod)


def test_clock_time_with_weekday() -> None:
    t = one("The blast came at 10:35 a.m. Friday.", "1998-08-08")
    assert (t.type, t.text, t.value) == ("TIME", "10:35 a.m. Friday", "1998-08-07T10:35")


def test_part_of_day() -> None:
    t = one("Officials met on Friday morning.", "1998-08-08")
    assert (t.type, t.value) == ("TIME", "1998-08-07TMO")


def test_season_and_quarter_relative_to_dct() -> None:
    got = values("Sales in the third quarter beat last summer.", "2015-10-20")
    assert got == {"the third quarter": "2015-Q3", "last summer": "2015-SU"}


def test_holiday_resolves_in_the_dct_year() -> None:
    t = one("Kim will attend the Victory Day parade.", "2015-02-18")
    assert (t.text, t.value) == ("Victory Day", "2015-05-09")


def test_dates_with_their_own_months_are_separate_but_linked() -> None:
    found = tag("Shares were bought from Aug. 26 to Oct. 20, 1989.", "1989-10-30")
    assert [(t.text, t.value) for t in found] == [("Aug. 26", "1989-08-26"),
                                                  ("Oct. 20, 1989", "1989-10-20")]
    assert {t.range_value for t in found} == {"1989-08-26/1989-10-20"}


def test_bare_plural_units_after_for_are_vague_durations() -> None:
    assert values("For weeks the talks stalled; he waited for years.") == {
        "weeks": "PXW", "years": "PXY"}
