"""`/when`, `/who` and `/timeline`: events as typed answers, always with their sources."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from index.engine import fastscore, snippets
from index.engine.event_question import Question, read_question  # noqa: F401 (re-exported)
from index.engine.event_store import FIRST_YEAR, LAST_YEAR, load_event
from index.engine.query import ParsedQuery, parse_user_query
from index.engine.store import Generation
from index.events.dates import better_stated, bounds, human, placed
from index.events.lexicon import lexicon
from index.events.model import Event, Mentioned
from index.events.timerange import TimeRange, parse_time_range
from index.models import Citation, EventDate, Item

MAX_EVENTS = 25
RELATED = 5  # near misses shown under their own heading when nothing answers the whole question
BROAD_MIN_EVENTS = 1000
BROAD_SHARE = 0.2
_STATUS_WORDS = {"planned": "planned", "plan": "planned", "plans": "planned",
                 "denied": "denied", "reported": "reported", "happened": "happened"}


@dataclass(frozen=True)
class EventHit:
    """One event found, with the quoted text of each piece of evidence."""

    event: Event
    quotes: list[str]
    score: float


def _telling(evidence: list[Mentioned]) -> list[int]:
    """The evidence to cite, one per article: the sentence that dates the event most
    precisely (a headline says "Putin thanks troops", the body "thanked … on Monday"), the
    first such sentence on a tie."""
    best: dict[str, int] = {}
    for i, ev in enumerate(evidence):
        j = best.get(ev.doc_id)
        if j is None or _dates_better(ev.date, evidence[j].date):
            best[ev.doc_id] = i
    return sorted(best.values())


def _dates_better(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or a.mod == "ON_OR_BEFORE":
        return False
    return b is None or b.mod == "ON_OR_BEFORE" or better_stated(a, b)


def event_item(gen: Generation, hit: EventHit, units: tuple[tuple[str, ...], ...] = ()) -> Item:
    """An event as an answer item: one citation per article (its most telling sentence)."""
    e = hit.event
    citations = []
    for i in _telling(e.evidence):
        ev = e.evidence[i]
        citations.append(Citation(ev.passage_id, ev.doc_id, hit.quotes[i], gen.source(ev.doc_id),
                                  units=units, mark=snippets.marked_spans if units else None))
    return Item(kind="event", citations=tuple(citations), score=hit.score, action=e.action,
                date=e.date, actors=tuple(e.actors), targets=tuple(e.targets),
                companions=tuple(e.companions), place=e.place, status=e.status,
                summary=e.summary, event_id=e.event_id, confidence=e.confidence,
                notes=tuple(e.notes))


def date_filter(searcher: Searcher, tr: TimeRange | None) -> wq.Query | None:
    """Events that may fall in the range's years (the exact overlap is checked afterwards)."""
    if tr is None:
        return None
    lo = int(tr.start[:4]) if tr.start else FIRST_YEAR
    hi = int(tr.end[:4]) if tr.end else LAST_YEAR
    # Only the years some event has: "before 2016" is then a handful of terms, not 116.
    years = [y for y in _indexed_years(searcher) if lo <= int(y) <= hi]
    return wq.Or([wq.Term("years", y) for y in years]) if years else wq.NullQuery


def _indexed_years(searcher: Searcher) -> list[str]:
    return [t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon("years")]


def overlaps(e: Event, tr: TimeRange) -> bool:
    if not placed(e.date):
        return False  # undated, or "13 September" of no given year
    first, last = bounds(e.date)
    lo = dt.date.fromisoformat(tr.start) if tr.start else dt.date.min
    hi = dt.date.fromisoformat(tr.end) if tr.end else dt.date.max
    return first <= hi and lo <= last


def too_broad(gen: Generation, parsed: ParsedQuery) -> bool:
    """Whether every word of the query is in most events ("North Korea" in a corpus about it):
    ranking them all would cost much and tell little."""
    searcher = gen.events_searcher()
    total = searcher.doc_count()
    if total < BROAD_MIN_EVENTS or parsed.phrases:
        return False
    return all(searcher.doc_frequency("text", w) > BROAD_SHARE * total for w in parsed.words)


