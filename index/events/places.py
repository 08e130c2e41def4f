"""Where a visit went, when its sentence names only the country: the talks held during it.

"It marks Shoigu's second visit to North Korea this month" says where Shoigu went as a
country; "Kim held talks with Shoigu in Pyongyang on Tuesday", in the same article and on
the same day, says the city. A visit without a city takes the city of the meeting told of
the same occasion (same article, a common participant, a compatible date) when that city
is in the country visited.
"""

from __future__ import annotations

from index.events.dates import compatible
from index.events.lexicon import lexicon
from index.events.model import Event
from index.events.roles import country_actor
from index.events.summary import summarize
from index.gazetteer_file import default_gazetteer
from index.models import Actor


def _city_country(place: str | None) -> str | None:
    """The state a city lies in, for a place the gazetteer knows as a city; else None."""
    if not place:
        return None
    entries = [e for e in default_gazetteer().exact(place) if e.kind == "place"]
    return entries[0].country if len(entries) == 1 else None


def _is_state(a: Actor) -> bool:
    return a.country is not None and country_actor(a.country) == a


def _people(e: Event) -> set[str]:
    """Who takes part, states aside (two events in one country share it trivially)."""
    return {a.name for a in (*e.actors, *e.targets, *e.companions) if not _is_state(a)}


def place_visits(events: list[Event]) -> None:
    """Give each visit of one article that names no city the city of its talks (in place)."""
    talks = [e for e in events if e.action == "meeting" and e.date is not None
             and _city_country(e.place) is not None]
    if not talks:
        return
    for v in events:
        if v.action != "visit" or v.date is None or _city_country(v.place) is not None:
            continue
        visited = {a.country for a in v.targets if _is_state(a)}
        if not visited or not _people(v):
            continue
        cities = {m.place for m in talks
                  if _city_country(m.place) in visited and _people(m) & _people(v)
                  and compatible(m.date, v.date)}
        if len(cities) != 1:
            continue  # talks in two cities: which the visit was is not told
        v.place = cities.pop()
        v.summary = summarize(lexicon().get("visit"), v.actors, v.targets, v.companions,
                              v.place, v.status)
