"""The query services: what `/search`, `/cite` and `/sources` answer, as typed `Answer`s.

Synchronous and Discord-free: the bot calls these in a worker thread, the CLI directly.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from index.answers.citations import STYLES, format_citation
from index.answers.completion import cite_choices
from index.answers.timespan import timeline_range
from index.corpus.ids import unique_prefix
from index.corpus.usertext import clean_user_text, shown
from index.engine import event_search as ev
from index.engine import fastscore, totals
from index.engine.event_store import load_event
from index.engine.passage_search import (
    quoted_actors,
    quoted_date,
    ranked,
    suggest_spelling,
    with_variants,
)
from index.engine.query import any_of, every, parse_user_query
from index.engine.snippets import best_quote
from index.engine.store import Generation, Store
from index.errors import NotFound, QueryError, TumenError
from index.models import Answer, Citation, Item

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
TIMELINE_LIMIT = 200  # events a /timeline shows (its picture draws the 30 best told)
# At most 9 digits: int() refuses over 4,300, and no article has a billion passages.
_PASSAGE_REF = re.compile(r"^(?P<doc>[^:\s]+)(?::p?(?P<n>\d{1,9}))?$", re.I)


P = ParamSpec("P")
R = TypeVar("R")
_Method = Callable[Concatenate["Library", P], R]


def _diagnosed(method: _Method[P, R]) -> _Method[P, R]:
    """Turn an unexpected error of ``method`` into `IndexDamaged` when damaged index files
    explain it (Whoosh reading a truncated or altered segment raises EOFError, zlib.error,
    pickle errors and more); any other error is a bug and goes on as it was."""

    @functools.wraps(method)
    def wrapper(self: Library, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except TumenError:
            raise
        except Exception as exc:
            self.store.diagnose(exc)
            raise

    return wrapper


class Library:
    """Answers over the served index generation of one index directory.

    Every public query method is `_diagnosed`: a damaged index answers with one sentence.
    """

    def __init__(self, index_dir: Path) -> None:
        self.store = Store(index_dir)

    def close(self) -> None:
        self.store.close()

    @_diagnosed
    def warm(self, terms: int = 32) -> float:
        """Get ready to serve: decode the most frequent words' posting lists before the first
        query needs them, and freeze what is loaded (`gc.freeze`); returns the seconds it took.
        The cache is kept by segment, so a rebuild that leaves a segment in place leaves its
        entries warm."""
        started = time.monotonic()
        gen = self.store.current()
        fastscore.warm(gen.searcher(), "text", terms)
        for field in ("text", "names"):
            fastscore.warm(gen.events_searcher(), field, terms)
        # What is loaded now lives as long as the process: take it out of the cyclic garbage
        # collector's passes, which otherwise walk it all whenever answers' garbage triggers
        # one (a 10-30 ms stall at 10,000 articles, in the slowest 1% of queries).
        gc.collect()
        gc.freeze()
        return time.monotonic() - started

    # -- /search ---------------------------------------------------------------------------
    @_diagnosed
    def search(self, text: str, *, limit: int = DEFAULT_LIMIT, source: str | None = None) -> Answer:
        """The passages that best match ``text``, each quoting the sentence(s) that matched."""
        parsed = with_variants(parse_user_query(text))
        limit = max(1, min(limit, MAX_LIMIT))
        gen = self.store.current()
        searcher = gen.searcher()
        flt = None
        notes = list(parsed.notes)
        if source:
            doc_ids = self._match_source(gen, source)
            flt = any_of("doc_id", doc_ids)
        hits = ranked(searcher, parsed, limit, flt, any_term=False)
        any_term = False
        if not hits and (len(parsed.units) > 1):
            hits = ranked(searcher, parsed, limit, flt, any_term=True)
            if hits:
                any_term = True
                notes.append("No passage has all of those words; "
                             "these passages have some of them.")
        total = totals.passage_total(searcher, parsed, flt, any_term=any_term) if hits else \
            totals.Total(0)
        if (cut := totals.cut_note(total, len(hits), "passage", which="the {n} best",
                                   narrow="add words, put a phrase in \"double quotes\" or "
                                   "name a source")) is not None:
            notes.append(cut)
        items = []
        for fields, score in hits:
            sentences = [tuple(s) for s in fields["sentences"]]
            q = best_quote(fields["text"], sentences, parsed.highlight_units())
            quoted = {i for i, (s, e) in enumerate(sentences) if s >= q.start and e <= q.end}
            items.append(Item(kind="passage", score=score,
                              date=quoted_date(fields, quoted),
                              actors=quoted_actors(fields, quoted), citations=(
                Citation(passage_id=fields["passage_id"], doc_id=fields["doc_id"],
                         quote=fields["text"][q.start:q.end],
                         source=gen.source(fields["doc_id"]), spans=q.highlights),)))
        suggestion = None
        if not items:
            suggestion = "Try fewer or different words, or /sources to see what the corpus covers."
        return Answer(command="search", query=parsed.text, items=tuple(items), notes=tuple(notes),
                      suggestion=suggestion, total=total.n)

    def _match_source(self, gen: Generation, source: str) -> list[str]:
        """Doc ids whose publisher, title or doc id contains ``source`` (case-insensitive)."""
        needle = source.strip().casefold()
        found = [d for d, a in gen.meta["articles"].items()
                 if needle in d.casefold() or needle in (a.get("publisher") or "").casefold()
                 or needle in (a.get("title") or "").casefold()]
        if not found:
            raise NotFound(f"No source matches “{shown(source)}”; /sources lists them.")
        return found

    # -- /cite -----------------------------------------------------------------------------
    @_diagnosed
    def resolve_doc(self, prefix: str, gen: Generation | None = None) -> str:
        """The doc id that ``prefix`` names (exactly, or as a unique prefix).

        Raises:
            NotFound: no doc id, or several, start with ``prefix``.
        """
        gen = gen or self.store.current()
        return unique_prefix(prefix, gen.meta["articles"])

    @_diagnosed
    def cite(self, ref: str, style: str | None = None) -> Answer:
        """The whole passage ``ref`` names (``<doc id or unique prefix>:p<N>``), fully cited;
        with ``style`` (markdown, plain, chicago, apa, bibtex) also written out in that style."""
        ref = ref.strip()
        if style is not None and style.strip().lower() not in STYLES:
            raise QueryError(f"Unknown citation style “{shown(style, 30)}”; use one of "
                             f"{', '.join(STYLES)}.")
        if not ref:
            raise QueryError("Usage: /cite <passage id>, e.g. /cite 001_fb27f336a89ec95e:p12 "
                             "(a unique prefix of the article id is enough: /cite 001:p12).")
        m = _PASSAGE_REF.match(ref)
        if not m:
            raise NotFound(f"“{shown(ref)}” is not a passage id; ids look like "
                           "001_fb27f336a89ec95e:p12.")
        gen = self.store.current()
        doc_id = self.resolve_doc(m["doc"], gen)
        count = gen.meta["articles"][doc_id]["passages"]
        if m["n"] is None:
            if count != 1:
                raise NotFound(f"{doc_id} has {count} passages; name one, "
                               f"e.g. /cite {doc_id}:p1 (up to :p{count}).")
            n = 1
        else:
            n = int(m["n"])
        if not 1 <= n <= count:
            raise NotFound(f"{doc_id} has passages p1 to p{count}; there is no p{n}.")
        pid = f"{doc_id}:p{n}"
        fields = gen.searcher().document(passage_id=pid)
        if fields is None:  # meta and index disagree: a broken generation, not user error
            raise NotFound(f"Passage {pid} is missing from the index; rebuild it.")
        citation = Citation(passage_id=pid, doc_id=doc_id, quote=fields["text"],
                            source=gen.source(doc_id))
        formatted = None
        if style is not None:
            style = style.strip().lower()
            formatted = format_citation(citation, style,
                                        accessed=dt.datetime.now(dt.UTC).date())
        return Answer(command="cite", query=ref, items=(Item(kind="passage",
                                                             citations=(citation,)),),
                      formatted=formatted, style=style)

    @_diagnosed
    def passage_ids(self, prefix: str = "", limit: int = 25) -> list[str]:
        """Passage ids starting with ``prefix`` (for autocomplete)."""
        gen = self.store.current()
        out = []
        for doc_id, a in sorted(gen.meta["articles"].items()):
            for n in range(1, a["passages"] + 1):
                pid = f"{doc_id}:p{n}"
                if pid.startswith(prefix):
                    out.append(pid)
                    if len(out) >= limit:
                        return out
        return out

    @_diagnosed
    def cite_choices(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(label, passage id) choices for a partly typed passage id (see `completion`)."""
        return cite_choices(self.store.current().meta["articles"], typed, limit)

    @_diagnosed
    def source_names(self) -> list[str]:
        """Distinct publishers and titles (for autocomplete of a source filter)."""
        arts = self.store.current().meta["articles"].values()
        pubs = sorted({a["publisher"] for a in arts if a.get("publisher")})
        return pubs + sorted({a["title"] for a in arts if a.get("title")})

    # -- /sources --------------------------------------------------------------------------
    @_diagnosed
    def sources(self) -> Answer:
        """Every indexed article with its date and passage count, newest first; undated last."""
        gen = self.store.current()
        arts = gen.meta["articles"]
        dated = sorted((d for d in arts if arts[d].get("date")),
                       key=lambda d: (arts[d]["date"], d), reverse=True)
        undated = sorted(d for d in arts if not arts[d].get("date"))
        items = tuple(Item(kind="source", source=gen.source(d), passages=arts[d]["passages"])
                      for d in dated + undated)
        return Answer(command="sources", query="", items=items)

    # -- /when, /who, /timeline -------------------------------------------------------------
    @_diagnosed
    def when(self, topic: str) -> Answer:
        """When did it happen: the events that match the whole question, most relevant first,
        with their sources.

        Names in the question must take part in the event (or be its place), action words
        select the action, and the other words rank. Falls back to passages when the question
        is plain words and no event has them all; says plainly when nothing matches, with near
        misses under their own heading.
        """
        parsed = parse_user_query(topic)
        gen = self.store.current()
        question = ev.read_question(topic, parsed)
        broad = ev.too_broad(gen, parsed)
        hits, related = ev.answer_question(gen, question, ranked=not broad)
        hits = ev.chronological(hits) if broad else ev.dated_first(hits)
        if not question.selective:  # a day's name ("Victory Day"): what else fell on it
            hits += ev.same_day(gen, hits)
        items = [ev.event_item(gen, h, parsed.units) for h in hits]
        near = tuple(ev.event_item(gen, h, parsed.units) for h in related)
        if items:
            total = totals.event_total(gen, question, shown=len(items))
            wide = ("Those words are in most events: these are some of them, in date order; "
                    "add a name, a place or a year to narrow it.",) if broad else ()
            cut = () if broad else tuple(filter(None, [totals.cut_note(
                total, len(items), "event", which="the {n} most relevant",
                narrow="add a name, a place or a year")]))
            return Answer(command="when", query=parsed.text, items=tuple(items),
                          notes=tuple([*parsed.notes, *wide, *cut, *ev.event_notes(items)]),
                          total=total.n, total_exact=total.exact)
        passages = self.search(topic)
        whole = passages.items and len(passages.notes) == len(parsed.notes)
        if whole and not question.selective:
            return Answer(command="when", query=parsed.text, items=passages.items,
                          notes=(*passages.notes, "No extracted event matches; these passages "
                                 "mention it."), total=passages.total)
        if not near and passages.items:
            near = passages.items[:ev.RELATED]
        return Answer(command="when", query=parsed.text, notes=parsed.notes, related=near,
                      suggestion=self._nothing_about(gen, parsed.text, bool(near)))

    @_diagnosed
    def who(self, text: str) -> Answer:
        """Who did it: people and bodies of the matching events (action words, names, time,
        status), in date order."""
        rest, _actions, status, time, notes = ev.split_who_query(text)
        gen = self.store.current()
        parsed = parse_user_query(rest) if rest.strip() else None
        question = ev.read_question(rest, parsed)
        if not question.selective and not status and time is None and parsed is None:
            raise QueryError("Usage: /who <action> [time], e.g. /who visited 2014")
        # Answers come in date order: ranking would only cost. Every answer is read (up to
        # `totals.SCAN`) so that the list shown is the first in date order, and is full
        # although plans that a past-tense verb leaves out came first in the index.
        pool, related = ev.answer_question(gen, question, status=status, time=time,
                                           limit=max(totals.SCAN, ev.MAX_EVENTS), ranked=False)
        hits = ev.chronological(pool)[:ev.MAX_EVENTS]
        total = totals.event_total(gen, question, status=status, time=time, shown=len(hits),
                                   pool=len(pool))
        units = parsed.units if parsed else ()
        items = [ev.event_item(gen, h, units) for h in hits]
        asked = []
        if question.actions:
            asked.append("action: " + ", ".join(a.replace("_", " ") for a in question.actions))
        if question.needs:
            asked.append("involving: " + ", ".join(n.typed for n in question.needs))
        if time:
            asked.append(f"time: {time.label}")
        if status:
            asked.append(f"status: {status}")
        notes = [*notes, "Looked for " + "; ".join(asked) + "."] if asked else notes
        # Past `totals.SCAN` answers the pool was not all of them: no "first" then.
        first = ("the first {n}", " in date order") if total.exact else ("{n}", "")
        if (cut := totals.cut_note(total, len(items), "event", which=first[0], order=first[1],
                                   narrow="add a name or a place, or a shorter time "
                                   "(e.g. May 2014)")) is not None:
            notes.append(cut)
        near = () if items else tuple(ev.event_item(gen, h, units) for h in related)
        suggestion = None if items else self._nothing_about(gen, text, bool(near))
        return Answer(command="who", query=clean_user_text(text), items=tuple(items),
                      notes=tuple([*notes, *ev.event_notes(items)]), suggestion=suggestion,
                      related=near, total=total.n, total_exact=total.exact)

    @_diagnosed
    def timeline(self, topic: str = "", start: str = "", end: str = "") -> Answer:
        """The matching events (all, without a topic) in date order, optionally within a range
        given as ``start``/``end`` or as times typed after the topic ("debt 2014 2016")."""
        gen = self.store.current()
        topic, time = timeline_range(topic, start, end)
        parsed = parse_user_query(topic) if topic.strip() else None
        actions = ev.lexicon().actions_for_terms(list(parsed.words)) if parsed else []
        hits = ev.search_events(gen, parsed, time=time, limit=TIMELINE_LIMIT)
        if actions:
            known = {h.event.event_id for h in hits}
            hits += [h for h in ev.search_events(gen, None, actions=actions, time=time,
                                                 limit=TIMELINE_LIMIT)
                     if h.event.event_id not in known]
        items = [ev.event_item(gen, h, parsed.units if parsed else ())
                 for h in ev.chronological(hits)]
        total = totals.timeline_total(gen, parsed, actions, time, len(items))
        narrow = "add words or a shorter from/to" if parsed else "give a topic or from/to"
        # Without words to rank by, the events shown are the first the index holds, not the
        # earliest: the note does not call them "the first".
        cut = totals.cut_note(total, len(items), "event", narrow=narrow,
                              which="the {n} most relevant" if parsed else "{n}")
        label = time.label if time else None
        return Answer(command="timeline", query=parsed.text if parsed else "", items=tuple(items),
                      notes=tuple(filter(None, [cut, *ev.event_notes(items)])),
                      suggestion=None if items else self._nothing_in(gen, topic, label),
                      total=total.n, total_exact=total.exact, time=label)

    @_diagnosed
    def events(self, limit: int | None = None) -> Answer:
        """Every event of the index in date order (the first ``limit``, if given)."""
        gen = self.store.current()
        searcher = gen.events_searcher()
        found = [ev.EventHit(*load_event(fields), 0.0) for fields in
                 ev.first_matches(searcher, every(), searcher.doc_count())]
        items = tuple(ev.event_item(gen, h) for h in ev.chronological(found)[:limit])
        return Answer(command="events", query="", items=items, total=len(found))

    def _nothing_in(self, gen: Generation, topic: str, time: str | None) -> str:
        """What an empty timeline says: nothing about the topic, or nothing in the range."""
        if not topic.strip():
            return (f"No event is dated {time}." if time else "The index has no events.")
        return self._nothing_about(gen, topic, time=time)

    def _nothing_about(self, gen: Generation, text: str, near: bool = False,
                       time: str | None = None) -> str:
        """"Nothing in the corpus about …" (in the time range, if one was asked for), with a
        spelling suggestion if one exists."""
        message = f"Nothing in the corpus about “{shown(text)}”{f' {time}' if time else ''}."
        if near:
            message += " Related events that match only part of it follow."
        guess = suggest_spelling(gen, text)
        return f"{message} Did you mean “{guess}”?" if guess else message

    @_diagnosed
    def status(self) -> dict[str, Any]:
        """The served generation's build summary."""
        gen = self.store.current()
        return {"generation": gen.name, **gen.meta.get("summary", {})}
