"""``tag()``: find the expressions of a text, then value them in reading order so anaphora
("the following month") see the dates mentioned before them."""

from __future__ import annotations

import re
from collections.abc import Callable

from index.timex import normalize as nz
from index.timex import phrases as ph
from index.timex import relative as rl
from index.timex.anchoring import CONTEXT, EXPLICIT, NONE, Resolved, State
from index.timex.dates import parse_dct
from index.timex.extract import Candidate, find
from index.timex.model import Timex

Normaliser = Callable[[Candidate, State, "int | None"], "Resolved | None"]

_NORMALISERS: dict[str, Normaliser] = {
    "mdy": nz.norm_date, "dmy": nz.norm_date, "iso": nz.norm_date, "dmy_num": nz.norm_date,
    "mdy_num": nz.norm_date, "month": nz.norm_month, "year": nz.norm_year,
    "spoken_year": nz.norm_spoken_year,
    "decade": nz.norm_decade, "century": nz.norm_century, "season": nz.norm_season,
    "quarter": nz.norm_quarter, "half": nz.norm_half, "weekday": nz.norm_weekday,
    "holiday": ph.norm_holiday, "time": nz.norm_time, "pod": nz.norm_pod,
    "deictic": rl.norm_deictic, "relunit": rl.norm_relunit, "ago": rl.norm_ago,
    "duration": rl.norm_duration, "set": rl.norm_set, "weekof": ph.norm_week_of,
    "yperiod": ph.norm_year_period,
    "dayfrom": ph.norm_day_from,
    "yearhedge": ph.norm_year_hedge,
    "periodcode": ph.norm_period_code,
}  # fmt: skip

# What may stand between the two halves of a coordinated pair ("May and July", "2014–2015").
_JOIN = re.compile(r"\s*(?:-|–|—|and|or|to|through|until|till|,)\s*\Z")
_YEARLESS = frozenset({"mdy", "dmy", "month", "season", "holiday"})
_DATED = frozenset({"mdy", "dmy", "month", "season", "year", "quarter"})


# "the Dec. 21, 1988, bombing", "the August 1988 cease-fire": a date used as a modifier names
# background, not the time the story has moved to, so its year does not date later months.
_DET_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|[A-Z][a-z]+'s)\s+\Z")
_NOUN_AFTER = re.compile(
    r",?\s+(?!(?:and|or|to|in|on|at|of|for|from|when|after|before|until|through|with|by|as|but|"
    r"the|a|an|was|were|is|are|had|has|have|that|which|who|it|he|she|they)\b)[a-z][a-z-]+\b")


def _attributive(text: str, start: int, end: int) -> bool:
    return _DET_BEFORE.search(text, max(0, start - 12), start) is not None and \
        _NOUN_AFTER.match(text, end) is not None


def _year_hints(text: str, cands: list[Candidate]) -> list[int | None]:
    """"September and October 2014": the year written on the second half dates the first."""
    hints: list[int | None] = [None] * len(cands)
    for i in range(len(cands) - 2, -1, -1):
        a, b = cands[i], cands[i + 1]
        if a.kind not in _YEARLESS or a.groups.get("year") or a.groups.get("rel"):
            continue
        if not _JOIN.match(text, a.end, b.start) and not _JOIN.fullmatch(text[a.end:b.start]):
            continue
        year = b.groups.get("year") if b.kind in _DATED else None
        hint = int(year) if year and len(year) == 4 else hints[i + 1]
        if hint is not None:
            hints[i] = hint
    return hints


def tag(text: str, dct: str | None = None) -> list[Timex]:
    """All time expressions of ``text``, sorted by start and non-overlapping.

    ``dct`` is the document creation time ("YYYY-MM-DD", "YYYY-MM", "YYYY") or None; relative
    expressions resolve only as far as it allows, and never against the system clock.
    """
    if not text:
        return []
    cands = find(text)
    state = State(text, parse_dct(dct))
    hints = _year_hints(text, cands)
    out: list[Timex] = []
    kinds: list[str] = []
    for cand, hint in zip(cands, hints, strict=True):
        same = _appositive_day(text, cand, out)
        if same is not None:
            out.append(same)
            kinds.append(cand.kind)
            continue
        res = _NORMALISERS[cand.kind](cand, state, hint)
        if res is None:
            continue
        if res.point is not None and res.type in ("DATE", "TIME") and res.anchor != NONE:
            state.remember(res.point, cand.start, res.anchor in (EXPLICIT, CONTEXT)
                           and not _attributive(text, cand.start, cand.end))
        pair = _day_pair(text, cand, res)
        out.extend(pair)
        kinds.extend([cand.kind] * len(pair))
    return _link_ranges(text, out, kinds)


# "Oct. 12, the day before the plunge": "the day" restates the date before it, and "before
# the plunge" places that day against an event; "the day before" alone is the previous day.
_THE_DAY = re.compile(r"(?i:the\s+day)(?=\s+(?:before|after)\s+[a-z])")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d\Z")


def _appositive_day(text: str, cand: Candidate, out: list[Timex]) -> Timex | None:
    """"the day" of "<date>, the day before <event>", valued as that date; else None."""
    if cand.kind != "relunit" or not out or text[out[-1].end:cand.start] != ", ":
        return None
    m = _THE_DAY.match(text, cand.start, cand.end + 3)
    prev = out[-1]
    if m is None or m.end() > cand.end or not _DAY_VALUE.match(prev.value):
        return None
    return Timex(cand.start, m.end(), m.group(), "DATE", prev.value, None, prev.anchor)


# "April 24 and 25": the join between the two days of a coordinated pair.
_DAY_AND = re.compile(r"\d(?:st|nd|rd|th)?(\s+and\s+)\d")


def _day_pair(text: str, cand: Candidate, res: Resolved) -> list[Timex]:
    """One Timex, or two for "April 24 and 25": TimeML marks each day of a pair joined by
    "and" on its own ("April 28-30" stays one span); both halves carry the whole as range."""
    span = text[cand.start:cand.end]
    m = _DAY_AND.search(span) if cand.kind in ("mdy", "dmy") and cand.groups.get("day2") \
        and res.type == "DATE" and "/" in res.value else None
    if m is None:
        return [Timex(cand.start, cand.end, span, res.type, res.value, res.mod, res.anchor)]
    first, second = res.value.split("/")
    cut, resume = cand.start + m.start(1), cand.start + m.end(1)
    return [Timex(cand.start, cut, text[cand.start:cut], res.type, first, res.mod, res.anchor,
                  res.value),
            Timex(resume, cand.end, text[resume:cand.end], res.type, second, res.mod,
                  res.anchor, res.value)]


def _link_ranges(text: str, out: list[Timex], kinds: list[str]) -> list[Timex]:
    """Give both halves of "September and October" / "2014–2015" the value of the whole."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.type != "DATE" or b.type != "DATE" or kinds[i] not in _DATED | _YEARLESS:
            continue
        if kinds[i + 1] not in _DATED | _YEARLESS or "/" in a.value or "/" in b.value:
            continue
        gap = text[a.end:b.start]
        if not _JOIN.fullmatch(gap) or "," in gap or not a.value[:1].isdigit() \
                or not b.value[:1].isdigit() or a.value >= b.value:
            continue
        whole = f"{a.value}/{b.value}"
        out[i] = _with_range(a, whole)
        out[i + 1] = _with_range(b, whole)
    return out


def _with_range(t: Timex, whole: str) -> Timex:
    return Timex(t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, whole)
