"""Datelines anchor relative dates; undated pages borrow a year from their own text."""

from __future__ import annotations

import pytest

from index.events.article_date import dateline_date, fill_years
from index.timex import tag


@pytest.mark.parametrize(("sentence", "page", "day"), [
    ("BERLIN, March 4 (Reuters) - The minister said on Monday …", "2023-03-05", "2023-03-04"),
    ("Jan. 9 (UPI) -- Officials arrived on Tuesday.", "2022-01-09", "2022-01-09"),
    ("Dec. 30 (AP) — The talks ended.", "2021-01-02", "2020-12-30"),  # the year before
    ("LIMA, July 2 (EFE): Ministers met.", "2019-07", "2019-07-02"),  # a month-only page
    ("OSLO. Feb 3 (Interfax) - Ministers met.", "2023-02-03", "2023-02-03"),  # "PLACE." form
])
def test_a_dateline_names_the_day_relative_dates_count_from(sentence: str, page: str,
                                                            day: str) -> None:
    assert dateline_date(sentence, page) == day


@pytest.mark.parametrize(("sentence", "page"), [
    ("In March 4 cases were found.", "2023-03-05"),  # no dateline: prose
    ("BERLIN, March 4 (Reuters) - x", None),  # no year to put it in
    ("BERLIN, May 4 (Reuters) - x", "2023-03-05"),  # not the page's own day
    ("LIMA, July 2 (EFE): x", "2019-09"),  # another month than the page's
])
def test_no_dateline_day_where_the_text_gives_none(sentence: str, page: str | None) -> None:
    assert dateline_date(sentence, page) is None


def test_weekdays_count_from_the_dateline_not_the_page_date() -> None:
    text = "BERLIN, March 4 (Reuters) - The envoy arrived on Friday."
    dct = dateline_date(text, "2023-03-06")  # the page is two days after the story
    friday = next(t for t in tag(text, dct) if t.text == "Friday")
    assert friday.value == "2023-03-03"


def test_an_undated_page_gives_a_month_and_day_the_year_of_its_own_text() -> None:
    text = "The decree, dated May 2, confirms the pact signed on March 1, 2021."
    found = {t.text: t for t in fill_years(tag(text, None))}
    assert found["May 2"].value == "2021-05-02" and found["May 2"].anchor == "context"


def test_without_any_year_in_the_text_a_day_stays_without_one() -> None:
    found = {t.text: t for t in fill_years(tag("The delegation came on May 2.", None))}
    assert found["May 2"].value == "XXXX-05-02"


def test_an_undated_page_gives_its_news_the_latest_year_it_names() -> None:
    # Background years come first or last; the news is not older than the latest year named.
    text = ("On June 19, the two leaders signed a treaty. Trade grew in 2023, and in the first "
            "five months of 2024 it rose again. It replaces a treaty of 2000.")
    found = {t.text: t for t in fill_years(tag(text, None))}
    assert found["June 19"].value == "2024-06-19"
