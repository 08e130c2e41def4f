"""Blocking keys of an account: only clusters sharing a key are candidates to merge with it."""

from __future__ import annotations

from functools import lru_cache

from index.events.model import Event
from index.events.people import COMMON_ROLE_WORDS, is_named, name_tokens, people_of, sides
from index.models import Actor

Key = tuple[str, ...]


def _years(e: Event) -> list[int]:
    if e.date is None or not e.date.start or not e.date.end:
        return []
    first, last = int(e.date.start[:4]), int(e.date.end[:4])
    if e.date.mod == "AFTER":
        first, last = last, last + 1
    return list(range(first, min(last, first + 11) + 1))


def _person_words(e: Event) -> set[str]:
    words: set[str] = set()
    for a in people_of(e):
        # The surname, and the role's words: "the Russian minister of Far East development"
        # must meet "Alexander Galushka, minister of Development for the Far East".
        if is_named(a):
            words.update({a.name.split()[-1].lower(), *_role_tokens(a)})
        else:
            words.update(name_tokens(a) - COMMON_ROLE_WORDS or name_tokens(a))
    return words


@lru_cache(maxsize=65536)
def _role_tokens(a: Actor) -> frozenset[str]:
    """The distinctive words of a role, as blocking keys (common title words would make every
    minister a candidate for every other)."""
    if not a.role:
        return frozenset()
    return name_tokens(Actor(a.role, a.country)) - COMMON_ROLE_WORDS


def blocking_keys(e: Event) -> tuple[set[Key], set[Key]]:
    """Blocking keys: (keys a cluster containing ``e`` is filed under, keys ``e`` looks up).

    Only clusters sharing a key can match (the full test is `_match`), so merging stays
    near-linear: people are keyed with each year their event may fall in, states by the pair
    (doer, target) and year. An undated event can only join through a person, in any year.
    """
    years = [str(y) for y in _years(e)]
    words = _person_words(e)
    src, dst = sides(e)
    pairs = [(s_, d_) for s_ in (src or {"-"}) for d_ in (dst or {"-"})]
    filed = {("p", e.action, w, y) for w in words for y in years}
    filed |= {("p", e.action, w, "*") for w in words}
    filed |= {("c", e.action, y, s_, d_) for y in years for s_, d_ in pairs}
    filed |= {("c", e.action, y, s_, "-") for y in years for s_ in src}
    if words:
        # Accounts naming people are merged first, so only people-keyed clusters can exist.
        look = ({("p", e.action, w, y) for w in words for y in years} if years
                else {("p", e.action, w, "*") for w in words})
    elif years:
        look = {("c", e.action, y, s_, d_) for y in years for s_, d_ in pairs}
        # A country-only account may join a cluster whose target side is not yet known.
        look |= {("c", e.action, y, s_, "-") for y in years for s_ in src}
    else:
        look = set()
    return filed, look


def loose(e: Event) -> bool:
    """Whether an account joins by a person, in any year: its place depends on the others."""
    return not _years(e) and bool(_person_words(e))
