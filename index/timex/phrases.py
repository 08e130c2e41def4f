"""Multi-part phrases built around a core date: "the week of March 6", "last Thanksgiving".

Their patterns are registered into ``patterns.PATTERNS`` at import (``extract`` runs them like
any other) and their values reuse the core's normaliser, then reshape its point.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from index.timex import normalize as nz
from index.timex.anchoring import CONTEXT, DCT, EXPLICIT, NONE, Resolved, State
from index.timex.dates import (
    DAY,
    HALF,
    QUARTER,
    WEEK,
    Point,
    coarsen,
    easter,
    fmt,
    nth_weekday,
    shift,
)
from index.timex.extract import Candidate
from index.timex.lexicon import (
    DAY_RE,
    HOLIDAYS,
    MONTH_RE,
    NUMBER_RE,
    UNIT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_ANY_RE,
)
from index.timex.patterns import _B, _E, _add

# "the week of March 6", "the week of Oct. 9, 1989": TimeML tags the whole phrase as the week
# that contains the date, not the date alone.
_add("weekof", "MON", 30, 30,
     r"\b(?:(?i:the)\s+)?(?i:week)\s+of\s+(?P<mon>" + MONTH_RE + r")\s*(?P<day>" + DAY_RE
     + r")(?:,?\s+(?P<year>" + YEAR_ANY_RE + r")" + _E + r")?(?!\w)")

# Durations given as a range of units: "weeks or months", "days or even weeks"; the first unit
# gives the value, as the first count does for "two to three years".  ("A month or two" is not
# widened: TBAQ's two halves disagree on it.)
_add("duration", "UNIT", 4, 40,
     r"\b(?P<unit>" + UNIT_RE + r")(?P<pl>s)\s+(?:or|to)\s+(?:even\s+)?" + UNIT_RE + r"s\b")

# "the 1988 period", "the year-earlier 1988 quarter": in earnings prose, the period under
# discussion (a quarter, or some months) in that year.
_add("yperiod", "UNIT", 20, 4,
     r"\b(?:(?i:the)\s+)(?P<year>(?:19|20)\d\d)\s+(?P<unit>period|quarter)\b")


def norm_year_period(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"the 1988 period": the quarter being reported on, in 1988 ("1988-Q3"); with no quarter
    under discussion, a period of that year ("1988"; "1988-QX" for "the 1988 quarter")."""
    year = int(c.groups["year"] or 0)
    ref = state.ref
    if ref is not None and ref.gran == QUARTER and isinstance(ref.part, int):
        return Resolved("DATE", f"{year:04d}-Q{ref.part}", c.mod, CONTEXT)
    value = f"{year:04d}-QX" if c.groups["unit"] == "quarter" else f"{year:04d}"
    return Resolved("DATE", value, c.mod, EXPLICIT)

# "the day before last Tuesday", "the day after Oct. 23": a day counted from a named day, not
# from the story's last date (which "the day before" alone refers to).
_add("dayfrom", "WD MON", 40, 30,
     r"\b(?:(?i:the)\s+)?(?i:day)\s+(?P<dir>before|after)\s+(?:(?P<rel>last|next|this)\s+)?"
     r"(?:(?P<wd>" + WEEKDAY_RE + r")|(?P<mon>" + MONTH_RE + r")\s*(?P<day>" + DAY_RE + r")"
     r"(?:,?\s+(?P<year>" + YEAR_ANY_RE + r")" + _E + r")?)\b")