def search_events(gen: Generation, parsed: ParsedQuery | None, *, actions: list[str] = (),
                  status: str | None = None, time: TimeRange | None = None,
                  limit: int = MAX_EVENTS, scored: bool = True) -> list[EventHit]:
    """Events matching the words (in sentences, names or roles), action types, status, time."""
    parts: list[wq.Query] = []
    if parsed is not None:
        words = wq.Or([parsed.whoosh_query("text"), parsed.whoosh_query("names")])
        parts.append(words)
    if actions:
        parts.append(wq.Or([wq.Term("action", a) for a in actions]))
    if status:
        parts.append(wq.Term("status", status))
    searcher = gen.events_searcher()
    if (flt := date_filter(searcher, time)) is not None:
        parts.append(flt)
    q = wq.And(parts) if parts else wq.Every()
    # Year terms over-select at the range's ends: fetch more, then keep the true overlaps.
    fetch = limit if time is None else limit * 4
    if not (scored and parsed is not None):
        # Nothing to rank by (no words, or words in most events): the first matches will do,
        # and Whoosh's collectors would visit every match (every visit in the corpus) first.
        found = [(fields, 0.0) for fields in first_matches(searcher, q, fetch)]
    elif len(parts) == 1 and (fast := _fast(searcher, parsed, fetch)) is not None:
        found = fast  # words alone: ranked a posting list at a time (index.engine.fastscore)
    else:
        results = searcher.search(q, limit=fetch)
        if results.is_empty() and len(parsed.units) > 1:
            parts[0] = wq.Or([parsed.whoosh_query("text", any_term=True),
                              parsed.whoosh_query("names", any_term=True)])
            results = searcher.search(wq.And(parts), limit=limit)
        found = [(hit.fields(), float(hit.score or 0.0)) for hit in results]
    return _hits(found, time, limit)


def _hits(found: list[tuple[dict[str, Any], float]], time: TimeRange | None,
          limit: int) -> list[EventHit]:
    """The first ``limit`` stored matches as hits, those outside the time range left out."""
    out = []
    for fields, score in found:
        event, quotes = load_event(fields)
        if time is None or overlaps(event, time):
            out.append(EventHit(event, quotes, score))
            if len(out) >= limit:
                break
    return out


def question_parts(searcher: Searcher, question: Question, status: str | None,
                   time: TimeRange | None) -> list[wq.Query]:
    """What every answer to the question matches in the index: its names and actions, the
    status asked for, the years of the time range (answers and their counts share it)."""
    parts: list[wq.Query] = []
    if (required := question.required()) is not None:
        parts.append(required)
    if status:
        parts.append(wq.Term("status", status))
    if (flt := date_filter(searcher, time)) is not None:
        parts.append(flt)
    return parts


def answer_question(gen: Generation, question: Question, *, status: str | None = None,
                    time: TimeRange | None = None, limit: int = MAX_EVENTS,
                    ranked: bool = True) -> tuple[list[EventHit], list[EventHit]]:
    """The events that match the whole question, best first (or in index order when not
    ``ranked``), and near misses: events that match only part of it.

    A question that typed a verb in the past ("visited") is not answered by a planned event:
    such events are near misses.
    """
    searcher = gen.events_searcher()
    parts = question_parts(searcher, question, status, time)
    fetch = limit if time is None else limit * 4
    ranking = question.ranking() if ranked else None
    hits: list[EventHit] = []
    if (narrow := question.narrowing()) is not None:
        # "/who thanked": the statements that thank, if any do; else every statement.
        hits = [h for h in _run(searcher, [*parts, narrow], ranking, fetch, time, limit)
                if question.names_kind(h.event)]
    if not hits:
        hits = _run(searcher, parts, ranking, fetch, time, limit, question.also,
                    question.whole())
    related = [h for h in hits if not question.fits(h.event)]
    hits = [h for h in hits if question.fits(h.event)]
    if question.past and status is None:
        related += [h for h in hits if h.event.status == "planned"]
        hits = [h for h in hits if h.event.status != "planned"]
    if not hits and not related and question.parsed is not None:
        loose = [wq.Or([question.parsed.whoosh_query("text", any_term=True),
                        question.parsed.whoosh_query("names", any_term=True)])]
        if (flt := date_filter(searcher, time)) is not None:
            loose.append(flt)
        related = _run(searcher, loose, question.ranking(), RELATED, time, RELATED)
    return hits, related[:RELATED]


