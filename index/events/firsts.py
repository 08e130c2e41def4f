"""Notes for an event reported before what other sources call the first of its kind.

A source that reports a meeting in March 2015 stands alone against sources calling the April 2019
meeting between the same people "the first": both events say so. The rule is pairwise, so an
incremental build recomputes it for just the events whose pairs changed (`earlier_notes`).
"""

from __future__ import annotations

from index.events.dates import bounds, human
from index.events.lexicon import lexicon
from index.events.model import Event


def is_first(e: Event) -> bool:
    """Called the first of its kind by a source, and dated: it can make others "earlier"."""
    return e.first and e.status == "happened" and e.date is not None


def role_names(e: Event) -> set[str]:
    """The people (and role-bearing bodies) on either side, which pairs must share two of."""
    return {a.name for a in e.actors + e.targets if a.role is not None}


def _earlier(f: Event, e: Event) -> bool:
    """Whether ``e`` happened before ``f``, which is called the first, between the same people."""
    if (e.event_id == f.event_id or e.action != f.action or e.status != "happened"
            or e.date is None or f.date is None):
        return False
    if len(role_names(f) & role_names(e)) < 2:
        return False
    return bounds(e.date)[1] < bounds(f.date)[0]


def _on_earlier(e: Event, f: Event) -> str:
    label = lexicon().get(e.action).label
    return (f"Only {', '.join(e.doc_ids)} reports this {label}; "
            f"{', '.join(f.doc_ids)} call{'s' if len(f.doc_ids) == 1 else ''} "
            f"the one of {human(f.date)} the first.")  # type: ignore[arg-type]


def _on_first(f: Event, e: Event) -> str:
    label = lexicon().get(e.action).label
    return (f"{', '.join(e.doc_ids)} report{'s' if len(e.doc_ids) == 1 else ''} "
            f"an earlier {label} ({human(e.date)}).")  # type: ignore[arg-type]


def note_earlier_than_first(events: list[Event]) -> None:
    """Add the notes to every pair in ``events`` (in corpus order), in place."""
    for f in events:
        if not is_first(f):
            continue
        for e in events:
            if _earlier(f, e):
                e.notes.append(_on_earlier(e, f))
                f.notes.append(_on_first(f, e))


def earlier_notes(x: Event, related: list[Event]) -> list[str]:
    """``x``'s notes from this rule, given (in corpus order, ``x`` among them) every event of its
    action that shares a person with it: the same notes, in the same order, as
    `note_earlier_than_first` over the whole corpus gives it."""
    out: list[str] = []
    for f in related:
        if not is_first(f):
            continue
        if f.event_id == x.event_id:
            out += [_on_first(x, e) for e in related if _earlier(x, e)]
        elif _earlier(f, x):
            out.append(_on_earlier(x, f))
    return out


def can_pair(e: Event) -> bool:
    """Whether ``e`` can be either side of a pair: happened, dated, and two people with roles."""
    return e.status == "happened" and e.date is not None and len(role_names(e)) >= 2


def pair_notes(events: list[Event]) -> dict[str, list[str]]:
    """The notes `note_earlier_than_first` would add to ``events`` (in corpus order), by event
    id, without changing them: the same notes in the same order, but each first is compared
    only with the events that share one of its people (a pair must share two)."""
    by_name: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        for name in role_names(e):
            by_name.setdefault(name, []).append(i)
    out: dict[str, list[str]] = {}
    for f in events:
        if not is_first(f):
            continue
        for i in sorted({i for name in role_names(f) for i in by_name[name]}):
            e = events[i]
            if _earlier(f, e):
                out.setdefault(e.event_id, []).append(_on_earlier(e, f))
                out.setdefault(f.event_id, []).append(_on_first(f, e))
    return out
