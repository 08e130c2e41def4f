"""Finding expression extents: run each pattern in small windows around its head words, keep the
longest non-overlapping matches, drop look-alikes, and widen cores by modifiers to their left."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.timex.lexicon import GENERIC_AFTER_TODAY, MODIFIERS, QUANT_MODS, UNIT_RE
from index.timex.patterns import (
    MAY_VERB,
    MOD_BEFORE,
    MONTH_CUE_BEFORE,
    PATTERNS,
    QUANT_BEFORE,
    find_heads,
)

# Kinds whose extent may take a calendar modifier ("early", "the end of") or a quantity
# modifier ("about", "more than") on the left.
_CAL_KINDS = frozenset({"mdy", "dmy", "month", "year", "decade", "century", "season", "quarter",
                        "half", "weekday", "relunit", "deictic", "holiday", "pod",
                        "spoken_year"})
_QUANT_KINDS = frozenset({"duration", "ago", "time", "mdy", "dmy", "year", "set"})
_MONTH_AS_NOUN = re.compile(r"\s+(?:for|of\s+the|on)\s+[A-Z]")
_NOUN_BEFORE = re.compile(r"(?:\bannual\s+|[\"“`']\s*)\Z")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_SPACE = re.compile(r"\s+")
# "over three years" reads as "during", not "more than": in both halves of TBAQ "over" before a
# count is left out of the extent; "over a week" is "more than a week" and keeps it.
_NOT_QUANT = frozenset({"over"})
_ONE_UNIT = re.compile(r"(?i:an?)\s+(?i:" + UNIT_RE + r")\b")
_POSSESSED = re.compile(r"['’]s\s+([a-z-]+)(?:\s+([a-z]+))?")
_HYPHEN_UNIT = re.compile(r"\w-(?:quarter|second|minute|hour|day|week|month|year|decade)\b")
# Ties on length go to the kind listed first.
_PRIORITY = {k: i for i, k in enumerate((
    "weekof", "yperiod", "dayfrom", "yearhedge", "periodcode", "time", "iso", "mdy", "dmy",
    "dmy_num", "mdy_num", "quarter", "half", "ago", "pod", "relunit", "month", "weekday",
    "holiday", "season", "decade", "century", "year", "spoken_year", "set", "deictic",
    "duration"))}


@dataclass(slots=True)
class Candidate:
    """A matched extent with its pattern kind and named groups (``None`` for unmatched)."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]
    mod: str | None = None


def _mod_value(word: str) -> str | None:
    w = " ".join(word.lower().replace("-", " ").split())
    if w in MODIFIERS:
        return MODIFIERS[w]
    if w in QUANT_MODS:
        return QUANT_MODS[w]
    for key, val in (("early", "START"), ("late", "END"), ("mid", "MID")):
        if w.endswith(key):
            return val
    return None


def _keep(text: str, c: Candidate) -> bool:
    """Reject matches that look like dates but are not (modal "May", lone weak words)."""
    g = c.groups
    if c.kind == "month" and not g.get("year") and not g.get("rel") and not g.get("ry"):
        word = text[c.start:c.end]
        before = text[max(0, c.start - 24):c.start]
        if _MONTH_AS_NOUN.match(text, c.end) or _NOUN_BEFORE.search(before):
            return False  # "the March for Life", "the annual March", "Jan Kavan"
        if word == "May" or (word.upper() == word and len(word) > 3):
            # "May" is a month only with a cue ("in May", "May 2014"), never before a verb.
            if not MONTH_CUE_BEFORE.search(before) or (MAY_VERB.match(text, c.end) and \
                    not text.startswith((" and", " or", " to", " through"), c.end)):
                return False
        elif word.endswith(".") or word in ("Jan", "Mar", "Sep", "Dec", "Jun", "Jul", "Apr",
                                            "Aug", "Oct", "Nov", "Feb", "Sept"):
            return bool(MONTH_CUE_BEFORE.search(before)) and not _NAME_AFTER.match(text, c.end)
    if c.kind == "deictic" and (g.get("w") or "").lower() == "today":
        m = _POSSESSED.match(text, c.end)
        return m is None or not GENERIC_AFTER_TODAY.intersection(m.groups())
    if c.kind == "season":
        season = (g.get("season") or "").lower()
        if season in ("fall", "spring") and not g.get("rel") and not g.get("year"):
            return False
        if g.get("rel") and g["rel"].lower() in ("early", "late") and not g.get("year"):
            # "early spring" is fine; "late fall" too - but only as a phrase in its own right
            return season not in ("fall", "spring")
    return True