def _run(searcher: Searcher, parts: list[wq.Query], ranking: wq.Query | None, fetch: int,
         time: TimeRange | None, limit: int, prefer: tuple[str, ...] = (),
         whole: wq.Query | None = None) -> list[EventHit]:
    q = wq.And(parts) if parts else wq.Every()
    if ranking is None:
        found = [(fields, 0.0) for fields in first_matches(searcher, q, fetch)]
    else:
        found = [(searcher.stored_fields(d), s)
                 for d, s in _top(searcher, q if parts else None, ranking, fetch, prefer,
                                  whole)]
    return _hits(found, time, limit)


def docset(searcher: Searcher, q: wq.Query) -> set[int]:
    """The documents matching ``q``, as a set (see `docnums`)."""
    return set(docnums(searcher, q).tolist())


def docnums(searcher: Searcher, q: wq.Query) -> np.ndarray:
    """The documents matching ``q``, sorted: terms are whole posting lists decoded a block at a
    time, And/Or/Not are array operations (walking a conjunction of large lists a document at
    a time cost "/when North Korea" a third of a second at 1,000 articles); other queries
    fall back to Whoosh's own matching."""
    if isinstance(q, wq.Term):
        return fastscore.term_docs(searcher, q.fieldname, q.text)
    if isinstance(q, wq.And):
        out: np.ndarray | None = None
        for sub in q.subqueries:
            docs = docnums(searcher, sub)
            out = docs if out is None else np.intersect1d(out, docs, assume_unique=True)
            if not len(out):
                break
        return out if out is not None else docnums(searcher, wq.Every())
    if isinstance(q, wq.Or):
        parts = [docnums(searcher, sub) for sub in q.subqueries]
        return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
    if isinstance(q, wq.Not):
        return np.setdiff1d(docnums(searcher, wq.Every()), docnums(searcher, q.query),
                            assume_unique=True)
    if q is wq.NullQuery:
        return np.empty(0, dtype=np.int64)
    if isinstance(q, wq.Every):
        return np.fromiter(searcher.reader().all_doc_ids(), dtype=np.int64)
    return np.fromiter(sorted(q.docs(searcher)), dtype=np.int64)


_PREFERRED = 3.0  # how much more an event counts for the action a noun names, or every word


def _top(searcher: Searcher, required: wq.Query | None, ranking: wq.Query, n: int,
         prefer: tuple[str, ...], whole: wq.Query | None = None) -> list[tuple[int, float]]:
    """The ``n`` best (docnum, score) of the events matching ``required``, ranked by
    ``ranking``; the events of ``prefer`` first.

    The ranking runs as a top-N search filtered by what is required (Whoosh skips the blocks
    that cannot make the top: "/when Moscow" matches thousands of events), never as an
    AndMaybe, whose top-N collection loses matches over several segments. Required events the
    ranking words miss follow, unscored, in index order. With ``prefer``, the events of those
    actions and those holding every word typed (``whole``) count more.
    """
    base = docset(searcher, required) if required is not None else None
    if not prefer:
        found, rest = _search_group(searcher, ranking, n, base)
        return found + [(d, 0.0) for d in rest[:n - len(found)]]
    wanted = docset(searcher, wq.Or([wq.Term("action", a) for a in prefer]))
    everything = base if base is not None else docset(searcher, wq.Every())
    complete = docset(searcher, whole) if whole is not None else set()
    # The action a noun of the question names counts thrice, and so does holding every word
    # typed: "Putin state visit" puts the visit ahead of the treaty signed during it,
    # "diplomats rail trolley" their departure by trolley ahead of train services. One search
    # over both (a search walks the ranking words' postings, whatever the filter), weighted
    # after; events of other actions that miss a word follow, searched only if there is room.
    others = everything - wanted
    found, unscored = _search_group(searcher, ranking, 2 * n,
                                    (everything & wanted) | (others & complete), complete)
    out = sorted(((d, score * (_PREFERRED if d in wanted else 1.0)) for d, score in found),
                 key=lambda x: -x[1])[:n]
    if len(out) < n:
        tail, rest = _search_group(searcher, ranking, n - len(out), others - complete)
        out += tail
        unscored += rest
    return out + [(d, 0.0) for d in unscored[:n - len(out)]]


