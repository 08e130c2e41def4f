"""Values for relative expressions: deictic words ("yesterday", "now"), calendar units relative
to the DCT or the story ("last week", "the following month"), counted offsets ("two days
later"), durations ("three years") and sets ("every week")."""

from __future__ import annotations

import datetime as dt
import re

from index.timex.anchoring import CONTEXT, DCT, EXPLICIT, NONE, Resolved, State
from index.timex.context import FUTURE
from index.timex.dates import (
    DAY,
    MONTH,
    QUARTER,
    WEEK,
    YEAR,
    Point,
    coarsen,
    fmt,
    shift,
    valid_day,
    weekday_near,
)
from index.timex.extract import Candidate
from index.timex.lexicon import NUMBERS, UNITS

_PRESENT = {"now", "right now", "just now", "currently", "nowadays", "these days", "present",
            "presently", "current"}
_FUTURE_WORDS = {"the future", "the near future", "the distant future", "future",
                 "the foreseeable future", "the short term", "the long term",
                 "the medium term", "the near term", "a later date", "as soon as possible"}
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}
# unit word -> (shift unit, count multiplier)
_SHIFT = {"day": ("D", 1), "night": ("D", 1), "week": ("W", 1), "weekend": ("W", 1),
          "fortnight": ("W", 2), "month": ("M", 1), "quarter": ("Q", 1), "year": ("Y", 1),
          "decade": ("Y", 10), "century": ("Y", 100), "period": ("Q", 1)}
_GRAN = {"D": DAY, "W": WEEK, "M": MONTH, "Q": QUARTER, "Y": YEAR}
_DUR = UNITS  # unit word -> (TIMEX3 letter, multiplier, time designator)
# The next smaller unit for fractions ("2 1/2 years" = P2Y6M): (letter, per unit, time part)
_SMALLER = {"year": ("M", 12, False), "decade": ("M", 12, False), "quarter": ("M", 3, False),
            "month": ("D", 30, False), "week": ("D", 7, False), "day": ("H", 24, True),
            "night": ("H", 24, True), "hour": ("M", 60, True), "minute": ("S", 60, True)}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending|that\s+ended)\b")
# "from the day when both sides exchange …", "on the day the instruments are exchanged": a day
# the clause after it defines, not the story's day.
_DEFINING_CLAUSE = re.compile(r"\s+(?:when|on which|in which|that\s+(?!day\b)|"
                              r"(?:the|both|its|their|his|her|each)\s+\w+\s+(?:is|are|was|were|"
                              r"will|would|\w+ed)\b)", re.I)
_SPACES = re.compile(r"[\s-]+")
# "Islam will one day be ...": "one day" between a modal and its verb is some time to come.
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|must|'ll|to)\s+\Z", re.I)
_VERB_AFTER = re.compile(r"\s+(?!(?:of|after|before|later|earlier|and|or|to|in)\b)[a-z]+\b")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥]\s?[\d.,]+|\d|\b(?:million|billion|trillion|cents?|"
                           r"dollars?|rubles?|won|yuan|euros?|percent|times|once|twice))\W*\Z")


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def unit_key(word: str) -> str:
    """Singular unit word: "centuries" -> "century", "Years" -> "year"."""
    w = word.lower()
    if w in ("centuries", "centurie"):
        return "century"
    if w.startswith("millenni"):
        return "millennium"
    return w[:-1] if w.endswith("s") and w[:-1] in _DUR else w


