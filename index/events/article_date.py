"""The date an article's relative expressions count from, and years for an undated article.

A wire story opens with its dateline ("MOSCOW, June 19 (AFP) –", "Feb. 3 (UPI) --"): "on
Wednesday" and "today" count from that day, which may be a day or two before the page's own
date (or the only day the page gives, when its header names only a month). An undated page
gets no relative dates, but a month and day it names ("On June 19, …") take the year of an
explicit date in its own text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from index.timex import Timex

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
# "[PLACE,|.] Mon[.] D [(AGENCY)] --|–|—|:" at the very start of the story.
_DATELINE = re.compile(
    r"^\W{0,3}(?:[A-Z][A-Za-z .'’-]{1,30}?[,.]\s+)?(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})\s*(?:\([A-Za-z .-]{2,30}\)\s*)?(?:--|[–—:-])")
_MAX_LAG_DAYS = 7  # a dateline more days before the page's date is not the page's own day
_UNDERSPECIFIED = re.compile(r"^XXXX-(\d{2}(?:-\d{2})?)$")
_YEAR = re.compile(r"^(\d{4})")


def dateline_end(sentence: str) -> int | None:
    """Where a story's dateline ("BEIJING. Dec 5 (Interfax) -") ends, if the sentence opens
    with one: its date is the report's, not that of what the story tells."""
    m = _DATELINE.match(sentence)
    return m.end() if m else None


def dateline_date(first_sentence: str, header: str | None) -> str | None:
    """The day a story's dateline names, given its page's date (``YYYY[-MM[-DD]]``)."""
    if not header:
        return None
    m = _DATELINE.match(first_sentence)
    if m is None:
        return None
    year = int(header[:4])
    month, day = _MONTHS[m["mon"].lower()], int(m["day"])
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    parts = header.split("-")
    if len(parts) == 3:
        page = dt.date.fromisoformat(header)
        if when > page:  # "Dec. 31" on a page of 2 January
            try:
                when = when.replace(year=year - 1)
            except ValueError:
                return None
        return when.isoformat() if (page - when).days <= _MAX_LAG_DAYS else None
    if len(parts) == 2 and month != int(parts[1]):
        return None
    return when.isoformat()


def fill_years(timexes: list[Timex]) -> list[Timex]:
    """In an undated article, give a month or day without a year ("On June 19") the latest
    year of an explicit date in the text; the tagger already does so from earlier dates."""
    years = [(t.start, m[1]) for t in timexes if t.anchor == "explicit" and t.type == "DATE"
             and (m := _YEAR.match(t.value))]
    if not years:
        return timexes
    # The latest year the text names: a story tells its news after the background it
    # recalls ("On June 19 … the 2000 treaty … trade grew in the first 5 months of 2024").
    year = max(y for _, y in years)
    out = []
    for t in timexes:
        m = _UNDERSPECIFIED.match(t.value)
        if m and t.anchor == "none":
            t = replace(t, value=f"{year}-{m[1]}", anchor="context")
        out.append(t)
    return out
