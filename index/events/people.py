"""Who takes part in an event, and when two mentions are one person.

A named person is the same person only under the same name ("Yuri Trutnev"); a person described
by a role is the same as another mention when most of the shorter description's words are in
the other ("the Russian minister of Far East development" ~ "minister of Development for the Far
East, Alexander Galushka"). Merging (`index.merge.merge`) matches and keys accounts by these.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.events.model import Event
from index.models import Actor

_WORD = re.compile(r"[A-Za-z]+")
_GENERIC = frozenset({
    "the", "of", "for", "and", "a", "an", "to", "in", "russian", "russia", "north", "korean",
    "korea", "south", "dprk", "s", "president", "deputy", "vice", "first"})
_ROLE_MATCH = 0.75
COMMON_ROLE_WORDS = frozenset({
    "minister", "ministry", "foreign", "leader", "official", "officials", "chairman", "head",
    "spokesperson", "spokesman", "ambassador", "secretary", "general", "prime", "state", "chief",
    "affairs", "defence", "defense", "supreme", "commission", "committee", "party", "central",
    "national", "people", "peoples", "republic", "federation", "council", "assembly",
    "governor", "governors", "envoy", "special", "senior", "high", "ranking", "former"})


def distinct(actors: list[Actor]) -> list[Actor]:
    """The actors in order, each name once (its first telling)."""
    seen: dict[str, Actor] = {}
    for a in actors:
        seen.setdefault(a.name, a)
    return list(seen.values())


@lru_cache(maxsize=65536)
def name_tokens(a: Actor) -> frozenset[str]:
    text = f"{a.name} {a.role or ''}".lower()
    return frozenset(w for w in _WORD.findall(text) if w not in _GENERIC and len(w) > 1)


# Offices a state has one holder of at a time: "the Russian president" is whoever holds it
# then, and merging compares dates before people.
_OFFICES = frozenset({"president", "leader", "premier", "chancellor", "king"})


@lru_cache(maxsize=65536)
def is_named(a: Actor) -> bool:
    """A real name ("Yuri Trutnev"), not a description ("Russian minister of …", "Russian
    president")."""
    words = _WORD.findall(a.name.lower())
    if words and all(w in _GENERIC or w in COMMON_ROLE_WORDS or w in _OFFICES for w in words):
        return False
    return a.name[:1].isupper() and not any(w in a.name.lower() for w in (
        "minister", "official", "delegation", "leaders", "governors", "officials"))


def same_office(a: Actor, b: Actor) -> bool:
    """One of the two is described only by a single-holder office of the other's state ("the
    Russian president" ~ "President Vladimir Putin")."""
    if a.country is None or a.country != b.country or not a.role or not b.role:
        return False
    office = a.role.lower()
    return office in _OFFICES and office == b.role.lower() and (not is_named(a)
                                                                  or not is_named(b))


def same_person(a: Actor, b: Actor) -> bool:
    if a.name == b.name:
        return True
    if is_named(a) and is_named(b):
        return False
    return same_role(a, b)


def same_role(a: Actor, b: Actor) -> bool:
    """Most of the shorter description's words are in the other ("Deputy Prime Minister Yuri
    Trutnev" ~ "Russian deputy prime minister"), or one names the other's office."""
    if same_office(a, b):
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    small = min(len(ta), len(tb))
    return small >= 2 and len(ta & tb) / small >= _ROLE_MATCH


# Actions whose doer and target could trade places: "Putin met Kim" is "Kim met Putin".
SYMMETRIC = frozenset({"meeting"})


def people_of(e: Event) -> list[Actor]:
    """The event's people and bodies described by a role (states carry no role): those who
    act, and of a meeting those met too."""
    who = e.actors + e.targets if e.action in SYMMETRIC else e.actors
    return [a for a in who if a.role is not None or _is_body(a)]


def _is_body(a: Actor) -> bool:
    """A named body of a state ("Federation Council", "Foreign Ministry (RUS)"): it acts in
    its own name, so "the upper house ratified" is not "Putin ratified"."""
    from index.events.roles import is_state  # roles imports this module
    return a.country is not None and len(a.country) == 3 and not is_state(a)


def sides(e: Event) -> tuple[set[str], set[str]]:
    src = {a.country for a in e.actors + e.companions if a.country}
    dst = {a.country for a in e.targets if a.country}
    return src, dst