def parse_number(text: str) -> float | None:
    """"three" -> 3, "twenty-four" -> 24, "2 1/2" -> 2.5, "a few" -> None (vague)."""
    t = _SPACES.sub(" ", text.lower().replace(",", "")).strip()
    half = 0.5 if t.endswith(" and a half") or t.endswith(" 1/2") else 0.0
    t = t.removesuffix(" and a half").removesuffix(" 1/2")
    if t in ("a half", "an half", "half a"):
        return 0.5
    if t in NUMBERS:
        n = NUMBERS[t]
        return None if n is None else n + half
    try:
        return float(t) + half
    except ValueError:
        pass
    parts = t.split(" ")
    if len(parts) == 2 and parts[0] in _TENS and NUMBERS.get(parts[1]) is not None:
        return _TENS[parts[0]] + (NUMBERS[parts[1]] or 0) + half
    return None


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT5H, P2Y6M for 2.5 years, PXY when the count is vague."""
    letter, mult, is_time = _DUR[unit]
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{letter}" if unit not in ("decade", "century") else "PXY"
    n = n * mult
    if n == int(n):
        return f"P{t}{int(n)}{letter}"
    whole = int(n)
    if unit in _SMALLER and unit != "decade":
        small, per, small_is_time = _SMALLER[unit]
        rest = round((n - whole) * per)
        head = f"{whole}{letter}" if whole else ""
        if small_is_time and not t:  # "1.5 days" = P1DT12H
            return f"P{head}T{rest}{small}"
        return f"P{t}{head}{rest}{small}"
    return f"P{t}{n:g}{letter}"


def norm_deictic(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"today", "yesterday", "now", "recently", "the future", "current", "recent years"."""
    w = _norm(c.groups["w"])
    if w in _PRESENT:
        return Resolved("DATE", "PRESENT_REF", c.mod, DCT if state.dct else NONE)
    if w in _FUTURE_WORDS:
        return Resolved("DATE", "FUTURE_REF", c.mod, DCT if state.dct else NONE)
    if w in _DAY_WORDS:
        if state.dct is None:
            value = "PRESENT_REF" if w == "today" else "XXXX-XX-XX"
            return Resolved("DATE", value, c.mod, NONE)
        step = _DAY_WORDS[w]
        point = shift(state.dct, step, "D") if step else state.dct
        return Resolved("DATE", fmt(point), c.mod, DCT, point)
    if w.startswith("recent ") and w != "recent years":
        return Resolved("DURATION", duration_value(None, unit_key(w.split()[1])), c.mod, NONE)
    return Resolved("DATE", "PAST_REF", c.mod, DCT if state.dct else NONE)


