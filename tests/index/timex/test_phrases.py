"""Phrases built around a core date or time (issue 13): their extent and value."""

from __future__ import annotations

from index.timex import tag
from tests.index.timex.helpers import values


def test_the_week_of_a_date_is_that_week() -> None:
    got = values("The hearings resume the week of March 6.", "2000-02-24")
    assert got == {"the week of March 6": "2000-W10"}


def test_the_week_of_a_date_with_its_year() -> None:
    got = values("Ballots go out the week of Oct. 9, 1989, officials said.", "1989-11-02")
    assert got == {"the week of Oct. 9, 1989": "1989-W41"}


def test_a_date_without_week_of_stays_a_day() -> None:
    assert values("The hearings resume March 6.", "2000-02-24") == {"March 6": "2000-03-06"}


def test_a_week_of_talks_is_not_a_week_of_a_date() -> None:
    got = values("After a week of talks in March, they left.", "2000-02-24")
    assert "the week of March" not in got and "week of talks" not in got


def test_last_with_an_abbreviated_month_and_day_is_the_day() -> None:
    got = values("The doctor was shot last Oct. 23 in his kitchen.", "1999-04-19")
    assert got == {"Oct. 23": "1998-10-23"}


def test_last_with_an_abbreviated_month_alone_is_the_month() -> None:
    assert values("Prices fell last Oct. and rose again.", "1999-04-19") == {
        "last Oct.": "1998-10"}


def test_last_holiday_is_the_latest_before_the_article() -> None:
    got = values("She has not spoken to him since last Thanksgiving.", "2000-02-10")
    assert got == {"last Thanksgiving": "1999-11-25"}


def test_next_holiday_is_the_first_after_the_article() -> None:
    assert values("The store opens by next Christmas.", "2000-02-10") == {
        "next Christmas": "2000-12-25"}


def test_a_bare_holiday_keeps_its_tense_rule() -> None:
    assert values("They met at Christmas.", "2000-02-10") == {"Christmas": "1999-12-25"}


def test_night_of_a_weekday_with_its_date_is_the_date() -> None:
    got = values("They came home on the night of Friday, Oct. 23. Police arrived the day after.",
                 "1998-11-21")
    assert got == {"Friday, Oct. 23": "1998-10-23", "the day after": "1998-10-24"}


def test_night_of_a_bare_weekday_is_still_a_time() -> None:
    assert values("They came home on the night of Friday.", "1998-11-21") == {
        "night of Friday": "1998-11-20TNI"}


def test_over_before_a_count_is_a_preposition() -> None:
    got = tag("The plan will be paid for over three years.", "1989-11-02")
    assert [(t.text, t.mod) for t in got] == [("three years", None)]


def test_over_a_unit_is_more_than() -> None:
    got = tag("The strike lasted over a week.", "1989-11-02")
    assert [(t.text, t.mod) for t in got] == [("over a week", "MORE_THAN")]


def test_just_over_keeps_its_modifier() -> None:
    got = tag("The talks lasted just over two hours.", "1989-11-02")
    assert [(t.text, t.mod) for t in got] == [("just over two hours", "MORE_THAN")]


def test_an_hour_in_the_morning_is_a_clock_time() -> None:
    got = values("The convoy will leave at 4 in the morning, officials said.", "2000-04-05")
    assert got == {"4 in the morning": "2000-04-05T04:00"}


def test_an_hour_in_the_evening_or_at_night_is_after_noon() -> None:
    assert values("The shop opens at 7 in the evening.", "2000-04-05") == {
        "7 in the evening": "2000-04-05T19:00"}
    assert values("He called at 11 at night.", "2000-04-05") == {
        "11 at night": "2000-04-05T23:00"}


def test_a_count_before_a_morning_noun_is_no_clock_time() -> None:
    got = values("She scored 5 in the morning session.", "2000-04-05")
    assert "5 in the morning" not in got


def test_a_range_of_counts_is_one_duration() -> None:
    assert values("The repairs will take two to three years.", "1989-11-02") == {
        "two to three years": "P2Y"}
    assert values("Sentences ran 5-10 years.", "1989-11-02") == {"5-10 years": "P5Y"}


def test_a_range_of_units_is_one_vague_duration() -> None:
    assert values("It could take weeks or months.", "1989-11-02") == {
        "weeks or months": "PXW"}


def test_counts_of_other_things_do_not_join_a_duration() -> None:
    got = values("Rates rose from two to three percent in five years.", "1989-11-02")
    assert got == {"five years": "P5Y"}


def test_the_year_period_is_the_reported_quarter_in_that_year() -> None:
    got = values("Third-quarter net rose to $5 million from $3 million in the 1988 period.",
                 "1989-11-02")
    assert got == {"Third-quarter": "1989-Q3", "the 1988 period": "1988-Q3"}


def test_the_year_period_without_a_quarter_is_that_year() -> None:
    got = values("Nine-month sales were up from the 1988 period.", "1989-11-02")
    assert got["the 1988 period"] == "1988"


def test_a_year_before_a_count_noun_is_no_period() -> None:
    assert "the 1988 period" not in values("The 1988 periodical was sold.", "1989-11-02")


