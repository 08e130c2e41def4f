"""Rules written for issue 13 while looking at one half of TBAQ and kept because the other half
did not lose: each test is a sentence written for it, with a case the rule must leave alone."""

from __future__ import annotations

from index.timex import tag
from tests.index.timex.helpers import values


def test_two_days_joined_by_and_are_two_expressions() -> None:
    found = tag("The ministers will gather in Riga on June 11 and 12.", "2031-03-02")
    assert [(t.text, t.value) for t in found] == [("June 11", "2031-06-11"),
                                                  ("12", "2031-06-12")]
    # both halves still carry the pair as a whole, for the events that span it
    assert {t.range_value for t in found} == {"2031-06-11/2031-06-12"}


def test_a_day_pair_before_its_month_splits_too() -> None:
    got = values("Voting took place on 3 and 4 October 2027.", "2027-10-09")
    assert got == {"3": "2027-10-03", "4 October 2027": "2027-10-04"}


def test_a_dashed_day_range_stays_one_expression() -> None:
    got = values("The fair runs from June 11-14 in Riga.", "2031-03-02")
    assert got == {"June 11-14": "2031-06-11/2031-06-14"}


def test_todays_before_a_generic_noun_is_no_date() -> None:
    assert values("The songs speak to today's teenagers in a way radio never did.",
                  "2031-03-02") == {}
    assert values("Few of today's two-income families could afford it.", "2031-03-02") == {}


def test_todays_before_an_event_of_the_day_stays_a_date() -> None:
    got = values("Today's hearing was adjourned after an hour.", "2031-03-02")
    assert got == {"Today": "2031-03-02", "an hour": "PT1H"}


def test_the_day_after_a_date_restates_that_date() -> None:
    got = values("The ferry sailed on March 9, the day after the storm.", "2031-03-20")
    assert got == {"March 9": "2031-03-09", "the day": "2031-03-09"}


def test_the_day_before_on_its_own_is_still_the_previous_day() -> None:
    got = values("The ferry sailed on March 9. The day before, the port had closed.",
                 "2031-03-20")
    assert got == {"March 9": "2031-03-09", "The day before": "2031-03-08"}


def test_one_day_between_a_modal_and_its_verb_is_time_to_come() -> None:
    got = tag("The town believes its harbour will one day rival Rotterdam.", "2031-03-02")
    assert [(t.text, t.type, t.value) for t in got] == [("one day", "DATE", "FUTURE_REF")]


def test_one_day_as_a_length_stays_a_duration() -> None:
    assert values("Repairs to the harbour wall took one day.", "2031-03-02") == {"one day": "P1D"}
    assert values("The vote will come one day after the debate.", "2031-03-02") == {
        "one day": "P1D"}
