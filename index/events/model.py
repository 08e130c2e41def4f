"""Events as extracted from one sentence, and as merged across sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from index.models import Actor, EventDate, Span


@dataclass(frozen=True)
class Mentioned:
    """An event's evidence in one article: the passage, the quoted span and what it said."""

    passage_id: str
    doc_id: str
    quote: Span  # span of the passage text quoted (the sentence, and any that refer back)
    sentence: Span  # the sentence that states the event
    trigger: str  # the words that state it ("visited", "wrote off … debt")
    figures: tuple[str, ...] = ()  # amounts and percentages the sentence gives
    status: str = "happened"
    date: EventDate | None = None


@dataclass
class Event:
    """One event: what happened (or was planned), who, where, when, and every source saying so."""

    event_id: str
    action: str
    actors: list[Actor]
    targets: list[Actor]
    companions: list[Actor]
    place: str | None
    date: EventDate | None
    status: str
    summary: str
    confidence: float
    evidence: list[Mentioned] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first: bool = False  # a source calls it the first of its kind ("the first meeting between …")

    @property
    def doc_ids(self) -> list[str]:
        """The distinct articles reporting the event, in evidence order."""
        return list(dict.fromkeys(m.doc_id for m in self.evidence))

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id, "action": self.action,
            "actors": [a.to_json() for a in self.actors],
            "targets": [a.to_json() for a in self.targets],
            "companions": [a.to_json() for a in self.companions],
            "place": self.place, "date": self.date.to_json() if self.date else None,
            "status": self.status, "summary": self.summary, "confidence": self.confidence,
            "notes": self.notes, "first": self.first,
            "evidence": [{"passage_id": m.passage_id, "doc_id": m.doc_id, "quote": list(m.quote),
                          "sentence": list(m.sentence), "trigger": m.trigger,
                          "figures": list(m.figures), "status": m.status,
                          "date": m.date.to_json() if m.date else None}
                         for m in self.evidence],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        def date(x: dict[str, Any] | None) -> EventDate | None:
            return EventDate.from_json(x) if x else None

        return cls(
            event_id=d["event_id"], action=d["action"],
            actors=[Actor.from_json(a) for a in d["actors"]],
            targets=[Actor.from_json(a) for a in d["targets"]],
            companions=[Actor.from_json(a) for a in d["companions"]],
            place=d["place"], date=date(d["date"]), status=d["status"], summary=d["summary"],
            confidence=d["confidence"], notes=list(d.get("notes", [])),
            first=bool(d.get("first", False)),
            evidence=[Mentioned(m["passage_id"], m["doc_id"], tuple(m["quote"]),
                                tuple(m["sentence"]), m["trigger"], tuple(m["figures"]),
                                m["status"], date(m["date"]))
                      for m in d["evidence"]],
        )