def norm_day_from(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"the day before last Tuesday" -> that Tuesday minus one day."""
    g = c.groups
    if g.get("wd"):
        rel = (g.get("rel") or "").lower()
        point, how = state.weekday(WEEKDAYS[g["wd"].lower()], c.start, c.end, rel)
    else:
        day = nz.norm_date(dataclasses.replace(c, kind="mdy"), state, year_hint)
        point, how = (day.point, day.anchor) if day is not None else (None, NONE)
    if point is None or point.year is None:
        return Resolved("DATE", "XXXX-XX-XX", c.mod, NONE)
    moved = shift(point, -1 if g["dir"] == "before" else 1, "D")
    return Resolved("DATE", fmt(moved), c.mod, how, moved)

# "1994 or later", "1990 and beyond": an open-ended year, the hedge part of the expression.
_add("yearhedge", "D", 2, 30,
     _B + r"(?P<year>(?:19|20)\d\d)\s+(?P<hedge>or\s+later|or\s+earlier|or\s+before|"
     r"and\s+beyond)\b")
_HEDGE_MOD = {"later": "ON_OR_AFTER", "beyond": "ON_OR_AFTER", "earlier": "ON_OR_BEFORE",
              "before": "ON_OR_BEFORE"}


def norm_year_hedge(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"1994 or later" -> 1994, mod ON_OR_AFTER."""
    res = nz.norm_year(c, state, year_hint)
    if res is None:
        return None
    mod = _HEDGE_MOD[(c.groups["hedge"] or "").split()[-1]]
    return dataclasses.replace(res, mod=res.mod or mod)

# "a three-year period", "the 10-day span": the noun is the duration's head, so it is part of it
# (unlike "a three-year contract", where the count only describes the noun).
_add("duration", "UNIT", 30, 30,
     r"\b(?P<art>(?i:an?|the))\s+(?P<num>" + NUMBER_RE + r")-(?P<unit>" + UNIT_RE + r")\s+"
     r"(?:period|span|stretch|window|interval)\b")

# Business shorthand with its year: "H1 2015", "2H 2014", "3Q 2015" (a bare "3Q" is too often
# something else to be read without one).
_add("periodcode", "D", 3, 12,
     r"\b(?:H(?P<h>[12])|(?P<h2>[12])H|Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s+(?P<year>(?:19|20)\d\d)"
     + _E)


def norm_period_code(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"H1 2015" -> 2015-H1, "3Q 2015" -> 2015-Q3."""
    g = c.groups
    half = g["h"] or g["h2"]
    part = int(half or g["q"] or g["q2"] or 0)
    point = Point(int(g["year"] or 0), gran=HALF if half else QUARTER, part=part)
    return Resolved("DATE", fmt(point), c.mod, EXPLICIT, point)


def norm_week_of(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"the week of March 6" -> the ISO week of March 6 (its year placed like the date's)."""
    day = nz.norm_date(dataclasses.replace(c, kind="mdy"), state, year_hint)
    if day is None or day.point is None or day.point.year is None:
        return day
    week = coarsen(day.point, WEEK)
    return Resolved("DATE", fmt(week), c.mod, day.anchor, week)


def holiday_date(name: str, year: int) -> dt.date:
    """The day of a named holiday in ``year`` (fixed ones from the lexicon)."""
    fixed = HOLIDAYS.get(name)
    if fixed:
        return dt.date(year, *fixed)
    if name.startswith("Easter"):
        return easter(year)
    if name.startswith("Thanksgiving"):
        return nth_weekday(year, 11, 4, 4)
    return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)  # US Election Day


def norm_holiday(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"Christmas", "Thanksgiving"; "last Easter" / "next Christmas" against the DCT."""
    name = " ".join(c.groups["hol"].split())
    fixed = HOLIDAYS.get(name)
    rel = " ".join((c.groups.get("rel") or "").lower().split())
    dct = state.dct.as_date() if state.dct is not None else None
    if rel and dct is not None and not year_hint:
        # "last Thanksgiving" is the latest one before the article, "next" the first after it.
        step = -1 if rel in ("last", "this past") else 1 if rel in ("next", "this coming") else 0
        d = holiday_date(name, dct.year)
        if step < 0 and d >= dct:
            d = holiday_date(name, dct.year - 1)
        elif step > 0 and d <= dct:
            d = holiday_date(name, dct.year + 1)
        return _holiday_value(c, Point(d.year, d.month, d.day, DAY), DCT)
    month, day = fixed if fixed else ((4, 1) if name.startswith("Easter") else (11, 20))
    year, how = (year_hint, EXPLICIT) if year_hint else state.year_for(month, day, c.start, c.end)
    if year is None:
        value = f"XXXX-{month:02d}-{day:02d}" if fixed else "XXXX-XX-XX"
        return Resolved("DATE", value, c.mod, NONE)
    d = holiday_date(name, year)
    return _holiday_value(c, Point(d.year, d.month, d.day, DAY), how)


def _holiday_value(c: Candidate, point: Point, how: str) -> Resolved:
    """The holiday's day, or for "Easter week" / "Christmas weekend" the week it falls in."""
    unit = c.groups.get("wk")
    if not unit:
        return Resolved("DATE", fmt(point), c.mod, how, point)
    week = coarsen(point, WEEK)
    value = fmt(week) + ("-WE" if unit == "weekend" else "")
    return Resolved("DATE", value, c.mod, how, week)
