"""Values for calendar expressions: explicit and underspecified dates, months, years, decades,
seasons, quarters, weekdays, holidays and clock times."""

from __future__ import annotations

from index.timex.anchoring import DCT, EXPLICIT, NONE, Resolved, State
from index.timex.context import FUTURE, PAST
from index.timex.dates import (
    CENTURY,
    DAY,
    DECADE,
    HALF,
    MONTH,
    QUARTER,
    SEASON,
    YEAR,
    Point,
    fmt,
    shift,
    valid_day,
)
from index.timex.extract import Candidate
from index.timex.lexicon import (
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PART_OF_DAY,
    SEASONS,
    WEEKDAYS,
)
from index.timex.patterns import DAY_AFTER_TIME

_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def day_num(word: str) -> int:
    return int(word.rstrip("stndrh"))


def _year(word: str, base: int | None = None) -> int:
    """A four-digit year, or a two-digit one read in the century of ``base``."""
    y = int(word)
    if len(word) == 2:
        century = (base // 100 * 100) if base else 1900
        y += century
    return y


def _rel_year(rel: str, state: State) -> tuple[int | None, str]:
    """Year named by "this year"/"last year"/"that year" attached to a month or quarter."""
    if rel in ("that year", "the same year", "the following year", "the next year",
               "the previous year", "the year"):
        ref, how = state.anchor_point()
        if ref is None or ref.year is None:
            return None, NONE
        step = {"the following year": 1, "the next year": 1, "the previous year": -1}.get(rel, 0)
        return ref.year + step, how
    dct = state.dct
    if dct is None:
        return None, NONE
    return dct.year + {"last year": -1, "next year": 1}.get(rel, 0), DCT


def norm_date(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"Feb. 18, 2015", "April 28-30", "28 April", "2014-04-28", "Friday, Oct. 13"."""
    g = c.groups
    mon = month_num(g["mon"]) if c.kind in ("mdy", "dmy") else int(g["mon"] or 0)
    day = day_num(g["day"]) if g["day"] else 0
    if g.get("year"):
        year: int | None = _year(g["year"], state.dct.year if state.dct else None)
        how = EXPLICIT
    elif year_hint is not None:
        year, how = year_hint, EXPLICIT
    else:
        year, how = state.year_for(mon, day, c.start, c.end)
    if not valid_day(year or 2000, mon, day):
        return None
    point = Point(year, mon, day, DAY)
    value = fmt(point)
    if g.get("h") and g.get("mi"):
        return Resolved("TIME", f"{value}T{g['h']}:{g['mi']}", c.mod, how, point)
    if g.get("day2"):
        day2 = day_num(g["day2"])
        if valid_day(year or 2000, mon, day2) and day2 > day:
            end = Point(year, mon, day2, DAY)
            return Resolved("DATE", f"{value}/{fmt(end)}", c.mod, how, end)
    return Resolved("DATE", value, c.mod, how, point)


def norm_month(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"May 2014", "last May", "that April", "in December", "January this year"."""
    g = c.groups
    mon = month_num(g["mon"])
    rel = _norm(g.get("rel"))
    if rel in ("each", "every"):
        return Resolved("SET", f"XXXX-{mon:02d}", c.mod, EXPLICIT)
    dct = state.dct
    year: int | None
    if g.get("year") or g.get("sy"):
        year, how = int(g["year"]) if g.get("year") else spoken_year(g["sy"] or ""), EXPLICIT
    elif g.get("ry"):
        year, how = _rel_year(_norm(g["ry"]), state)
    elif year_hint is not None:
        year, how = year_hint, EXPLICIT
    elif rel in ("that", "the same"):
        ref, how = state.anchor_point()
        year = ref.year if ref is not None else None
    elif rel and dct is not None and dct.month is not None:
        how = DCT
        if rel in ("last", "this past"):
            year = dct.year if mon < dct.month else dct.year - 1
        elif rel in ("next", "this coming"):
            year = dct.year if mon > dct.month else dct.year + 1
        else:
            year = dct.year
    elif rel and dct is not None:
        year, how = dct.year, DCT
    else:
        year, how = state.year_for(mon, None, c.start, c.end)
    point = Point(year, mon, gran=MONTH)
    return Resolved("DATE", fmt(point), c.mod, how, point)


def norm_year(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"2014", "fiscal 1989", "2014-2015" (a range value)."""
    g = c.groups
    year = int(g["year"])
    point = Point(year, gran=YEAR)
    if g.get("year2"):
        y2 = _year(g["year2"], year)
        if y2 > year:
            end = Point(y2, gran=YEAR)
            return Resolved("DATE", f"{year:04d}/{y2:04d}", c.mod, EXPLICIT, end)
        if len(g["year2"]) == 2:
            return None  # "2014-12" is not a year range; more likely an id or a score
    return Resolved("DATE", fmt(point), c.mod, EXPLICIT, point)


_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
          "eighty": 80, "ninety": 90, "oh": 0, "and": 0, "thousand": 0}


def spoken_year(text: str) -> int:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001 (speech transcripts)."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_SMALL.get(w, 0) for w in words[2:])
    return _SMALL[words[0]] * 100 + sum(_SMALL.get(w, 0) for w in words[1:])


def norm_spoken_year(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001 (speech transcripts)."""
    year = spoken_year(c.groups["sy"] or "")
    point = Point(year, gran=YEAR)
    return Resolved("DATE", fmt(point), c.mod, EXPLICIT, point)


def norm_decade(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"the 1990s" -> 199, "the '90s", "the nineties"."""
    g = c.groups
    if g.get("dec"):
        return Resolved("DATE", g["dec"][:3], c.mod, EXPLICIT, Point(int(g["dec"]), gran=DECADE))
    if g.get("dec2"):
        d = int(g["dec2"])
        now = state.dct.year % 100 if state.dct else 99
        start = (2000 if d <= now and d < 30 else 1900) + d
    else:
        if not g.get("the"):
            return None  # bare "sixties" is an age, not a decade
        start = 1900 + 10 * DECADE_WORDS[g["decw"].lower()]
    return Resolved("DATE", str(start)[:3], c.mod, EXPLICIT, Point(start, gran=DECADE))


def norm_century(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    g = c.groups
    n = int(g["cn"]) if g.get("cn") else _CENTURY_WORDS[g["cw"].lower()]
    if not 1 <= n <= 21:
        return None
    return Resolved("DATE", f"{n - 1:02d}", c.mod, EXPLICIT, Point((n - 1) * 100, gran=CENTURY))


def norm_season(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    g = c.groups
    code = SEASONS[g["season"].lower()]
    rel = _norm(g.get("rel"))
    mod = c.mod or {"early": "START", "late": "END"}.get(rel)
    month = _SEASON_MONTH[code]
    dct = state.dct
    if g.get("year") or g.get("sy"):
        year, how = int(g["year"]) if g.get("year") else spoken_year(g["sy"] or ""), EXPLICIT
    elif year_hint is not None:
        year, how = year_hint, EXPLICIT
    elif rel == "that":
        ref, how = state.anchor_point()
        year = ref.year if ref else None
    elif rel in ("last", "this past", "past", "next", "this coming", "coming") and dct \
            and dct.month:
        how = DCT
        if rel in ("next", "this coming", "coming"):
            year = dct.year if month > dct.month else dct.year + 1
        else:
            year = dct.year if month + 2 < dct.month else dct.year - 1
    elif rel == "this" and dct is not None:
        year, how = dct.year, DCT
    else:
        year, how = state.year_for(month, None, c.start, c.end)
    point = Point(year, month, gran=SEASON, part=code)
    return Resolved("DATE", fmt(point), mod, how, point)


def norm_quarter(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"the third quarter", "third-quarter", "Q2 2014", "the fourth quarter of 2013"."""
    g = c.groups
    q = int(g["qn"][1]) if g.get("qn") else ORDINALS[g["ord"].lower()]
    det = _norm(g.get("det"))
    dct = state.dct
    year: int | None
    if g.get("year") or g.get("yr"):
        year, how = int(g.get("year") or g["yr"]), EXPLICIT
    elif g.get("ry"):
        year, how = _rel_year(_norm(g["ry"]), state)
    elif det.endswith("year's"):
        year, how = _rel_year(det[:-2], state)
    elif "year-" in det and dct is not None:  # "the year-ago third quarter"
        year, how = dct.year - 1, DCT
    elif year_hint is not None:
        year, how = year_hint, EXPLICIT
    elif dct is not None:
        year, how = dct.year, DCT
        if dct.month is not None and (q - 1) * 3 + 1 > dct.month and \
                state.tense(c.start, c.end) == PAST:
            year -= 1
    else:
        year, how = None, NONE
    point = Point(year, gran=QUARTER, part=q)
    return Resolved("DATE", fmt(point), c.mod, how, point)


def norm_half(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    g = c.groups
    h = 1 if g["ord"].lower() == "first" else 2
    if g.get("year"):
        year, how = int(g["year"]), EXPLICIT
    elif g.get("ry"):
        year, how = _rel_year(_norm(g["ry"]), state)
    else:
        ref, how = state.anchor_point()
        year = ref.year if ref else None
        if not g.get("det"):
            return None  # a bare "first half" is usually a match half, not a year half
    point = Point(year, gran=HALF, part=h)
    return Resolved("DATE", fmt(point), c.mod, how, point)


def norm_weekday(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"on Wednesday", "last Friday", "every Monday" (a SET)."""
    g = c.groups
    wd = WEEKDAYS[g["wd"].lower()]
    rel = _norm(g.get("rel"))
    if rel in ("every", "each") or g.get("pl"):  # "on Mondays", "Fridays are slow": a habit
        return Resolved("SET", f"XXXX-WXX-{wd}", c.mod, EXPLICIT)
    point, how = state.weekday(wd, c.start, c.end, rel)
    if point is None:
        year = f"{state.dct.year:04d}" if state.dct is not None else "XXXX"
        return Resolved("DATE", f"{year}-WXX-{wd}", c.mod, NONE)
    return Resolved("DATE", fmt(point), c.mod, how, point)


def _day_of(g: dict[str, str | None], c: Candidate, state: State) -> tuple[Point | None, str]:
    """The day named next to a clock time or part of day ("Friday", "yesterday", "Nov. 9")."""
    if g.get("wd"):
        return state.weekday(WEEKDAYS[g["wd"].lower()], c.start, c.end, "")
    if g.get("dw"):
        dw = g["dw"].lower()
        if state.dct is None:
            return None, NONE
        step = {"yesterday": -1, "tomorrow": 1}.get(dw, 0)
        return shift(state.dct, step, "D") if step else state.dct, DCT
    if g.get("mon") and g.get("day"):
        mon, day = month_num(g["mon"]), day_num(g["day"])
        year, how = state.year_for(mon, day, c.start, c.end)
        if valid_day(year or 2000, mon, day):
            return Point(year, mon, day, DAY), how
    return state.day_for_time(c.start)


def norm_time(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"10:35 a.m.", "5 p.m. EST Nov. 9", "noon Saturday", "midnight Friday"."""
    g = c.groups
    minute = int(g.get("mi") or g.get("mi2") or g.get("mi5") or 0)
    if g.get("noon"):
        word = g["noon"].lower()
        clock = "24:00" if word == "midnight" else "12:00"
    else:
        hour = int(g.get("h") or g.get("h2") or g.get("h3") or g.get("h4")
                   or g.get("h5") or 0)
        ap = (g.get("ap") or "").lower()
        pod = (g.get("ip") or g.get("ip2") or "").split()[-1:]
        if pod:  # "4 in the morning" is 04:00, "7 in the evening" 19:00, "11 at night" 23:00
            ap = "a" if pod[0] == "morning" or (pod[0] == "night" and hour < 5) else "p"
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
        if g.get("h2") and not g.get("hrs") and not (g.get("wd") or g.get("dw") or g.get("tz")) \
                and ":" not in state.text[c.start:c.end]:
            return None  # "3.30" alone is a number, not a time
        clock = f"{hour:02d}:{minute:02d}"
    if not (g.get("wd") or g.get("dw") or g.get("mon")):
        m = DAY_AFTER_TIME.match(state.text, c.end)
        if m is not None:
            g = {**g, "wd": m.group("wd")}
    day, how = _day_of(g, c, state)
    date = fmt(day) if day is not None and day.gran == DAY else "XXXX-XX-XX"
    if day is not None and day.gran != DAY:
        how = NONE
    return Resolved("TIME", f"{date}T{clock}", c.mod, how, day if date[0] != "X" else None)


def norm_pod(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"Friday morning", "last night", "this afternoon", "that evening", "tonight"."""
    g = c.groups
    pod = g["pod"].lower()
    code = PART_OF_DAY[pod]
    det = _norm(g.get("det"))
    if g.get("mid"):
        c.mod = c.mod or "MID"
    if g.get("pl") and g.get("wd"):  # "Tuesday nights": every Tuesday night
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[g['wd'].lower()]}T{code}", c.mod, EXPLICIT)
    if g.get("wd") or g.get("dw"):
        day, how = _day_of(g, c, state)
    elif det in ("this", "") or pod in ("tonight", "overnight"):
        day, how = state.dct, DCT
        if pod == "overnight" and day is not None:
            day = shift(day, -1, "D")
    elif det == "last":
        day, how = (shift(state.dct, -1, "D"), DCT) if state.dct else (None, NONE)
    else:
        day, how = state.anchor_point()
        if day is not None and det in ("the next", "the following"):
            day = shift(day, 1, "D")
        elif day is not None and det == "the previous":
            day = shift(day, -1, "D")
    if day is None or day.gran != DAY:
        return Resolved("TIME", f"XXXX-XX-XXT{code}", c.mod, NONE)
    return Resolved("TIME", f"{fmt(day)}T{code}", c.mod, how, day)


__all__ = [
    "FUTURE",
    "norm_century",
    "norm_date",
    "norm_decade",
    "norm_half",
    "norm_month",
    "norm_pod",
    "norm_quarter",
    "norm_season",
    "norm_spoken_year",
    "norm_time",
    "norm_weekday",
    "norm_year",
]
