"""Event dates: TIMEX3 values as intervals with a precision, and how a person writes them."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from index.models import EventDate

_Y = re.compile(r"^(\d{4})$")
_YM = re.compile(r"^(\d{4})-(\d{2})$")
_YMD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
# "On September 13" in an article that gives no year anywhere: the day is known, the year not.
_YEARLESS = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
REPORT_WINDOW_DAYS = 30
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4,
                  "year": 5, "decade": 6}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """``(first day, last day, precision)`` of a TIMEX3 DATE value, or None if it has no place
    on the calendar (``PAST_REF``, ``XXXX-05``, durations)."""
    try:
        if m := _YMD.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _YM.match(value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo), "month"
        if m := _Y.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if m := _WEEK.match(value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6), "week"
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half"
        if m := _SEASON.match(value):
            y = int(m[1])
            first, last = _SEASON_MONTHS[m[2]]
            end_y, end_m = (y + 1, last - 12) if last > 12 else (y, last)
            return dt.date(y, first, 1), _month_end(end_y, end_m), "season"
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"
    except ValueError:
        return None
    return None


def event_date(value: str, basis: str, mod: str | None = None) -> EventDate | None:
    """An EventDate for a TIMEX3 value (a point or ``a/b`` range); None if it cannot be placed."""
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None or ib[1] < ia[0]:
            return None
        precision = ia[2] if PRECISION_RANK[ia[2]] >= PRECISION_RANK[ib[2]] else ib[2]
        return EventDate(value=value, start=ia[0].isoformat(), end=ib[1].isoformat(),
                         precision=precision, basis=basis, mod=mod)
    iv = interval(value)
    if iv is None:
        return _yearless(value, basis, mod)
    return EventDate(value=value, start=iv[0].isoformat(), end=iv[1].isoformat(),
                     precision=iv[2], basis=basis, mod=mod)


def _yearless(value: str, basis: str, mod: str | None) -> EventDate | None:
    """A month or day without a year (``XXXX-09-13``): it has no place on the calendar, so no
    start or end, but it says more than no date at all."""
    m = _YEARLESS.match(value)
    if m is None:
        return None
    try:
        dt.date(2000, int(m[1]), int(m[2] or 1))  # a leap year: "February 29" exists
    except ValueError:
        return None
    return EventDate(value=value, start=None, end=None, precision="day" if m[2] else "month",
                     basis=basis, mod=mod)


def placed(d: EventDate | None) -> bool:
    """Whether a date has a place on the calendar (a yearless "13 September" has none)."""
    return d is not None and bool(d.start) and bool(d.end)


def bounds(d: EventDate) -> tuple[dt.date, dt.date]:
    """The interval an EventDate covers (an "after X" bound is open to the end of X's year+1);
    a yearless date may be any day."""
    if not placed(d):
        return dt.date.min, dt.date.max
    start = dt.date.fromisoformat(d.start or "0001-01-01")
    end = dt.date.fromisoformat(d.end or "9999-12-31")
    if d.mod == "AFTER":
        start, end = end, dt.date(end.year + 1, 12, 31)
    elif d.mod == "ON_OR_BEFORE":
        # "Reported by D": what is news on D was said or done in the weeks before it.
        start = end - dt.timedelta(days=REPORT_WINDOW_DAYS)
    return start, end


def compatible(a: EventDate | None, b: EventDate | None) -> bool:
    """Whether two dates can be the same event (their intervals overlap); unknown fits all."""
    if a is None or b is None:
        return True
    if not placed(a) or not placed(b):
        return _yearless_fits(a, b) if placed(b) else (
            _yearless_fits(b, a) if placed(a) else _same_calendar_day(a, b))
    sa, ea = bounds(a)
    sb, eb = bounds(b)
    return sa <= eb and sb <= ea


def _yearless_fits(d: EventDate, other: EventDate) -> bool:
    """Whether "13 September" of no given year can fall within a placed date (any year of it)."""
    return yearless_within(d, *bounds(other))


def yearless_within(d: EventDate, lo: dt.date, hi: dt.date) -> bool:
    """Whether a date of no given year can fall between two days (in any of their years)."""
    m = _YEARLESS.match(d.value)
    if m is None:
        return True  # unknown: fits all
    for year in range(lo.year, min(hi.year, lo.year + 2) + 1):
        iv = interval(f"{year}-{m[1]}" + (f"-{m[2]}" if m[2] else ""))
        if iv is not None and iv[0] <= hi and lo <= iv[1]:
            return True
    return hi.year - lo.year > 2  # a span of many years holds every day of the calendar


def _same_calendar_day(a: EventDate, b: EventDate) -> bool:
    """Whether two dates of no given year can be the same (one's month and day fit the other)."""
    ma, mb = _YEARLESS.match(a.value), _YEARLESS.match(b.value)
    if ma is None or mb is None:
        return True
    return ma[1] == mb[1] and (not ma[2] or not mb[2] or ma[2] == mb[2])


def more_specific(a: EventDate, b: EventDate) -> bool:
    """Whether ``a`` pins the event down more narrowly than ``b``."""
    if (a.mod == "AFTER") != (b.mod == "AFTER"):
        return b.mod == "AFTER"
    sa, ea = bounds(a)
    sb, eb = bounds(b)
    return (ea - sa) < (eb - sb)


# Of two dates as precise, the one a sentence states beats one inferred from another sentence.
_BASIS_RANK = {"explicit": 3, "relative": 2, "anaphoric": 1, "context": 1}


def better_stated(a: EventDate, b: EventDate) -> bool:
    """Whether ``a`` is more specific than ``b``, or as specific and stated more directly."""
    if more_specific(a, b):
        return True
    return not more_specific(b, a) and a.value == b.value and \
        _BASIS_RANK.get(a.basis or "", 0) > _BASIS_RANK.get(b.basis or "", 0)


def _point_text(value: str, short: bool) -> str:
    iv = interval(value)
    months = _MONTHS if short else _FULL_MONTHS
    if iv is None:
        if m := _YEARLESS.match(value):
            day = f"{int(m[2])} " if m[2] else ""
            return f"{day}{months[int(m[1]) - 1]} (year not given)"
        return value
    start, _, precision = iv
    if precision == "day":
        return f"{start.day} {months[start.month - 1]} {start.year}"
    if precision == "month":
        return f"{months[start.month - 1]} {start.year}"
    if precision == "week":
        return f"the week of {start.day} {months[start.month - 1]} {start.year}"
    if precision == "decade":
        return f"the {start.year}s"
    if precision == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision == "season":
        name = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}[start.month]
        return f"{name} {start.year}"
    if precision == "half":
        return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
    return str(start.year)


def human(d: EventDate | None) -> str:
    """The date as a person writes it: "May 2014", "28–30 Apr 2014", "2014", "undated"."""
    if d is None:
        return "undated"
    if "/" in d.value:
        a, b = d.value.split("/", 1)
        ia, ib = interval(a), interval(b)
        if ia and ib and ia[2] == ib[2] == "day" and ia[0].year == ib[0].year:
            if ia[0].month == ib[0].month:
                text = f"{ia[0].day}–{ib[0].day} {_MONTHS[ia[0].month - 1]} {ia[0].year}"
            else:
                text = (f"{ia[0].day} {_MONTHS[ia[0].month - 1]} – {ib[0].day} "
                        f"{_MONTHS[ib[0].month - 1]} {ia[0].year}")
        elif ia and ib and ia[2] == ib[2] == "month" and ia[0].year == ib[0].year:
            text = f"{_MONTHS[ia[0].month - 1]}–{_MONTHS[ib[0].month - 1]} {ia[0].year}"
        else:
            text = f"{_point_text(a, True)} – {_point_text(b, True)}"
    else:
        text = _point_text(d.value, short=False)
    prefix = {"AFTER": "after ", "BEFORE": "before ", "ON_OR_BEFORE": "by ",
              "START": "early ", "MID": "mid-",
              "END": "late ", "APPROX": "about "}.get(d.mod or "", "")
    return prefix + text
