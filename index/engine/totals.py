"""How many answers a cut list stands for, and the note that says so and how to narrow it.

Counting reads only document numbers (a posting-list walk, no stored fields) where the index
query alone decides what answers. Where each event must be checked as well (a time range that
is not whole years, who acts, a past-tense verb that leaves out plans), up to `SCAN`
candidates (spread over all of them) are read and checked; with more candidates the count
is an estimate, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.searching import Searcher

from index.engine import event_search as ev
from index.engine.event_question import Question
from index.engine.event_store import load_event
from index.engine.query import ParsedQuery
from index.engine.store import Generation
from index.events.model import Event
from index.events.timerange import TimeRange

SCAN = 250  # candidates read and checked one by one for an exact count


@dataclass(frozen=True)
class Total:
    """How many items answer in all; ``exact`` is False for an estimate."""

    n: int
    exact: bool = True


def matching(searcher: Searcher, q: wq.Query) -> list[int]:
    """The document numbers matching ``q``, in index order (no stored fields are read)."""
    return ev.docnums(searcher, q).tolist()


def passage_total(searcher: Searcher, parsed: ParsedQuery, flt: wq.Query | None, *,
                  any_term: bool) -> Total:
    """How many passages `/search` matched (with its source filter, if any)."""
    q = parsed.whoosh_query(any_term=any_term)
    return Total(len(matching(searcher, wq.And([q, flt]) if flt is not None else q)))


def _whole_years(time: TimeRange | None) -> bool:
    """Whether the range is whole years, which the events' year terms select exactly."""
    return time is None or ((time.start is None or time.start.endswith("-01-01"))
                            and (time.end is None or time.end.endswith("-12-31")))


def _checked(searcher: Searcher, docnums: list[int], keep: Callable[[Event], bool] | None,
             at_least: int) -> Total:
    """Count the candidates that ``keep`` accepts: all of them, or `SCAN` spread evenly over
    them and an estimate from their share (not the first ones: index order follows the
    corpus, which often follows time, and the share of the first would be the early years')."""
    if keep is None:
        return Total(max(len(docnums), at_least))
    scan = docnums[::-(-len(docnums) // SCAN)] if docnums else []
    kept = sum(1 for d in scan if keep(load_event(searcher.stored_fields(d))[0]))
    if len(docnums) <= SCAN:
        return Total(max(kept, at_least))
    return Total(max(round(kept * len(docnums) / len(scan)), at_least), exact=False)


def event_total(gen: Generation, question: Question, *, status: str | None = None,
                time: TimeRange | None = None, shown: int = 0,
                pool: int | None = None) -> Total:
    """How many events answer a `/when` or `/who` question in all (as
    `answers.answer_question` selects them); ``pool`` is how many it returned when asked for
    at least `SCAN`, which is then the exact count whenever there were no more candidates."""
    searcher = gen.events_searcher()
    parts = ev.question_parts(searcher, question, status, time)  # the answers' own candidates
    docnums = matching(searcher, wq.And(parts) if parts else wq.Every())
    if pool is not None and len(docnums) <= SCAN:
        return Total(max(pool, shown))
    drop_plans = question.past and status is None
    doers = any(n.doer for n in question.needs)

    def keep(event: Event) -> bool:
        return ((time is None or ev.overlaps(event, time))
                and (not doers or question.fits(event))
                and not (drop_plans and event.status == "planned"))

    if (narrow := question.narrowing()) is not None:
        # "/who thanked": the thanks among statements, if any; else every statement.
        narrowed = matching(searcher, wq.And([*parts, narrow]))
        names = _checked(searcher, narrowed, lambda e: question.names_kind(e) and keep(e), 0)
        if names.n:
            return Total(max(names.n, shown), names.exact)
    needs_check = not _whole_years(time) or doers or drop_plans
    return _checked(searcher, docnums, keep if needs_check else None, shown)


def timeline_total(gen: Generation, parsed: ParsedQuery | None, actions: list[str],
                   time: TimeRange | None, shown: int) -> Total:
    """How many events `/timeline` matched: those with the words (or, when none has them all,
    any of them), and those of the actions the words name, within the time range."""
    searcher = gen.events_searcher()
    flt = ev.date_filter(searcher, time)
    extra = [flt] if flt is not None else []
    if parsed is None:
        found = set(matching(searcher, wq.And(extra) if extra else wq.Every()))
    else:
        found = set()
        for any_term in (False, True):
            if any_term and len(parsed.units) < 2:
                break
            words = wq.Or([parsed.whoosh_query("text", any_term=any_term),
                           parsed.whoosh_query("names", any_term=any_term)])
            found = set(matching(searcher, wq.And([words, *extra])))
            if found:
                break
    if actions:
        found |= set(matching(searcher, wq.And(
            [wq.Or([wq.Term("action", a) for a in actions]), *extra])))
    keep = None if time is None or _whole_years(time) else (lambda e: ev.overlaps(e, time))
    return _checked(searcher, sorted(found), keep, shown)


def cut_note(total: Total, shown: int, noun: str, *, which: str = "{n}", order: str = "",
             narrow: str) -> str | None:
    """"Showing the first 25 of 110 events in date order; to narrow it, …", or None when
    nothing was left out. ``which`` says which are shown ("the {n} most relevant")."""
    if total.n <= shown:
        return None
    about = "" if total.exact else "about "
    return (f"Showing {which.format(n=shown)} of {about}{total.n:,} {noun}s{order}; "
            f"to narrow it, {narrow}.")
