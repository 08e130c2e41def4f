"""The resolution state of one document: its creation time, the last date mentioned, and the
rules that place an underspecified date ("in May", "Friday") before or after an anchor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from index.timex.context import FUTURE, PAST, PRESENT, Sentences
from index.timex.dates import DAY, Point, weekday_near

# A context year (from an earlier, explicitly dated sentence) decides the year of "in May"
# only if it was mentioned at most this many sentences back; past that, the DCT rules.
CONTEXT_SENTENCES = 2
CONTEXT_GRAN = "M"
PAST_SLACK = 2

# Anchor labels reported on each Timex.
EXPLICIT, DCT, CONTEXT, NONE = "explicit", "dct", "context", "none"


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a normaliser decided: TIMEX3 type/value/mod, how it was anchored, and the point
    (if any) that later anaphora may refer to."""

    type: str
    value: str
    mod: str | None = None
    anchor: str = EXPLICIT
    point: Point | None = None


class State:
    """Per-document anchoring state, updated in text order."""

    def __init__(self, text: str, dct: Point | None) -> None:
        self.text = text
        self.dct = dct
        self.ref: Point | None = None
        self.ref_sent = -1
        self.ref_year_text = False  # the reference's year came from the text, not the DCT
        self.sents = Sentences(text)

    # --- references -------------------------------------------------------------------
    def remember(self, point: Point, pos: int, year_from_text: bool) -> None:
        if point.year is None:
            return
        self.ref = point
        self.ref_sent = self.sents.index(pos)
        self.ref_year_text = year_from_text

    def ref_recent(self, pos: int, limit: int = CONTEXT_SENTENCES) -> bool:
        return self.ref is not None and self.sents.index(pos) - self.ref_sent <= limit

    def anchor_point(self) -> tuple[Point | None, str]:
        """For anaphora ("the following month"): the last date mentioned, else the DCT."""
        if self.ref is not None:
            return self.ref, CONTEXT
        if self.dct is not None:
            return self.dct, DCT
        return None, NONE

    def tense(self, start: int, end: int, weekday: bool = False) -> str:
        return self.sents.tense(start, end, weekday)

    # --- underspecified dates ---------------------------------------------------------
    def year_for(self, month: int, day: int | None, start: int, end: int) -> tuple[int | None, str]:
        """Year of "May 9" / "in May": the recent narrative year if the story is elsewhere in
        time, else placed before/after the DCT by tense; an unknown year is ``None``."""
        tense = self.tense(start, end)
        ref, dct = self.ref, self.dct
        if ref is not None and ref.year is not None and self.ref_recent(start) and (
                self.ref_year_text or dct is None) and (
                dct is None or (ref.year != dct.year and tense != FUTURE
                and ref.finer_than(CONTEXT_GRAN))):
            # A narrative moving forward ("Dec. 30 ... Jan. 2") crosses into the next year.
            if ref.month is not None and self.ref_year_text and ref.gran == DAY \
                    and month < ref.month - 6:
                return ref.year + 1, CONTEXT
            return ref.year, CONTEXT
        if dct is None or dct.year is None:
            return None, NONE
        if dct.month is None:
            return dct.year, DCT
        here = (month, day or 15)
        now = (dct.month, dct.day or 15)
        if tense == FUTURE and here < now and (dct.month - month) % 12 != 0:
            return dct.year + 1, DCT
        if tense == PAST and here > now and (month - dct.month) % 12 > PAST_SLACK:
            # News reports past events, but "was extended to Nov. 16" (a few weeks on) is not
            # last year's November: only months well after the DCT go back a year.
            return dct.year - 1, DCT
        if tense == PRESENT and abs(month - dct.month) > 6:
            # No tense to go by: the nearer of the two candidate years.
            return dct.year + (1 if month < dct.month else -1), DCT
        return dct.year, DCT

    def weekday(self, wd: int, start: int, end: int, rel: str) -> tuple[Point | None, str]:
        """Resolve a weekday name against the DCT (news) by tense and "last"/"next"."""
        dct = self.dct
        base = dct.as_date() if dct is not None else None
        anchor = DCT
        if rel in ("the previous", "the following", "the next", "that") and self.ref is not None:
            ref_day = self.ref.as_date()
            if ref_day is not None:
                base, anchor = ref_day, CONTEXT
        if base is None:
            return None, NONE
        if rel in ("last", "this past", "past", "the previous"):
            d = weekday_near(base - dt.timedelta(days=1), wd, -1)
        elif rel in ("next", "this coming", "coming", "the following", "the next"):
            d = weekday_near(base, wd, +1)
        elif self.tense(start, end, weekday=True) == FUTURE:
            d = weekday_near(base - dt.timedelta(days=1), wd, +1)
        else:
            d = weekday_near(base, wd, -1)
        return Point(d.year, d.month, d.day, DAY), anchor

    def day_for_time(self, start: int) -> tuple[Point | None, str]:
        """The day a bare clock time ("at 10:35 a.m.") belongs to."""
        if self.ref is not None and self.ref.gran == DAY and self.ref_recent(start, 1):
            return self.ref, CONTEXT
        if self.dct is not None:
            return self.dct, DCT
        return None, NONE