def norm_relunit(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"last week", "this year", "the following month", "later that year", "the same day"."""
    g = c.groups
    rel = _norm(g["rel"])
    unit = unit_key(g.get("unit") or "")
    mod = c.mod
    if rel.startswith("the ") and rel.split()[1] in ("day", "week", "month", "year") and \
            rel.endswith(("before", "after")):  # "the day before", "the year after"
        unit, rel = rel.split()[1], "the previous" if rel.endswith("before") else "the following"
    if unit == "year" and rel in ("end", "earlier", "ago"):  # "year-end", "year-earlier"
        if rel == "end":
            rel, unit, mod = "the", "year", "END"
        else:
            rel, unit = "year-earlier", "period"
    for prefix, m in (("later ", "END"), ("earlier ", "START")):
        if rel.startswith(prefix):
            rel, mod = rel[len(prefix):], mod or m
    if rel == "the" and unit == "day" and _DEFINING_CLAUSE.match(state.text, c.end):
        return None
    if rel in ("past", "the past") or (rel == "the" and unit == "year" and _ENDED_AFTER.match(
            state.text, c.end)):
        # "the past year", "the (fiscal) year ended March 31": a span, not a calendar year
        return Resolved("DURATION", duration_value(1, unit), mod, EXPLICIT)
    if unit == "period" and rel not in ("the latest", "year-earlier", "year-ago",
                                        "the year-earlier", "the year-ago", "the comparable",
                                        "the same"):
        return None
    step_unit, mult = _SHIFT.get(unit, ("Y", 1))
    deictic = {"this": 0, "current": 0, "the current": 0, "this past": -1, "last": -1,
               "this coming": 1, "next": 1, "coming": 1, "the coming": 1, "the last": -1}
    anaphoric = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
                 "the prior": -1, "the same": 0, "that same": 0, "that": 0,
                 "in the": 0, "the": 0, "the full": 0, "a full": 0}
    if rel in deictic or rel == "the latest":
        base, how = state.dct, DCT
        step = deictic.get(rel, -1 if unit in ("quarter", "period") else 0)
    elif rel in anaphoric:
        base, how = state.anchor_point()
        step = anaphoric[rel]
        if step_unit == "D" and step != 0 and base is not None and base.gran != DAY:
            # "the previous day" counts from a day; "that same day" after a month stays in it.
            base, how = state.day_anchor()
        if rel in ("the", "the full", "a full") and (
                unit in ("year", "week", "month", "weekend", "decade", "century")
                or how != CONTEXT or base is None or not base.finer_than(_GRAN[step_unit])
                or (unit in ("quarter", "period") and base.gran != QUARTER)):
            # News "the year"/"the week" is the current one; "the day"/"the quarter" follow
            # the story when it has reached that precision.
            base, how = state.dct, DCT
            if unit in ("quarter", "period") and base is not None:
                step = -1  # "the quarter" in a report: the latest completed one
    else:  # "year-earlier", "the year-ago", "the comparable": the reference period, a year back
        base, how = state.anchor_point()
        if base is not None and base.gran != QUARTER and state.dct is not None:
            base, how = state.dct, DCT  # no period under discussion: compare with this year
        if base is not None and base.gran not in (QUARTER, YEAR):
            base = coarsen(base, QUARTER) if base.month else base
        point = shift(base, -1, "Y") if base is not None else None
        if point is None:
            return Resolved("DATE", "XXXX-QX", mod, NONE)
        return Resolved("DATE", fmt(point), mod, how)  # a comparison, not a new story date
    if base is None or base.year is None:
        return Resolved("DATE", _unknown(step_unit, unit), mod, NONE)
    gran = _GRAN[step_unit]
    if how == DCT and step_unit == "W" and base.gran != DAY:
        # A month-only (or year-only) article date: "this week", "last week", "this weekend"
        # resolve only as far as it allows, to its month (or year), never to a made-up week.
        point = coarsen(base, MONTH if base.month is not None else YEAR)
        return Resolved("DATE", fmt(point), mod, how, point)
    if unit == "weekend":
        return _weekend(base, step, mod, how, state.tense(c.start, c.end) == FUTURE)
    if unit in ("decade", "century"):
        e = base.year // mult * mult + step * mult
        value = str(e)[: 3 if unit == "decade" else 2]
        return Resolved("DATE", value, mod, how, Point(e, gran=YEAR))
    point = shift(coarsen(base, gran) if step == 0 else base, step * mult, step_unit) \
        if step else coarsen(base, gran)
    if step_unit == "W" and point.gran != WEEK:
        value = f"{point.year:04d}-WXX"
    elif step_unit in ("D", "M", "Q") and point.gran in (YEAR,) and base.gran != DAY:
        value = _unknown(step_unit, unit, point.year)
    else:
        value = fmt(point)
    return Resolved("DATE", value, mod, how, point)


def _unknown(step_unit: str, unit: str, year: int | None = None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    return {"D": f"{y}-XX-XX", "W": f"{y}-WXX", "M": f"{y}-XX", "Q": f"{y}-QX"}.get(step_unit, y)


def _weekend(base: Point, step: int, mod: str | None, how: str, future: bool) -> Resolved:
    """"the weekend": the one just past (or, in future tense, the coming one); ISO weeks end on
    Sunday, so a weekend belongs to the week of its Saturday."""
    day = base.as_date()
    if day is None:
        return Resolved("DATE", f"{_unknown('W', 'week', base.year)}-WE", mod, how)
    if step > 0 or (step == 0 and future):
        sat = weekday_near(day - dt.timedelta(days=1), 6, +1)
        sat += dt.timedelta(days=7 * max(0, step - 1))
    else:
        sat = weekday_near(day, 6, -1) - dt.timedelta(days=7 * max(0, -step - 1))
        if step < 0 and day.isoweekday() >= 6:
            sat -= dt.timedelta(days=7)  # "last weekend", said during a weekend
    w = coarsen(Point(sat.year, sat.month, sat.day, DAY), WEEK)
    if w.gran != WEEK or not isinstance(w.part, int):
        return Resolved("DATE", f"{_unknown('W', 'week', base.year)}-WE", mod, how)
    return Resolved("DATE", f"{fmt(w)}-WE", mod, how, w)


def norm_ago(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"a year ago", "two days later", "three weeks earlier", "ten years before"."""
    g = c.groups
    n = parse_number(g["num"])
    unit = unit_key(g["unit"])
    direction = _norm(g["dir"])
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "prior") else 1
    if direction in ("ago", "from now", "hence"):
        base, how = state.dct, DCT
        ref = state.ref
        if unit == "year" and ref is not None and ref.gran == QUARTER and state.ref_recent(
                c.start, 5):
            base, how = ref, CONTEXT  # earnings prose: "a year ago" = that quarter, last year
    else:
        base, how = state.anchor_point()
        if base is not None and base.gran == YEAR and not state.ref_year_text and state.dct:
            base, how = state.dct, DCT  # "last year ... a year earlier": compare with now
    if n is None or n != int(n) or unit not in _SHIFT:
        word = "PAST_REF" if sign < 0 else "FUTURE_REF"
        if unit in ("hour", "minute", "second") and base is not None and base.gran == DAY:
            return Resolved("DATE", fmt(base), c.mod, how, base)
        return Resolved("DATE", word, c.mod, how if n is None and base is not None else NONE)
    step_unit, mult = _SHIFT[unit]
    if base is None or base.year is None:
        return Resolved("DATE", _unknown(step_unit, unit), c.mod, NONE)
    point = shift(base, sign * int(n) * mult, step_unit)
    if how == CONTEXT and step_unit in ("Y", "M") and base.gran in (MONTH, DAY) and \
            _GRAN[step_unit] != base.gran:
        # "March 3, 2014 ... a year later" is March 3, 2015: keep the story's precision
        moved = shift(Point(base.year, base.month, gran=MONTH), sign * int(n) * mult *
                      (12 if step_unit == "Y" else 1), "M")
        day = base.day if base.gran == DAY else None
        if day is not None and not valid_day(moved.year or 2000, moved.month or 1, day):
            day = 28
        point = Point(moved.year, moved.month, day, DAY if day else MONTH)
    if base.gran == QUARTER:  # "a year ago" in earnings prose: a comparison, not a new date
        return Resolved("DATE", fmt(point), c.mod, how)
    return Resolved("DATE", fmt(point), c.mod, how, point)


