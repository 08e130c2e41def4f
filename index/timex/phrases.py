"""Multi-part phrases built around a core date: "the week of March 6", "last Thanksgiving".

Their patterns are registered into ``patterns.PATTERNS`` at import (``extract`` runs them like
any other) and their values reuse the core's normaliser, then reshape its point.
"""

from __future__ import annotations

import dataclasses

from index.timex import normalize as nz
from index.timex.anchoring import Resolved, State
from index.timex.dates import WEEK, coarsen, fmt
from index.timex.extract import Candidate
from index.timex.lexicon import DAY_RE, MONTH_RE, YEAR_ANY_RE
from index.timex.patterns import _E, _add

# "the week of March 6", "the week of Oct. 9, 1989": TimeML tags the whole phrase as the week
# that contains the date, not the date alone.
_add("weekof", "MON", 30, 30,
     r"\b(?:(?i:the)\s+)?(?i:week)\s+of\s+(?P<mon>" + MONTH_RE + r")\s*(?P<day>" + DAY_RE
     + r")(?:,?\s+(?P<year>" + YEAR_ANY_RE + r")" + _E + r")?(?!\w)")


def norm_week_of(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"the week of March 6" -> the ISO week of March 6 (its year placed like the date's)."""
    day = nz.norm_date(dataclasses.replace(c, kind="mdy"), state, year_hint)
    if day is None or day.point is None or day.point.year is None:
        return day
    week = coarsen(day.point, WEEK)
    return Resolved("DATE", fmt(week), c.mod, day.anchor, week)
