"""The time range of a `/timeline`: its from/to options, or times typed after the topic.

The README writes `/timeline [topic] [from] [to]`, so "debt 2014 2016" is debt from 2014 to
2016, as `/timeline topic:debt from:2014 to:2016` is; one time alone is where it starts.
"""

from __future__ import annotations

from index.corpus.usertext import shown
from index.errors import QueryError
from index.events.timerange import TimeRange, parse_time_range

MAX_TIME_WORDS = 4  # "the end of May 2014"
USAGE = "Give from/to as a year, a month or a date, e.g. 2014 or May 2015."


def _whole_time(text: str) -> TimeRange | None:
    """The range ``text`` names if all of it is a time ("May 2014", "2014-2016")."""
    tr, rest, _ = parse_time_range(text)
    return tr if tr is not None and not rest.strip() else None


def is_time(text: str) -> bool:
    """Whether all of ``text`` is one time expression (for the chat options' values)."""
    return _whole_time(text) is not None


def _peel(words: list[str]) -> tuple[list[str], str, TimeRange] | None:
    """The longest run of final words that is a time: (words before it, it, its range)."""
    for k in range(min(MAX_TIME_WORDS, len(words)), 0, -1):
        text = " ".join(words[-k:])
        if (tr := _whole_time(text)) is not None:
            return words[:-k], text, tr
    return None


def _option(value: str, name: str) -> TimeRange:
    tr = _whole_time(value)
    if tr is None:
        raise QueryError(f"“{shown(value, 40)}” is not a time for {name}: {USAGE}")
    return tr


def timeline_range(topic: str, start: str = "", end: str = "") -> tuple[str, TimeRange | None]:
    """The topic left and the range asked for (None: all time).

    Raises:
        QueryError: a from/to that is not a time, or a range that ends before it starts.
    """
    start, end = start.strip(), end.strip()
    if start or end:
        lo = _option(start, "from") if start else None
        hi = _option(end, "to") if end else None
        lo_text, hi_text = start, end
    else:
        words = topic.split()
        last = _peel(words)
        if last is None:
            return topic, None
        words, hi_text, hi = last
        first = _peel(words)
        if first is None:
            # One time alone: a bare year starts the range ([from]); "2014-2016", "since
            # 2019" or "before 2016" say themselves where it starts and ends.
            if hi.start and hi.end and "–" not in hi.label:
                lo, lo_text, hi, hi_text = hi, hi_text, None, ""
            else:
                return " ".join(words), TimeRange(hi.start, hi.end, shown(hi.label, 40))
        else:
            words, lo_text, lo = first
        topic = " ".join(words)
    first_day = lo.start if lo else None
    last_day = hi.end if hi else None
    if first_day and last_day and first_day > last_day:
        raise QueryError(f"The time range ends before it starts: {shown(lo_text, 40)} is after "
                         f"{shown(hi_text, 40)}. Give the earlier time first, e.g. from:"
                         f"{shown(hi_text, 40)} to:{shown(lo_text, 40)}.")
    label = " ".join(p for p in (f"from {shown(lo_text, 40)}" if lo else "",
                                 f"to {shown(hi_text, 40)}" if hi else "") if p)
    return topic, TimeRange(first_day, last_day, label)