def norm_duration(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"three days", "the past two years", "10-day", "a few weeks", "several months"."""
    g = c.groups
    if not g.get("unit"):  # "a while", "some time"
        return Resolved("DURATION", "PXX", c.mod, EXPLICIT)
    unit = unit_key(g["unit"])
    if unit not in _DUR:
        return None
    num_word = _norm(g.get("num"))
    if g.get("half") and g.get("num"):  # "a minute and a half"
        num_word = f"{num_word} and a half"
    if unit == "quarter" and len(num_word) == 4 and num_word.isdigit():
        # "the 1988 quarter": the story's quarter, in that year
        ref = state.ref
        part = ref.part if ref is not None and ref.gran == QUARTER else "X"
        return Resolved("DATE", f"{num_word}-Q{part}", c.mod, CONTEXT)
    n = parse_number(num_word) if g.get("num") else None
    if g.get("num") and n is None and _norm(g.get("num")) not in NUMBERS:
        return None
    if unit == "quarter" and "-quarters" in state.text[c.start:c.end]:
        return None  # "three-quarters (of)" is a fraction
    if unit == "second" and num_word in ("a", "an", "one") and not g.get("pl"):
        return None  # "a second round" is an ordinal
    if g.get("one"):  # "day-long", "year-long"
        n = 1
    elif g.get("vague") is None and not g.get("num") and not g.get("pl") \
            and not g["unit"].endswith("s"):
        return None
    if num_word == "one" and unit == "day" and state.text[c.start:c.end].lower() == "one day" \
            and _MODAL_BEFORE.search(state.text, max(0, c.start - 12), c.start) \
            and _VERB_AFTER.match(state.text, c.end):
        return Resolved("DATE", "FUTURE_REF", c.mod, DCT if state.dct else NONE)
    if num_word in ("a", "an") and not g.get("det") and not g.get("dir"):
        before = state.text[max(0, c.start - 30):c.start]
        if _MONEY_BEFORE.search(before):  # "$40 a day", "twice a year": a rate, not a span
            return Resolved("SET", duration_value(1, unit), None, EXPLICIT)
    return Resolved("DURATION", duration_value(n, unit), c.mod, EXPLICIT)


_ADVERB_SET = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
               "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
               "biweekly": "P2W", "biannually": "P6M", "semiannually": "P6M"}


def norm_set(c: Candidate, state: State, year_hint: int | None) -> Resolved | None:
    """"daily", "every week", "each year", "twice a month", "every two years"."""
    g = c.groups
    if g.get("adv"):
        return Resolved("SET", _ADVERB_SET[g["adv"].lower()], c.mod, EXPLICIT)
    unit = unit_key(g["unit"])
    if unit not in _DUR:
        return None
    n = parse_number(g["num"]) if g.get("num") else 1
    if g.get("other"):
        n = 2
    return Resolved("SET", duration_value(n, unit), c.mod, EXPLICIT)
