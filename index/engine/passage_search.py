"""Passages for `/search`: the typed words with each name's other spellings, the passages
ranked, and what a quoted passage names and dates."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from whoosh import query as wq

from index.engine import fastscore
from index.engine.query import ParsedQuery
from index.engine.schema import terms_of
from index.engine.store import Generation
from index.events.dates import PRECISION_RANK, event_date
from index.models import Actor, EventDate
from index.names.actors import lookup


def with_variants(parsed: ParsedQuery) -> ParsedQuery:
    """Let each known name also match its other spellings (Minnikhanov ~ Minnihanov)."""
    found = []
    for w in parsed.words:
        if (variants := _name_variants(w)):
            found.append((w, variants))
    return replace(parsed, variants=tuple(found)) if found else parsed


@lru_cache(maxsize=4096)
def _name_variants(term: str) -> tuple[str, ...]:
    entry = lookup(term)
    if entry is None or entry.kind not in ("person", "place", "country", "org"):
        return ()
    forms = {terms_of(name)[-1] for name in (entry.name, *entry.aliases) if terms_of(name)}
    # Only a typed name itself gets its respellings: never a word that merely led to an entry.
    return tuple(sorted(forms - {term})) if term in forms else ()


def quoted_actors(fields: dict[str, Any], quoted: set[int]) -> tuple[Actor, ...]:
    """The people and states the passage names ("Kim" resolved from the article): those of the
    quoted sentences first, then the rest of the passage's."""
    named = sorted(fields.get("actors") or [], key=lambda a: a[0] not in quoted)
    names = {name: country for _, name, country in named}
    return tuple(Actor(name, country) for name, country in names.items())


def quoted_date(fields: dict[str, Any], quoted: set[int]) -> EventDate | None:
    """The most precise date the quoted sentences name, the first of equals (resolved at
    build time against the article): "arrived on Wednesday" beats "left last week"."""
    found = [d for n, value, basis in fields.get("dates") or []
             if n in quoted and (d := event_date(value, basis)) is not None]
    return min(found, key=lambda d: PRECISION_RANK.get(d.precision, 9)) if found else None


def suggest_spelling(gen: Generation, text: str) -> str | None:
    """The query with misspelt words replaced by close corpus words, if any were found."""
    vocab = gen.spelling()
    words = re.findall(r"[\w’'-]+", text)
    fixed, changed = [], False
    for w in words:
        if len(w) < 4 or w.lower() in vocab:
            fixed.append(w)
            continue
        close = vocab.closest(w.lower())
        fixed.append(close or w)
        changed |= close is not None
    return " ".join(fixed) if changed else None


def ranked(searcher: Any, parsed: ParsedQuery, limit: int, flt: wq.Query | None, *,
            any_term: bool) -> list[tuple[dict[str, Any], float]]:
    """The best passages' stored fields and scores, ranked with whole posting lists at a time
    (`index.engine.fastscore`); with a source filter, or where that declines, by Whoosh."""
    fast = None if flt is not None else fastscore.top(
        searcher, parsed, limit, any_term=any_term,
        text_of=lambda docnum: searcher.stored_fields(docnum)["text"])
    if fast is not None:
        return [(searcher.stored_fields(d), s) for d, s in zip(fast.docnums, fast.scores,
                                                               strict=True)]
    results = searcher.search(parsed.whoosh_query(any_term=any_term), limit=limit, filter=flt)
    return [(hit.fields(), float(hit.score)) for hit in results]
