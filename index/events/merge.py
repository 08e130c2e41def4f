"""One event told by several articles becomes one event that keeps every citation.

Two events are the same when they have the same action, compatible dates and the same
participants: the same named person, or a person described by the same role ("the Russian
minister of Far East development" is Alexander Galushka, "minister of Development for the Far
East"), or — when neither names anyone — the same countries on each side, provided that match is
unambiguous. The merged event takes the most specific date ("28–30 Apr 2014" over "April 2014")
and says where the sources disagree: on figures, or on whether it happened at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.events.dates import compatible, more_specific
from index.events.lexicon import lexicon
from index.events.model import Event
from index.events.summary import summarize
from index.models import Actor

_WORD = re.compile(r"[A-Za-z]+")
_GENERIC = frozenset({
    "the", "of", "for", "and", "a", "an", "to", "in", "russian", "russia", "north", "korean",
    "korea", "south", "dprk", "s", "president", "deputy", "vice", "first"})
_ROLE_MATCH = 0.75


def _tokens(a: Actor) -> frozenset[str]:
    text = f"{a.name} {a.role or ''}".lower()
    return frozenset(w for w in _WORD.findall(text) if w not in _GENERIC and len(w) > 1)


def _named(a: Actor) -> bool:
    """A real name ("Yuri Trutnev"), not a description ("Russian minister of …")."""
    return a.name[:1].isupper() and not any(w in a.name.lower() for w in (
        "minister", "official", "delegation", "leaders", "governors", "officials"))


def _same_person(a: Actor, b: Actor) -> bool:
    if a.name == b.name:
        return True
    if _named(a) and _named(b):
        return False
    ta, tb = _tokens(a), _tokens(b)
    small = min(len(ta), len(tb))
    return small >= 2 and len(ta & tb) / small >= _ROLE_MATCH


def _people(e: Event) -> list[Actor]:
    """The event's people and bodies described by a role (states carry no role)."""
    return [a for a in e.actors if a.role is not None]


def _sides(e: Event) -> tuple[set[str], set[str]]:
    src = {a.country for a in e.actors + e.companions if a.country}
    dst = {a.country for a in e.targets if a.country}
    return src, dst


@dataclass
class _Cluster:
    members: list[Event] = field(default_factory=list)

    @property
    def head(self) -> Event:
        return self.members[0]


def _match(c: _Cluster, e: Event) -> str | None:
    """``"person"`` or ``"countries"`` if ``e`` can join the cluster, else None."""
    h = c.head
    if h.action != e.action or any(m.evidence[0].sentence == e.evidence[0].sentence
                                   and m.evidence[0].passage_id == e.evidence[0].passage_id
                                   for m in c.members):
        return None
    if not all(compatible(m.date, e.date) for m in c.members):
        return None
    people_c = [p for m in c.members for p in _people(m)]
    people_e = _people(e)
    if people_c and people_e:
        return "person" if any(_same_person(a, b) for a in people_c for b in people_e) else None
    # Without a named person, only dated accounts are matched: two undated "Russia and North
    # Korea cooperate" statements are too vague to be called one event.
    if e.date is None or all(m.date is None for m in c.members):
        return None
    src_c = set().union(*(_sides(m)[0] for m in c.members))
    dst_c = set().union(*(_sides(m)[1] for m in c.members))
    src_e, dst_e = _sides(e)
    if src_c & src_e and (dst_c & dst_e or not (dst_c and dst_e)):
        return "countries"
    return None


def _figures_note(event: Event) -> str | None:
    """Where the articles give different figures, each in its own words."""
    by_doc: dict[str, tuple[frozenset[str], str]] = {}
    for m in event.evidence:
        if m.figures and m.doc_id not in by_doc:
            by_doc[m.doc_id] = (frozenset(f.replace(" ", "") for f in m.figures), m.trigger)
    if len({figs for figs, _ in by_doc.values()}) < 2:
        return None
    said = "; ".join(f"{doc[:3]}: “{trigger}”" for doc, (_, trigger) in by_doc.items())
    return f"Sources disagree on the amount — {said}."


def _status_note(event: Event) -> str | None:
    by_status: dict[str, list[str]] = {}
    for m in event.evidence:
        by_status.setdefault(m.status, [])
        if m.doc_id[:3] not in by_status[m.status]:
            by_status[m.status].append(m.doc_id[:3])
    if len(by_status) < 2:
        return None
    said = "; ".join(f"{', '.join(docs)}: {status}" for status, docs in by_status.items())
    return f"Sources disagree on whether it happened — {said}."


def _combine(c: _Cluster) -> Event:
    members = c.members
    if len(members) == 1:
        return members[0]

    def union(attr: str) -> list[Actor]:
        seen: dict[str, Actor] = {}
        for m in members:
            for a in getattr(m, attr):
                if not any(_same_person(a, b) for b in seen.values()):
                    seen[a.name] = a
        return list(seen.values())

    dates = [m.date for m in members if m.date is not None]
    date = None
    for d in dates:
        if date is None or more_specific(d, date):
            date = d
    statuses = [m.status for m in members]
    status = max(set(statuses), key=lambda s: (statuses.count(s), s == "happened"))
    head = members[0]
    actors, targets, companions = union("actors"), union("targets"), union("companions")
    names = {a.name for a in actors}
    targets = [t for t in targets if t.name not in names]
    place = next((m.place for m in members if m.place), None)
    merged = Event(
        event_id=head.event_id, action=head.action, actors=actors, targets=targets,
        companions=companions, place=place, date=date, status=status,
        summary=summarize(lexicon().get(head.action), actors, targets, companions, place,
                          status),
        confidence=min(1.0, round(max(m.confidence for m in members)
                                  + 0.1 * (len({m.evidence[0].doc_id for m in members}) - 1), 2)),
        evidence=[ev for m in members for ev in m.evidence])
    merged.notes = [n for n in (_figures_note(merged), _status_note(merged)) if n]
    return merged


def merge_events(events: list[Event]) -> list[Event]:
    """Merge events told more than once (across or within articles); order is kept."""
    clusters: list[_Cluster] = []
    # Most specific first: a precise account anchors the vaguer ones that join it.
    order = sorted(range(len(events)), key=lambda i: (
        -(len(_people(events[i])) > 0), events[i].date is None, -events[i].confidence, i))
    for i in order:
        e = events[i]
        matches = [(c, kind) for c in clusters if (kind := _match(c, e))]
        person = [c for c, kind in matches if kind == "person"]
        if person:
            person[0].members.append(e)
        elif len(matches) == 1:
            matches[0][0].members.append(e)
        else:  # no match, or an ambiguous country-only match: keep it apart
            clusters.append(_Cluster([e]))
    first_seen = {id(c): min(events.index(m) for m in c.members) for c in clusters}
    clusters.sort(key=lambda c: first_seen[id(c)])
    return [_combine(c) for c in clusters]