def test_a_wire_style_clock_time_with_its_zone() -> None:
    assert values("The quake struck at 0835 GMT Friday.", "1989-11-02") == {
        "0835 GMT Friday": "1989-10-27T08:35"}


def test_a_spelled_out_time_zone_is_part_of_the_time() -> None:
    assert values("Polls close at 8 p.m. Pacific Standard Time.", "1989-11-02") == {
        "8 p.m. Pacific Standard Time": "1989-11-02T20:00"}
    assert values("The market opens at 9:30 a.m. Eastern time.", "1989-11-02") == {
        "9:30 a.m. Eastern time": "1989-11-02T09:30"}


def test_a_restated_time_in_parentheses_is_not_another_time() -> None:
    got = values("It occurred at 10:35 a.m. (0735 GMT) Friday.", "1989-11-02")
    assert "0735 GMT" not in got and got["10:35 a.m."] == "1989-10-27T10:35"


def test_four_digits_without_a_zone_are_no_time() -> None:
    assert values("He won 1930 votes.", "1989-11-02") == {}


def test_or_so_after_a_calendar_unit_is_part_of_it() -> None:
    assert values("Rates should fall over the next year or so.", "1989-11-02") == {
        "the next year or so": "1990"}


def test_or_so_starting_a_clause_is_not() -> None:
    assert values("It happens next month or so they say.", "1989-11-02") == {
        "next month": "1989-12"}


def test_a_holiday_week_is_the_week_it_falls_in() -> None:
    assert values("Pilgrims crowd the city during Easter week.", "2000-04-17") == {
        "Easter week": "2000-W16"}


def test_a_holiday_weekend_is_the_weekend_of_its_week() -> None:
    got = values("Traffic was heavy over the Thanksgiving weekend.", "1999-12-01")
    assert got == {"Thanksgiving weekend": "1999-W47-WE"}


def test_a_holiday_before_another_noun_stays_a_day() -> None:
    assert values("The Christmas weekday sale opened.", "1999-12-01") == {
        "Christmas": "1999-12-25"}


def test_the_day_before_a_weekday_counts_from_that_weekday() -> None:
    assert values("The day before last Tuesday, they met.", "2000-02-24") == {
        "The day before last Tuesday": "2000-02-21"}


def test_the_day_after_a_date_counts_from_that_date() -> None:
    assert values("He died the day after Oct. 23.", "2000-02-24") == {
        "the day after Oct. 23": "1999-10-24"}


def test_the_day_after_alone_follows_the_story() -> None:
    got = values("He arrived Monday. He left the day after.", "2000-02-24")
    assert got == {"Monday": "2000-02-21", "the day after": "2000-02-22"}


def test_an_open_ended_year_spans_its_hedge() -> None:
    got = tag("The plant will not open until 1994 or later.", "1989-11-02")
    assert [(t.text, t.value, t.mod) for t in got] == [("1994 or later", "1994", "ON_OR_AFTER")]
    got = tag("Cash flow for 1990 and beyond looks good.", "1989-11-02")
    assert [(t.text, t.mod) for t in got] == [("1990 and beyond", "ON_OR_AFTER")]


def test_and_later_starting_a_clause_is_no_hedge() -> None:
    assert values("He left in 1990 and later returned.", "1989-11-02") == {"1990": "1990"}


def test_a_counted_period_is_one_duration() -> None:
    got = tag("Costs will be spread over a three-year period.", "1989-11-02")
    assert [(t.text, t.value, t.mod) for t in got] == [("a three-year period", "P3Y", None)]


def test_a_counted_unit_before_another_noun_is_only_the_count() -> None:
    assert values("He signed a three-year contract.", "1989-11-02") == {"three-year": "P3Y"}


def test_an_unhyphenated_count_before_a_noun_leaves_the_determiner_out() -> None:
    assert values("He opened the two day meeting.", "1998-10-14") == {"two day": "P2D"}


def test_a_plural_span_keeps_its_determiner() -> None:
    assert values("He spent the four days there.", "1998-10-14") == {"the four days": "P4D"}


def test_half_and_quarter_shorthand_with_a_year() -> None:
    assert values("Sales in H1 2015 and 3Q 2014 rose.", "2015-11-12") == {
        "H1 2015": "2015-H1", "3Q 2014": "2014-Q3"}


def test_shorthand_that_is_no_half_leaves_the_year_alone() -> None:
    assert values("The H3 2015 model sold well.", "2015-11-12") == {"2015": "2015"}


def test_a_short_zone_after_a_clock_time() -> None:
    assert values("Trading resumed at 2:30 p.m. ET.", "2015-11-12") == {
        "2:30 p.m. ET": "2015-11-12T14:30"}


def test_the_previous_day_counts_from_the_last_day_named_not_a_month_between() -> None:
    from index.timex import tag
    text = ("The ministry said Tuesday that the talks went well. Fighting has gone on since "
            "August. The minister had said the previous day that he was hopeful.")
    found = {t.text: t.value for t in tag(text, "2024-10-29")}
    assert found["the previous day"] == "2024-10-28"
    # "that same day" after a month stays in that month, its day unknown.
    same = {t.text: t.value for t in tag("In October 1998 he resigned. He left that same day.",
                                         "1999-02-06")}
    assert same["that same day"] != "1999-02-05"
