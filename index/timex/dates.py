"""Calendar points at a known granularity, their arithmetic and their TIMEX3 values.

A ``Point`` is what the tagger knows about a date: a year (or not), maybe a month and day, at a
granularity that decides how it is written ("2014", "2014-Q2", "2015-W05", "2014-04-28", ...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

# Granularities, coarse to fine.  "Q"/"H"/"S"/"W" carry their number or code in ``part``.
CENTURY, DECADE, YEAR, HALF, QUARTER, SEASON, MONTH, WEEK, DAY = (
    "C", "E", "Y", "H", "Q", "S", "M", "W", "D")  # fmt: skip
_RANK = {CENTURY: 0, DECADE: 1, YEAR: 2, HALF: 3, QUARTER: 4, SEASON: 4, MONTH: 5, WEEK: 6,
         DAY: 7}  # fmt: skip


@dataclass(frozen=True)
class Point:
    """A (possibly partial) calendar date; ``None`` fields are unknown."""

    year: int | None
    month: int | None = None
    day: int | None = None
    gran: str = DAY
    part: int | str | None = None

    def finer_than(self, gran: str) -> bool:
        """True when this point is at least as precise as ``gran``."""
        return _RANK[self.gran] >= _RANK[gran]

    def has_day(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def as_date(self) -> dt.date | None:
        if not self.has_day():
            return None
        assert self.year is not None and self.month is not None and self.day is not None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def parse_dct(dct: str | None) -> Point | None:
    """Read "YYYY", "YYYY-MM" or "YYYY-MM-DD" (extra time parts ignored); junk gives None."""
    if not dct:
        return None
    parts = str(dct).strip()[:10].split("-")  # str(): tolerate a datetime.date
    try:
        nums = [int(p) for p in parts if p]
    except ValueError:
        return None
    if not nums or not 1000 <= nums[0] <= 9000:
        return None  # far outside any news archive: junk, and date arithmetic would overflow
    if len(nums) == 1:
        return Point(nums[0], gran=YEAR)
    if len(nums) == 2 or not valid_day(nums[0], nums[1], nums[2]):
        if 1 <= nums[1] <= 12:
            return Point(nums[0], nums[1], gran=MONTH)
        return Point(nums[0], gran=YEAR)
    return Point(nums[0], nums[1], nums[2], gran=DAY)


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def day_point(d: dt.date) -> Point:
    return Point(d.year, d.month, d.day, DAY)


def month_point(year: int | None, month: int | None) -> Point:
    return Point(year, month, gran=MONTH)


def week_of(d: dt.date) -> Point:
    iso = d.isocalendar()
    return Point(iso[0], d.month, d.day, WEEK, iso[1])


def fmt(p: Point) -> str:
    """The TIMEX3 value of a point."""
    y = f"{p.year:04d}" if p.year is not None else "XXXX"
    g = p.gran
    if g == CENTURY:
        return y[:2]
    if g == DECADE:
        return y[:3]
    if g == YEAR:
        return y
    if g in (HALF, QUARTER):
        return f"{y}-{g}{p.part if p.part is not None else 'X'}"
    if g == SEASON:
        return f"{y}-{p.part}"
    if g == WEEK:
        return f"{y}-W{p.part:02d}" if isinstance(p.part, int) else f"{y}-WXX"
    m = f"{p.month:02d}" if p.month is not None else "XX"
    if g == MONTH:
        return f"{y}-{m}"
    d = f"{p.day:02d}" if p.day is not None else "XX"
    return f"{y}-{m}-{d}"


def coarsen(p: Point, gran: str) -> Point:
    """The same point written at a coarser granularity (e.g. a day as its month)."""
    if gran == MONTH:
        return Point(p.year, p.month, gran=MONTH)
    if gran == YEAR:
        return Point(p.year, gran=YEAR)
    if gran == QUARTER and p.month is not None:
        return Point(p.year, p.month, gran=QUARTER, part=(p.month - 1) // 3 + 1)
    if gran == WEEK:
        d = p.as_date()
        return week_of(d) if d else Point(p.year, p.month, gran=WEEK)
    return replace(p, gran=gran)


def shift(p: Point, n: int, unit: str) -> Point:
    """Move ``p`` by ``n`` units ("D","W","M","Q","Y","E","C","H"), degrading precision when the
    anchor is too coarse (a day offset from a month-only anchor lands on that month)."""
    if p.year is None:
        return p
    if unit in ("D", "W"):
        d = p.as_date()
        if d is None:
            # A month-only anchor: "yesterday" is (almost always) still that month.
            return Point(p.year, p.month, gran=MONTH if p.month else YEAR) if unit == "D" else \
                Point(p.year, gran=YEAR)
        d = d + dt.timedelta(days=n * (7 if unit == "W" else 1))
        return week_of(d) if unit == "W" else day_point(d)
    if unit == "M":
        if p.month is None:
            return Point(p.year, gran=YEAR)
        idx = p.year * 12 + p.month - 1 + n
        return Point(idx // 12, idx % 12 + 1, gran=MONTH)
    if unit == "Q":
        if p.gran == QUARTER and isinstance(p.part, int):
            q = p.part
        elif p.month is not None:
            q = (p.month - 1) // 3 + 1
        else:
            return Point(p.year, gran=YEAR)
        idx = p.year * 4 + q - 1 + n
        return Point(idx // 4, gran=QUARTER, part=idx % 4 + 1)
    if unit == "H":
        h = p.part if p.gran == HALF and isinstance(p.part, int) else None
        if h is None:
            if p.month is None:
                return Point(p.year, gran=YEAR)
            h = 1 if p.month <= 6 else 2
        idx = p.year * 2 + h - 1 + n
        return Point(idx // 2, gran=HALF, part=idx % 2 + 1)
    if unit == "E":
        return Point((p.year // 10 + n) * 10, gran=DECADE)
    if unit == "C":
        return Point((p.year // 100 + n) * 100, gran=CENTURY)
    # years keep quarter/season/half precision ("a year earlier" than 1989-Q3 is 1988-Q3)
    if p.gran in (QUARTER, SEASON, HALF):
        return replace(p, year=p.year + n)
    return Point(p.year + n, gran=YEAR)


def weekday_near(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The given ISO weekday on/before the anchor (direction -1) or after it (+1)."""
    delta = weekday - anchor.isoweekday()
    if direction < 0:
        return anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    return anchor + dt.timedelta(days=delta if delta > 0 else delta + 7)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-based) ISO weekday of a month, e.g. the fourth Thursday of November."""
    first = dt.date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nth - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)
