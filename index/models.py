"""The typed seam between `index/` and every front end (CLI text, JSON, Discord embeds).

Frozen dataclasses only: front ends read them, never mutate them. `to_json()` methods produce
exactly the `tumen ask --json` contract of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Span = tuple[int, int]
"""A half-open character span ``(start, end)`` as Python counts characters."""
# (quote, query units) -> the spans of the quote that match them
Marker = Callable[[str, tuple[tuple[str, ...], ...]], tuple[Span, ...]]


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about one article file.

    ``date`` is a TIMEX-style string at the precision the source gives (``2015``, ``2015-02``,
    ``2015-02-18``) or ``None`` for an undated article: never a guess, never the build day.
    """

    doc_id: str
    title: str
    path: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    date_basis: Literal["front matter", "dateline"] | None = None

    @property
    def year(self) -> int | None:
        """The article's year, if it is dated at all."""
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Article:
    """A loaded, validated article: metadata and the raw body (front matter removed)."""

    meta: ArticleMeta
    body: str
    sha256: str


@dataclass(frozen=True)
class Dropped:
    """A paragraph cleaning removed, with the rule that removed it (shown by `tumen check`)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Passage:
    """One paragraph of a cleaned article; ``sentences`` are spans into ``text``."""

    passage_id: str
    doc_id: str
    n: int
    text: str
    sentences: tuple[Span, ...]

    def sentence_texts(self) -> list[str]:
        """The sentences as strings (verbatim slices of ``text``)."""
        return [self.text[s:e] for s, e in self.sentences]


@dataclass(frozen=True)
class Source:
    """The outlet and article a citation comes from."""

    doc_id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "publisher": self.publisher, "date": self.date,
                "url": self.url}

    @classmethod
    def from_meta(cls, meta: ArticleMeta) -> Source:
        return cls(meta.doc_id, meta.title, meta.publisher, meta.date, meta.url)


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from one passage; ``highlights`` are spans into ``quote``."""

    passage_id: str
    doc_id: str
    quote: str
    source: Source
    spans: tuple[Span, ...] = ()
    # Query units (`ParsedQuery.units`) to mark in the quote instead, found only when
    # `highlights` is first read: an event may cite thousands of quotes, of which a Discord
    # page shows a few, and analyzing them all was most of a `/when` answer's time.
    units: tuple[tuple[str, ...], ...] = ()
    # What finds the spans of ``units`` in ``quote`` (the engine's `snippets.marked_spans`),
    # given by whoever gives ``units``: this module imports nothing of the index.
    mark: Marker | None = field(default=None, compare=False, repr=False)

    @cached_property
    def highlights(self) -> tuple[Span, ...]:
        """Spans of ``quote`` to show as matched (what the query's words matched)."""
        if not self.units or self.mark is None:
            return self.spans
        return self.mark(self.quote, self.units)

    def to_json(self) -> dict[str, Any]:
        return {"passage_id": self.passage_id, "doc_id": self.doc_id, "quote": self.quote,
                "source": self.source.to_json()}


@dataclass(frozen=True)
class EventDate:
    """A normalized date with its precision; ``value`` follows TIMEX3."""

    value: str
    start: str | None
    end: str | None
    precision: str
    basis: str
    mod: str | None = None  # TIMEX3-style: AFTER ("after that trip"), START ("early"), MID, END

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "start": self.start, "end": self.end,
                "precision": self.precision, "basis": self.basis, "mod": self.mod}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventDate:
        return cls(data["value"], data.get("start"), data.get("end"), data["precision"],
                   data["basis"], data.get("mod"))


@dataclass(frozen=True)
class Actor:
    """A person, organisation or country taking part in an event."""

    name: str
    country: str | None = None
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "role": self.role}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        return cls(data["name"], data.get("country"), data.get("role"))


@dataclass(frozen=True)
class Item:
    """One answer entry: a passage, an event or (for `/sources`) an article."""

    kind: Literal["passage", "event", "source"]
    citations: tuple[Citation, ...] = ()
    score: float | None = None
    # events
    action: str | None = None
    date: EventDate | None = None
    actors: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    place: str | None = None
    status: str | None = None
    summary: str | None = None
    companions: tuple[Actor, ...] = ()
    event_id: str | None = None
    confidence: float | None = None
    notes: tuple[str, ...] = ()
    # sources
    source: Source | None = None
    passages: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "event":
            out.update({
                "action": self.action,
                "date": self.date.to_json() if self.date else None,
                "actors": [a.to_json() for a in self.actors],
                "targets": [a.to_json() for a in self.targets],
                "place": self.place, "status": self.status, "summary": self.summary,
                "companions": [a.to_json() for a in self.companions],
                "event_id": self.event_id, "confidence": self.confidence,
                "notes": list(self.notes), "sources": len({c.doc_id for c in self.citations}),
            })
        if self.kind == "passage" and self.date is not None:
            out["date"] = self.date.to_json()
        if self.kind == "passage" and self.actors:
            out["actors"] = [a.to_json() for a in self.actors]
        if self.kind == "source" and self.source is not None:
            out.update({"doc_id": self.source.doc_id, **self.source.to_json(),
                        "passages": self.passages})
        if self.score is not None:
            out["score"] = round(self.score, 4)
        out["citations"] = [c.to_json() for c in self.citations]
        return out


@dataclass(frozen=True)
class Answer:
    """What every command returns; front ends only render it."""

    command: str
    query: str
    items: tuple[Item, ...] = ()
    notes: tuple[str, ...] = ()
    suggestion: str | None = None
    # A citation written out in a requested style (``/cite … style:apa``).
    formatted: str | None = None
    style: str | None = None
    # Near misses: items that match part of the question, never the answer itself.
    related: tuple[Item, ...] = ()
    # How many items answer in all when ``items`` shows only some (None: all are shown), and
    # whether that count is exact or estimated from the first candidates read.
    total: int | None = None
    total_exact: bool = True
    # The time range asked for, as the answer echoes it ("from 2014 to 2016").
    time: str | None = None

    @property
    def matched(self) -> int:
        """How many items answer, shown or not."""
        return max(self.total or 0, len(self.items))

    @property
    def cut(self) -> bool:
        """Whether the answer shows only some of what matched."""
        return self.matched > len(self.items)

    @property
    def heading(self) -> str:
        """``/timeline debt from 2014 to 2016``: the command as asked, with its time range."""
        return " ".join(p for p in (f"/{self.command}", self.query, self.time) if p)

    def to_json(self) -> dict[str, Any]:
        out = {"command": self.command, "query": self.query, "time": self.time,
               "total": self.matched, "total_exact": self.total_exact,
               "items": [i.to_json() for i in self.items],
               "related": [i.to_json() for i in self.related],
               "notes": list(self.notes), "suggestion": self.suggestion}
        if self.formatted is not None:
            out.update(style=self.style, formatted=self.formatted)
        return out
