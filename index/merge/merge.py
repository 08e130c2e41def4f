"""One event told by several articles becomes one event that keeps every citation.

Two events are the same when they have the same action, compatible dates and the same
participants: the same named person, or a person described by the same role ("the Russian
minister of Far East development" is Alexander Galushka, "minister of Development for the Far
East"), or — when neither names anyone — the same countries on each side, provided that match is
unambiguous (or one of the matches is clearly the most told). An account that could join several
events of the same people joins the one its own article tells. What the merged event says is
`index.merge.combine`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from index.events.dates import bounds, placed, yearless_within
from index.events.firsts import note_earlier_than_first
from index.events.model import Event
from index.events.people import (
    SYMMETRIC,
    is_named,
    people_of,
    same_role,
    sides,
)
from index.merge.candidates import NameIndex
from index.merge.combine import combine_members
from index.merge.keys import Key, blocking_keys, loose
from index.models import Actor


def _any_same_person(c: _Cluster, p: _Probe) -> bool:
    """Whether any of the cluster's people is `same_person` as any of the probe's.

    The same answer as testing every pair, which was most of a full merge's time (a cluster
    told by many sources names many people): equal names are one set lookup, and two different
    real names are never the same person, so only pairs with a description are compared.
    """
    if not c.names.isdisjoint(p.names):
        return True
    return (any(same_role(a, b) for b in p.unnamed for a in c.people)
            or any(same_role(a, b) for a in c.unnamed for b in p.people))


@dataclass(eq=False)  # identity, not field-by-field comparison: clusters live in sets
class _Cluster:
    """Events told as one, with what matching needs kept up to date as members join."""

    members: list[Event] = field(default_factory=list)  # empty in a lean merge: see `ids`
    ids: list[str] = field(default_factory=list)  # the members' event ids
    lean: bool = False  # keeps only what matching needs, not the members' events
    action: str | None = None
    cluster_id: str | None = None  # set when the cluster was stored by an earlier build
    # Accounts of a stored cluster that were not loaded (it was seeded from its profile).
    stored: list[str] = field(default_factory=list)
    keys: set[tuple[str, ...]] = field(default_factory=set)  # its members' blocking keys
    key_years: set[str] = field(default_factory=set)  # of its person keys (`NameIndex`)
    open_indexed: bool = False  # filed as open to a described person (`NameIndex`)
    _people_seen: set[Actor] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # of `people`
    unnamed: list[Actor] = field(default_factory=list)  # `people` described, not named
    ranks: list[Any] = field(default_factory=list)  # each member's place in the corpus
    head_rank: Any = None
    first_rank: Any = None
    sentences: set[tuple[str, tuple[int, int]]] = field(default_factory=set)
    people: list[Actor] = field(default_factory=list)
    src: set[str] = field(default_factory=set)
    dst: set[str] = field(default_factory=set)
    # Every member's interval overlaps a new one iff it starts by the earliest member end and
    # ends after the latest member start.
    latest_start: dt.date | None = None
    earliest_end: dt.date | None = None

    @property
    def head(self) -> Event:
        return self.members[0]

    def _add_person(self, p: Actor) -> None:
        self._people_seen.add(p)
        self.people.append(p)
        self.names.add(p.name)
        if not is_named(p):
            self.unnamed.append(p)

    def add(self, e: Event) -> None:
        if self.action is None:
            self.action = e.action
        if not self.lean:
            self.members.append(e)
        self.ids.append(e.event_id)
        ev = e.evidence[0]
        self.sentences.add((ev.passage_id, tuple(ev.sentence)))
        for p in people_of(e):
            if p not in self._people_seen:  # a set beside the list: big clusters repeat people
                self._add_person(p)
        src, dst = sides(e)
        self.src |= src
        self.dst |= dst
        if placed(e.date):
            start, end = bounds(e.date)
            self.latest_start = start if self.latest_start is None else max(self.latest_start,
                                                                              start)
            self.earliest_end = end if self.earliest_end is None else min(self.earliest_end, end)


@dataclass
class _Probe:
    """What matching needs of one event, computed once rather than per candidate cluster."""

    event: Event
    key: tuple[str, tuple[int, int]]
    people: list[Actor]
    span: tuple[dt.date, dt.date] | None
    src: set[str]
    dst: set[str]
    names: set[str]  # of `people`
    unnamed: list[Actor]  # `people` described, not named

    @classmethod
    def of(cls, e: Event) -> _Probe:
        ev = e.evidence[0]
        src, dst = sides(e)
        people = people_of(e)
        return cls(e, (ev.passage_id, tuple(ev.sentence)), people,
                   bounds(e.date) if placed(e.date) else None, src, dst,
                   {a.name for a in people}, [a for a in people if not is_named(a)])


# Actions a state does so often that sharing a side and a month does not make two accounts one.
_SAID_OFTEN = frozenset({"statement"})


def _match(c: _Cluster, p: _Probe) -> str | None:
    """``"person"`` or ``"countries"`` if the probed event can join the cluster, else None."""
    if c.action != p.event.action or p.key in c.sentences:
        return None
    dated = c.latest_start is not None and c.earliest_end is not None
    if p.span is not None and dated and (p.span[0] > c.earliest_end  # type: ignore[operator]
                                         or p.span[1] < c.latest_start):  # type: ignore[operator]
        return None
    d = p.event.date
    if d is not None and not placed(d) and dated and not yearless_within(
            d, c.latest_start, c.earliest_end):  # type: ignore[arg-type]
        return None  # "13 September" is no summer visit, whatever its year
    if c.action in _SAID_OFTEN and (p.span is None or not dated):
        return None  # one says many things: an undated statement is not known to be another
    if c.people and p.people:
        if c.action in SYMMETRIC and len(c.names) > 1 and len(p.names) > 1 and \
                len(c.names & p.names) < 2:
            return None  # "Kim met Shoigu" is not "Kim met Lavrov", on whatever day
        return "person" if _any_same_person(c, p) else None
    # Without a named person, only dated accounts are matched: two undated "Russia and North
    # Korea cooperate" statements are too vague to be called one event.
    if p.span is None or not dated:
        return None
    if c.action in _SAID_OFTEN and not (p.span[0] == p.span[1] == c.latest_start
                                        == c.earliest_end and p.event.date.mod is None):
        # A state says something most weeks: two of its statements are one only when told
        # of the very same day.
        return None
    if c.src & p.src and (c.dst & p.dst or not (c.dst and p.dst)):
        return "countries"
    return None


def _told_in(doc_id: str, clusters: list[_Cluster]) -> list[_Cluster]:
    """The clusters that hold an account from article ``doc_id``."""
    return [c for c in clusters if doc_id in _doc_ids(c)]


def _doc_ids(c: _Cluster) -> set[str]:
    """The articles whose accounts a cluster holds."""
    return {pid.rsplit(":", 1)[0] for pid, _ in c.sentences}


_MOST_TOLD_RATIO = 2  # how many times more articles the most told match needs than the next


def _most_told(matches: list[tuple[_Cluster, str]]) -> _Cluster | None:
    """Of several clusters a country-only account matches, the one told by clearly the most
    articles, if there is one."""
    def docs(c: _Cluster) -> int:
        return len(_doc_ids(c))
    ranked = sorted((c for c, _ in matches), key=docs, reverse=True)
    if len(ranked) < 2 or docs(ranked[0]) < _MOST_TOLD_RATIO * max(1, docs(ranked[1])):
        return None
    return ranked[0]


def _on_the_day(p: _Probe, matches: list[tuple[_Cluster, str]]) -> list[_Cluster]:
    """The matched clusters dated to the very day the probed account gives (if it gives one)."""
    if p.span is None or p.span[0] != p.span[1]:
        return []
    return [c for c, _ in matches if c.latest_start == c.earliest_end == p.span[0]]


def combine(c: _Cluster) -> Event:
    """The merged event of a cluster (see `combine_members`)."""
    return combine_members(c.members)


NARROW = True  # look candidates up by name where that finds all an account can match


class Merger:
    """Greedy clustering state: each event, in turn, joins the matching cluster it finds through
    its blocking keys, or starts a new one.

    ``merge_events`` runs it over a whole corpus; an incremental build (`index.merge.incremental`)
    seeds it with the stored clusters an account could join, through ``fetch``.
    """

    def __init__(self, fetch: Callable[[set[Key], Event], None] | None = None, *,
                 lean: bool = False) -> None:
        self.clusters: list[_Cluster] = []
        self.buckets: dict[Key, dict[int, _Cluster]] = {}
        self._fetch = fetch
        self.lean = lean  # clusters keep their members' ids only (`index.merge.streaming`)
        self._keys: dict[Key, Key] = {}  # one tuple per distinct key, shared by its clusters
        self.index = NameIndex()

    def seed(self, members: list[Event], ranks: list[Any], cluster_id: str,
             keys: Iterable[list[str]] | None = None) -> _Cluster:
        """Add a cluster formed before (its members in the order they joined). ``keys``, if
        given, are its stored blocking keys, used instead of recomputing its members'."""
        c = _Cluster(cluster_id=cluster_id)
        known = None if keys is None else {tuple(k) for k in keys}
        for e, rank in zip(members, ranks, strict=True):
            self._join(c, e, rank, set() if known is not None else None)
        if known is not None:
            self._join_keys(c, known)
        self.clusters.append(c)
        return c

    def seed_profile(self, profile: dict[str, Any], cluster_id: str,
                     members: list[str]) -> _Cluster:
        """Add a stored cluster from what matching needs of it (see `profile`), without
        loading its accounts; ``members`` are their ids, for when it has to be combined."""
        c = _Cluster(action=profile["action"], cluster_id=cluster_id, stored=list(members),
                     head_rank=profile["head_rank"], first_rank=profile["first_rank"])
        c.sentences = {(pid, (a, b)) for pid, a, b in profile["sentences"]}
        for n, country, role in profile["people"]:
            c._add_person(Actor(n, country, role))
        c.src, c.dst = set(profile["src"]), set(profile["dst"])
        c.latest_start = _day(profile["latest_start"])
        c.earliest_end = _day(profile["earliest_end"])
        self.clusters.append(c)
        self._join_keys(c, {tuple(k) for k in profile["keys"]}, len(c.people))
        return c

    def place(self, e: Event, rank: Any) -> _Cluster:
        """Put ``e`` into the cluster it matches, or a new one; ``rank`` orders accounts (their
        place in the corpus) and decides between two clusters naming the same person."""
        keys, look = blocking_keys(e)
        if self._fetch is not None:
            self._fetch(look, e)
        probe = _Probe.of(e)
        candidates = self.index.candidates(probe, look) if NARROW else None
        if candidates is None:
            candidates = {i: c for k in look for i, c in self.buckets.get(k, {}).items()}
        matches = [(c, kind) for c in candidates.values() if (kind := _match(c, probe))]
        person = [c for c, kind in matches if kind == "person"]
        if len(person) > 1:
            # "Kim and Putin met at the university", undated, in the article that dated their
            # meeting: of their several meetings it is the one its own article tells.
            person = _told_in(e.evidence[0].doc_id, person) or person
        if len(person) == 1:
            target = person[0]
        elif not person and len(matches) == 1:
            target = matches[0][0]
        elif not person and len(same_day := _on_the_day(probe, matches)) == 1:
            # "Russia ratified the treaty on November 9": of the matching accounts, the one of
            # that very day, not "this week".
            target = same_day[0]
        elif not person and (told := _most_told(matches)) is not None:
            # "the signing of a military treaty a year ago": of the year's signings between
            # the two states, the one most articles tell is the one a passing mention means.
            target = told
        else:
            # No match, or an ambiguous one: an undated or vaguely dated account of someone who
            # visited twice ("Shoigu visited Pyongyang") could be either visit, so it stays apart
            # rather than cite the wrong one.
            target = _Cluster(lean=self.lean)
            self.clusters.append(target)
        self._join(target, e, rank, keys)
        return target

    def _join(self, c: _Cluster, e: Event, rank: Any, keys: set[Key] | None = None) -> None:
        if not c.ids and not c.stored:
            c.head_rank = rank
        c.first_rank = rank if c.first_rank is None else min(c.first_rank, rank)
        c.ranks.append(rank)
        known = len(c.people)
        c.add(e)
        self._join_keys(c, keys if keys is not None else blocking_keys(e)[0], len(c.people) - known)

    def _join_keys(self, c: _Cluster, keys: set[tuple[str, ...]], new_people: int = 0) -> None:
        new = []
        for k in keys:
            k = self._keys.setdefault(k, k)
            if k not in c.keys:
                new.append(k)
                c.keys.add(k)
                self.buckets.setdefault(k, {})[id(c)] = c
        self.index.add(c, new_people, new)