def _search_group(searcher: Searcher, ranking: wq.Query, n: int, group: set[int] | None,
                  complete: frozenset[int] | set[int] = frozenset(),
                  ) -> tuple[list[tuple[int, float]], list[int]]:
    """The best ``n`` of ``group`` (all events if None) as (docnum, weighted score), and the
    group's unscored rest in index order; events in ``complete`` count thrice."""
    if group is not None and not group:
        return [], []
    results = searcher.search(ranking, limit=n, filter=group)
    found, seen = [], set()
    for i in range(results.scored_length()):
        d, score = results.docnum(i), float(results.score(i) or 0.0)
        seen.add(d)
        found.append((d, score * (_PREFERRED if d in complete else 1.0)))
    rest = sorted(group - seen)[:n] if group is not None else []
    return found, rest


def _fast(searcher: Searcher, parsed: ParsedQuery,
          limit: int) -> list[tuple[dict[str, Any], float]] | None:
    """What ``Or(words in text, words in names)`` finds, as Whoosh would rank it, falling back
    to any of the words; None where `index.engine.fastscore` does not rank the query (phrases)."""
    for any_term in (False, True):
        if any_term and len(parsed.units) < 2:
            return []
        top = fastscore.top(searcher, parsed, limit, any_term=any_term,
                            fields=("text", "names"))
        if top is None:
            return None
        if top.docnums:
            return [(searcher.stored_fields(d), s)
                    for d, s in zip(top.docnums, top.scores, strict=True)]
    return []


def first_matches(searcher: Searcher, q: wq.Query, n: int) -> list[dict[str, Any]]:
    """The stored fields of the first ``n`` documents matching ``q``, in index order."""
    out: list[dict[str, Any]] = []
    for sub, offset in searcher.leaf_searchers():
        m = q.matcher(sub)
        while m.is_active() and len(out) < n:
            out.append(searcher.stored_fields(offset + m.id()))
            m.next()
        if len(out) >= n:
            break
    return out


def same_day(gen: Generation, hits: list[EventHit], limit: int = 5) -> list[EventHit]:
    """Other events on the exact day of a top hit ("Victory Day" → what was planned for 9 May)."""
    known = {h.event.event_id for h in hits}
    days = {h.event.date.start for h in hits[:3]
            if h.event.date and h.event.date.precision == "day" and h.event.date.mod is None
            and h.event.date.start == h.event.date.end}
    out: list[EventHit] = []
    searcher = gen.events_searcher()
    for day in sorted(d for d in days if d):
        for hit in searcher.search(wq.Term("day", day), limit=limit):
            event, quotes = load_event(hit.fields())
            if event.event_id not in known:
                known.add(event.event_id)
                out.append(EventHit(event, quotes, float(hit.score or 0.0)))
    return out[:limit]


# An undated event answers "when" less well than a dated one that matches about as well.
UNDATED_WEIGHT = 0.8


def dated_first(hits: list[EventHit]) -> list[EventHit]:
    """Ranked answers to "when", an undated event's score lowered by ``UNDATED_WEIGHT``: it
    stays ahead of dated events that match the question much worse."""
    return sorted(hits, key=lambda h: -h.score * (1.0 if placed(h.event.date)
                                                  else UNDATED_WEIGHT))


def chronological(hits: list[EventHit]) -> list[EventHit]:
    """Dated events by start date, undated ones (and those of no given year) after them."""
    return sorted(hits, key=lambda h: (not placed(h.event.date),
                                       h.event.date.start or "" if h.event.date else "",
                                       h.event.event_id))


def event_notes(items: list[Item]) -> list[str]:
    """Per-event disagreements, numbered as the items are."""
    return [f"{i}. {note}" for i, item in enumerate(items, start=1) for note in item.notes]


def split_who_query(text: str) -> tuple[str, list[str], str | None, TimeRange | None, list[str]]:
    """``/who planned visit 2015`` → (words left, action types, status, time range, notes)."""
    tr, rest, notes = parse_time_range(text)
    words = re.findall(r"[\w’'-]+", rest)
    status = None
    kept = []
    for w in words:
        if w.lower() in _STATUS_WORDS and status is None:
            status = _STATUS_WORDS[w.lower()]
        else:
            kept.append(w)
    rest = " ".join(kept)
    try:
        terms = parse_user_query(rest).words if rest.strip() else ()
    except Exception:  # nothing searchable left: only a time or a status was asked for
        terms = ()
    actions = lexicon().actions_for_terms(list(terms))
    return rest, actions, status, tr, notes


def when_label(item: Item) -> str:
    """How an answer states the date: "May 2014", "28–30 Apr 2014", "undated"."""
    return human(item.date)