def find(text: str) -> list[Candidate]:
    """All timex extents of ``text``: longest first, then leftmost, non-overlapping, in order."""
    heads = find_heads(text)
    if not heads:
        return []
    found: list[Candidate] = []
    n = len(text)
    for pat in PATTERNS:
        starts = [p for h in pat.heads for p in heads.get(h, ())]
        if not starts:
            continue
        if len(pat.heads) > 1:
            starts.sort()
        for lo, hi in _windows(starts, pat.left, pat.right, n):
            for m in pat.rx.finditer(text, lo, hi):
                if m.end() > m.start():
                    found.append(Candidate(m.start(), m.end(), pat.kind, m.groupdict()))
    found.sort(key=lambda c: (c.start - c.end, c.start, _PRIORITY[c.kind]))
    taken: list[Candidate] = []
    used = bytearray(len(text) + 1)
    for c in found:
        if any(used[c.start:c.end]) or not _keep(text, c):
            continue
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    prev_end = 0
    for c in taken:
        if c.kind in ("quarter", "duration") and c.groups.get("det") and not c.groups.get("dir") \
                and (_HYPHEN_UNIT.search(text, c.start, c.end) or _adjectival(c)):
            # TimeML leaves the determiner out of adjectival "the third-quarter (profit)" and
            # "the two day (meeting)" (a count over one with a singular unit, unhyphenated).
            gap = _SPACE.search(text, c.start, c.end)
            if gap is not None:
                c.start = gap.end()
            c.groups["det"] = None
        _widen(text, c, prev_end)
        prev_end = c.end
    return taken


def _adjectival(c: Candidate) -> bool:
    """"the two day (visit)": a plural count on a singular unit is a modifier, not a span."""
    g = c.groups
    num = (g.get("num") or "").lower()
    return c.kind == "duration" and bool(num) and not g.get("pl") and not g.get("half") \
        and num not in ("a", "an", "one", "1") and not (g.get("unit") or "").endswith("s")


def _windows(starts: list[int], left: int, right: int, n: int) -> list[tuple[int, int]]:
    """Merged [head - left, head + right (+ a word)) windows over sorted head positions."""
    out: list[tuple[int, int]] = []
    right += 16  # heads are recorded by start; allow for the head word itself
    lo, hi = max(0, starts[0] - left), min(n, starts[0] + right)
    for p in starts[1:]:
        a = p - left
        if a <= hi:
            hi = min(n, p + right)
        else:
            out.append((lo, hi))
            lo, hi = max(0, a), min(n, p + right)
    out.append((lo, hi))
    return out


def _widen(text: str, c: Candidate, floor: int) -> None:
    """Pull "early"/"mid-"/"the end of" or "about"/"more than" into the extent."""
    lo = max(floor, c.start - 24)
    window = text[lo:c.start]
    if not window:
        return
    m = MOD_BEFORE.search(window) if c.kind in _CAL_KINDS else None
    if m is None and c.kind in _QUANT_KINDS and not text.startswith(("the ", "The "), c.start):
        m = QUANT_BEFORE.search(window)
    if m is None and c.kind == "mdy":
        m = MOD_BEFORE.search(window)
    if m is None:
        return
    mod = _mod_value(m.group("m"))
    if mod is None or (" ".join(m.group("m").lower().split()) in _NOT_QUANT
                       and not _ONE_UNIT.match(text, c.start)):
        return
    c.start = lo + m.start("m")
    c.mod = mod
