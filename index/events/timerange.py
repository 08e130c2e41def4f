"""Time ranges typed by users: "2014", "May 2015", "2014-2015", "since 2019", "before 2016"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from index.events.dates import interval
from index.timex import tag

_RANGE = re.compile(r"\b(?:between\s+|from\s+)?(\d{4})\s*(?:-|–|—|/|to|and|until)\s*(\d{4})\b",
                    re.I)
ONE_DAY = dt.timedelta(days=1)
_OPEN = re.compile(r"\b(since|after|from|before|until|till|by)\s*$", re.I)


@dataclass(frozen=True)
class TimeRange:
    """A closed or half-open range of days (ISO dates); ``None`` ends are open."""

    start: str | None
    end: str | None
    label: str


def parse_time_range(text: str) -> tuple[TimeRange | None, str, list[str]]:
    """Find the time a query asks about; return it, the query without it, and any notes."""
    if m := _RANGE.search(text):
        a, b = sorted((int(m[1]), int(m[2])))
        rest = (text[:m.start()] + " " + text[m.end():]).strip()
        return TimeRange(f"{a}-01-01", f"{b}-12-31", f"{a}–{b}"), rest, []
    for t in tag(text, None):
        if t.type != "DATE":
            continue
        iv = interval(t.value)
        if iv is None:
            continue
        lead = _OPEN.search(text[:t.start])
        start, end = iv[0].isoformat(), iv[1].isoformat()
        cut_from = lead.start() if lead else t.start
        rest = (text[:cut_from] + " " + text[t.end:]).strip()
        word = lead[1].lower() if lead else ""
        if word == "after":
            return TimeRange((iv[1] + ONE_DAY).isoformat(), None, f"after {t.text}"), rest, []
        if word in ("since", "from"):
            return TimeRange(start, None, f"since {t.text}"), rest, []
        if word == "before":
            return TimeRange(None, (iv[0] - ONE_DAY).isoformat(), f"before {t.text}"), rest, []
        if word:
            return TimeRange(None, end, f"until {t.text}"), rest, []
        return TimeRange(start, end, t.text), rest, []
    return None, text, []
