"""What an event told by several accounts says: one date, its people, every citation, and
where the accounts disagree (on a figure, or on whether it happened at all)."""

from __future__ import annotations

from index.events.dates import better_stated
from index.events.lexicon import lexicon
from index.events.model import Event
from index.events.people import same_person
from index.events.roles import is_state
from index.events.summary import summarize
from index.models import Actor

_NOTE_DOCS = 3  # sources named per figure in a note; the rest are counted
_NOTE_VALUES = 4  # figures quoted in a note; the rest are counted


def _figure_key(figures: tuple[str, ...]) -> frozenset[str]:
    """The amounts a sentence gives, spelled alike ("90 percent" and "90%" are one figure)."""
    out = set()
    for f in figures:
        f = f.lower().replace(" ", "").replace("percent", "%")  # "per cent" too
        out.add(f.replace("bn", "billion"))
    return frozenset(out)


def _figures_note(event: Event) -> str | None:
    """Where the articles give different figures: each figure once, in the words of its first
    source, with the sources that give it (many sources of one figure are counted, not listed).
    """
    by_value: dict[frozenset[str], tuple[str, list[str]]] = {}
    seen: set[str] = set()
    for m in event.evidence:
        if not m.figures or m.doc_id in seen:
            continue
        seen.add(m.doc_id)
        key = _figure_key(m.figures)
        # The words that state it, and the figures too where they stand apart from them
        # ("forgave most of the debt … $10 billion"): both verbatim, the gap elided.
        missing = [f for f in m.figures if f not in m.trigger]
        said = f"{m.trigger} … {', '.join(missing)}" if missing else m.trigger
        by_value.setdefault(key, (said, []))[1].append(m.doc_id)
    if len(by_value) < 2:
        return None
    groups = sorted(by_value.values(), key=lambda g: -len(g[1]))  # the most told first
    parts = []
    for trigger, docs in groups[:_NOTE_VALUES]:
        named = ", ".join(docs[:_NOTE_DOCS])
        more = len(docs) - _NOTE_DOCS
        parts.append(f"“{trigger}” ({named}{f' and {more} more' if more > 0 else ''})")
    rest = len(groups) - _NOTE_VALUES
    tail = f"; and {rest} other figure{'s' if rest > 1 else ''}" if rest > 0 else ""
    return f"Sources disagree on the amount: {'; '.join(parts)}{tail}."


_STATUS_TEXT = {"happened": "it happened", "planned": "it was only planned",
                "reported": "it was reported, unconfirmed", "denied": "it was denied"}


def _status_note(event: Event) -> str | None:
    """Whether the sources agree that it happened; a lone dissenting source is named as such."""
    by_status: dict[str, list[str]] = {}
    for m in event.evidence:
        docs = by_status.setdefault(m.status, [])
        if m.doc_id not in docs:
            docs.append(m.doc_id)
    if len(by_status) < 2:
        return None
    ranked = sorted(by_status.items(), key=lambda kv: len(kv[1]))
    (lone_status, lone_docs), rest = ranked[0], ranked[1:]
    others = [d for _, docs in rest for d in docs if d not in lone_docs]
    if len(lone_docs) == 1 and len(others) >= 2:
        return (f"Only {lone_docs[0]} says {_STATUS_TEXT[lone_status]}; "
                f"{', '.join(others)} say otherwise.")
    said = "; ".join(f"{', '.join(docs)}: {_STATUS_TEXT[st]}" for st, docs in by_status.items())
    return f"Sources disagree on whether it happened — {said}."


_WIDELY_TOLD = 3  # accounts from which a name must be given twice to stand in the merged event


def combine_members(members: list[Event]) -> Event:
    """The merged event of accounts told as one (the first's id, the most specific date, the
    people at least two of many accounts name, every citation, and the disagreements)."""
    if len(members) == 1:
        return members[0]

    def union(attr: str) -> list[Actor]:
        seen: dict[str, Actor] = {}
        support: dict[str, int] = {}
        for m in members:
            told: set[str] = set()
            for a in getattr(m, attr):
                key = a.name if a.name in seen else next(
                    (n for n, b in seen.items() if same_person(a, b)), a.name)
                seen.setdefault(key, a)  # the first spelling told stands for the person
                told.add(key)
            for key in told:
                support[key] = support.get(key, 0) + 1
        found = list(seen.values())
        if len(members) >= _WIDELY_TOLD:
            # Of an event many accounts tell, a name only one of them gives is likelier that
            # account's misreading ("the Security Council" of a later talk) than a party.
            agreed = [a for a in found if support[a.name] > 1]
            found = agreed or found
        # "Putin, Kim Jong-un, North Korea and Russia signed": the leaders stand for their states.
        people_of_states = {a.country for a in found if not is_state(a)}
        return [a for a in found if not (is_state(a) and a.country in people_of_states)]

    dates = [m.date for m in members if m.date is not None]
    date = None
    for d in dates:
        if date is None or better_stated(d, date):
            date = d
    statuses = [m.status for m in members]
    # Ties go to the status told first (the most specific account): a set's order would
    # depend on the process's string hashing, and differ between runs and workers.
    status = max(dict.fromkeys(statuses), key=lambda s: (statuses.count(s), s == "happened"))
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
    merged.first = any(m.first for m in members)
    return merged