def profile(c: _Cluster) -> dict[str, Any]:
    """What matching needs of a cluster, as JSON: stored so that an incremental build can match
    new accounts against a cluster without loading its accounts."""
    return {
        "action": c.action, "head_rank": c.head_rank, "first_rank": c.first_rank,
        "sentences": sorted([pid, a, b] for pid, (a, b) in c.sentences),
        "people": [[a.name, a.country, a.role] for a in c.people],
        "src": sorted(c.src), "dst": sorted(c.dst),
        "latest_start": c.latest_start.isoformat() if c.latest_start else None,
        "earliest_end": c.earliest_end.isoformat() if c.earliest_end else None,
        "keys": sorted(list(k) for k in (c.keys or {k for m in c.members
                                                     for k in blocking_keys(m)[0]})),
        # Accounts placed by a person alone, undated: where they go depends on which other
        # events of that person exist, so an incremental build places them again (`loose`).
        "loose": [m.event_id for m in c.members if loose(m)],
    }


def person_keys(keys: Iterable[Key]) -> set[Key]:
    """The any-year person keys among blocking keys: where loose accounts look."""
    return {k for k in keys if k[0] == "p" and k[-1] == "*"}


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def specific_first(e: Event, rank: Any) -> tuple[Any, ...]:
    """The order accounts are placed in: most specific first, so that a precise account anchors
    the vaguer ones that join it."""
    return (-(len(people_of(e)) > 0), e.date is None, -e.confidence, rank)


def merge_events(events: list[Event]) -> list[Event]:
    """Merge events told more than once (across or within articles); order is kept."""
    merger = Merger()
    for i in sorted(range(len(events)), key=lambda i: specific_first(events[i], i)):
        merger.place(events[i], i)
    clusters = sorted(merger.clusters, key=lambda c: c.first_rank)
    merged = [combine(c) for c in clusters]
    note_earlier_than_first(merged)
    return merged
