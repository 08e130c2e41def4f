"""The events index of a generation: schema, writing, and reading events back.

Each merged event is one document: its words (sentences, summary, actors with roles and spelling
variants, place, action names) are searchable with the passages' analyzer, its action and status
are exact fields, and its date is a numeric day range so `/who … 2014` is a range query.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from index.engine.schema import analyzer
from index.events.dates import bounds
from index.events.lexicon import lexicon
from index.events.model import Event
from index.events.roles import country_actor
from index.names.actors import lookup

INDEX_NAME = "events"
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years an open-ended time range ("since 2019") spans


def event_schema() -> Schema:
    """Fields of one event document."""
    return Schema(
        event_id=ID(stored=True, unique=True),
        action=ID(stored=True),
        status=ID(stored=True),
        text=TEXT(analyzer=analyzer(), phrase=True),
        names=TEXT(analyzer=analyzer()),
        # The years an event may fall in, and its day when it has one: exact-term filters.
        # (Whoosh's numeric ranges took 0.2–0.5 s a query over a thousand articles' events.)
        years=KEYWORD(),
        day=ID(),
        data=STORED(),
    )


@lru_cache(maxsize=65536)
def _variants(name: str) -> tuple[str, ...]:
    """A name and its gazetteer spellings (looked up once per name: lookups are not cheap)."""
    entry = lookup(name)
    return (name, *(entry.aliases if entry else ()))


def quote_texts(event: Event, passages: dict[str, str]) -> list[str]:
    """The text each evidence entry quotes; ``passages`` maps passage ids to their text."""
    return [passages[m.passage_id][m.quote[0]:m.quote[1]] for m in event.evidence]


def event_document(event: Event, quotes: list[str]) -> dict[str, Any]:
    """The Whoosh document of one event; ``quotes`` are its evidence entries' quoted text."""
    data = event.to_json()
    for ev, quote in zip(data["evidence"], quotes, strict=True):
        ev["quote_text"] = quote
    action = lexicon().get(event.action)
    people = event.actors + event.targets + event.companions
    names = [v for a in people for v in _variants(a.name)] + [a.role or "" for a in people]
    if event.place:
        names += _variants(event.place)
    # The states the participants belong to: "/when Russia ratified" finds Putin's signature.
    names += [s.name for s in dict.fromkeys(country_actor(a.country) for a in people)
              if s is not None and s.name not in names]
    years: list[str] = []
    day = ""
    if event.date is not None and event.date.start and event.date.end:
        first, last = bounds(event.date)
        years = [str(y) for y in range(first.year, min(last.year, first.year + 30) + 1)]
        if event.date.start == event.date.end and event.date.mod is None:
            day = event.date.start
    return {
        "event_id": event.event_id, "action": event.action, "status": event.status,
        "text": " ".join([*dict.fromkeys(quotes), event.summary, action.label]),
        "names": " ".join(names),
        "years": " ".join(years), "day": day, "data": json.dumps(data, ensure_ascii=False),
    }


def load_event(fields: dict[str, Any]) -> tuple[Event, list[str]]:
    """An event and the quoted text of each of its evidence entries, from stored fields."""
    data = json.loads(fields["data"])
    return Event.from_json(data), [ev["quote_text"] for ev in data["evidence"]]
