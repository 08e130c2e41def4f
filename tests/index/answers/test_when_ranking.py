"""Dates and places an article gives only across sentences, and how `/when` ranks what is
dated against what is not."""

from __future__ import annotations

from index.engine.event_search import EventHit, dated_first
from index.events.model import Event
from index.models import EventDate
from tests.index.events.test_events import events_of, only

CONTEXT = "Russia and North Korea have grown closer. "


def test_a_visit_under_way_is_dated_by_the_article() -> None:
    e = only(events_of(CONTEXT + "Security Council Secretary Sergei Shoigu is visiting North "
                       "Korea on a special mission, according to Russian media.", "2025-06-17"),
             "visit")
    assert e.date is not None and e.date.value == "2025-06-17"


def test_a_visit_not_under_way_is_not_dated_by_the_article() -> None:
    e = only(events_of(CONTEXT + "Security Council Secretary Sergei Shoigu visited North Korea "
                       "on a special mission, according to Russian media.", "2025-06-17"),
             "visit")
    assert e.date is None


def test_a_visit_to_a_country_takes_the_city_of_its_talks() -> None:
    events = events_of(
        CONTEXT + "Kim Jong-un held talks with Russian Security Council Secretary Sergei Shoigu "
        "in Pyongyang on Tuesday. It marks Shoigu's second visit to North Korea this month.",
        "2025-06-17")
    visit = only(events, "visit")
    assert visit.place == "Pyongyang" and "(Pyongyang)" in visit.summary


def test_talks_on_another_day_give_the_visit_no_city() -> None:
    events = events_of(
        CONTEXT + "Kim Jong-un held talks with Russian Security Council Secretary Sergei Shoigu "
        "in Pyongyang on June 4. Shoigu visited North Korea again on June 17.", "2025-06-18")
    visits = [e for e in events if e.action == "visit"]
    assert visits and all(v.place != "Pyongyang" for v in visits)


def _hit(score: float, date: str | None) -> EventHit:
    d = EventDate(value=date, start=date, end=date, precision="day", basis="explicit") \
        if date else None
    e = Event(event_id=f"e{score}", action="visit", actors=[], targets=[], companions=[],
              place=None, date=d, status="happened", summary="", confidence=1.0)
    return EventHit(e, [], score)


def test_when_ranks_an_undated_event_below_a_dated_one_that_matches_about_as_well() -> None:
    hits = [_hit(33.0, None), _hit(32.0, "2025-06-17"), _hit(70.0, None), _hit(10.0, "2020-01-01")]
    assert [h.score for h in dated_first(hits)] == [70.0, 32.0, 33.0, 10.0]


def test_talks_the_article_has_yet_to_date_place_the_visit() -> None:
    events = events_of(
        CONTEXT + "Foreign Minister Sergey Lavrov on Friday arrived in North Korea on a working "
        "visit. Lavrov will hold talks with his counterpart Choe Son-hui in Wonsan.", "2025-07-11")
    visit = only(events, "visit")
    assert visit.place == "Wonsan"


def test_undated_talks_take_the_date_of_the_visit_they_were_part_of() -> None:
    events = events_of(
        CONTEXT + "Kim Jong Un visited Russia from September 12 to 17. Kim Jong Un had talks "
        "with Putin at the Vostochny Cosmodrome in the Russian Far East.", "2023-09-25")
    meeting = only(events, "meeting")
    assert meeting.date is not None and meeting.date.value == "2023-09-12/2023-09-17"
    assert meeting.date.basis == "context"


def test_undated_talks_in_another_country_keep_no_date() -> None:
    events = events_of(
        CONTEXT + "Kim Jong Un visited Russia from September 12 to 17. Kim Jong Un had talks "
        "with Putin in Pyongyang.", "2023-09-25")
    assert only(events, "meeting").date is None
