"""Where a visit went and when its talks were, from each other.

Where a visit went, when its sentence names only the country: the talks held during it.
"It marks Shoigu's second visit to North Korea this month" says where Shoigu went as a
country; "Kim held talks with Shoigu in Pyongyang on Tuesday", in the same article and on
the same day, says the city. A visit without a city takes the city of the meeting told of
the same occasion (same article, a common participant, a compatible date or none) when
that city is in the country visited.

When talks were, when their sentence gives no date ("Kim had talks with Putin at the
Vostochny spaceport"): during the one visit the article dates, to the country the talks'
city is in, with a common participant.

When an invitation was, when its sentence gives no date ("Putin also invited Kim to visit
Moscow"): an invitation is made face to face or in a letter, and a report that tells it
undated beside the day the two met tells it of that occasion: the one day-dated event of the
article that both took part in.
"""

from __future__ import annotations

from dataclasses import replace

from index.events.dates import bounds, compatible
from index.events.lexicon import lexicon
from index.events.model import Event
from index.events.roles import is_state
from index.events.summary import summarize
from index.names.gazetteer_file import default_gazetteer


def _city_country(place: str | None) -> str | None:
    """The state a city lies in, for a place the gazetteer knows as a city; else None."""
    if not place:
        return None
    entries = [e for e in default_gazetteer().exact(place) if e.kind == "place"]
    return entries[0].country if len(entries) == 1 else None


def _people(e: Event) -> set[str]:
    """Who takes part, states aside (two events in one country share it trivially)."""
    return {a.name for a in (*e.actors, *e.targets, *e.companions) if not is_state(a)}


def place_visits(events: list[Event]) -> None:
    """Give each visit of one article that names no city the city of its talks (in place)."""
    # Talks the article leaves undated ("Lavrov will hold talks … in Wonsan") count too: a
    # common participant and a city in the visited country tie them to the visit.
    talks = [e for e in events if e.action == "meeting" and _city_country(e.place) is not None]
    if not talks:
        return
    for v in events:
        if v.action != "visit" or v.date is None or _city_country(v.place) is not None:
            continue
        visited = {a.country for a in v.targets if is_state(a)}
        if not visited or not _people(v):
            continue
        cities = {m.place for m in talks
                  if _city_country(m.place) in visited and _people(m) & _people(v)
                  and (m.date is None or compatible(m.date, v.date))}
        if len(cities) != 1:
            continue  # talks in two cities: which the visit was is not told
        v.place = cities.pop()
        v.summary = summarize(lexicon().get("visit"), v.actors, v.targets, v.companions,
                              v.place, v.status)


def date_talks(events: list[Event]) -> None:
    """Give each undated meeting of one article held during its one dated visit (same status,
    a common participant, the meeting's city in the visited country) the visit's date."""
    visits = [v for v in events if v.action == "visit" and v.date is not None]
    for m in events:
        if m.action != "meeting" or m.date is not None:
            continue
        country = _city_country(m.place)
        during = [v for v in visits if v.status == m.status and _people(v) & _people(m)
                  and country in {a.country for a in v.targets if is_state(a)}]
        if len({v.date for v in during}) != 1:
            continue  # no visit, or several: which one the talks were part of is not told
        m.date = replace(during[0].date, basis="context")
        m.evidence = [replace(e, date=m.date) if e.date is None else e for e in m.evidence]


def _occasion_days(events: list[Event], hosts: set[str], guests: set[str] | None) -> set:
    """The days of the article's dated occasions (a meeting, visit or signing that happened,
    to the day) that ``hosts`` all took part in, with one of ``guests`` if given."""
    return {e.date for e in events
            if e.action in ("meeting", "visit", "agreement") and e.status == "happened"
            and e.date is not None and e.date.precision == "day" and e.date.mod is None
            and hosts <= _people(e) and (guests is None or guests & _people(e))}


def date_by_occasion(events: list[Event]) -> None:
    """Give each undated invitation the day of the article's one dated occasion that both
    inviter and invited took part in; and each statement dated only by its report the day of
    the one occasion its speaker took part in ("Shoigu, in turn, delivered a message from
    Putin", "Putin praised the soldiers as the talks began")."""
    for ev in events:
        if ev.status != "happened":
            continue
        # "invited Kim to Russia": the state is where, not who.
        hosts = {a.name for a in ev.actors if not is_state(a)}
        if ev.action == "invitation" and ev.date is None:
            guests = {a.name for a in ev.targets if not is_state(a)}
            if not hosts or not guests:
                continue
            days = _occasion_days(events, hosts, guests)
        elif ev.action == "statement" and ev.date is not None and ev.date.mod == "ON_OR_BEFORE":
            days = _occasion_days(events, hosts, None) if hosts else set()
            if len(days) == 1 and not bounds(ev.date)[0] <= bounds(next(iter(days)))[0] \
                    <= bounds(ev.date)[1]:
                continue  # the occasion is not within the days the report can speak of
        else:
            continue
        if len(days) != 1:
            continue  # no such occasion, or several: which one it was is not told
        ev.date = replace(days.pop(), basis="context")
        ev.evidence = [replace(e, date=ev.date) if e.date is None or e.date.mod == "ON_OR_BEFORE"
                       else e for e in ev.evidence]
