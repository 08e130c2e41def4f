"""The resolution state of one document: its creation time, the last date mentioned, and the
rules that place an underspecified date ("in May", "Friday") before or after an anchor."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from index.timex.context import FUTURE, PAST, PRESENT, Sentences
from index.timex.dates import DAY, YEAR, Point, weekday_near

# A context year (from an earlier, explicitly dated sentence) decides the year of "in May"
# only if it was mentioned at most this many sentences back; past that, the DCT rules.
CONTEXT_SENTENCES = 2
CONTEXT_GRAN = "M"
PAST_SLACK = 2
TOPIC_SENTENCES = 4
_TOPIC_LEAD = re.compile(r"(?:In|During|Throughout|By)\s+(?:(?:early|late|mid)[\s-]+)?")

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
        self.day_ref: Point | None = None  # the last day the text named
        self.sents = Sentences(text)
        # A paragraph's topic year: "In 2014, Moscow moved ... In April, it sent ..."
        self.topic_year: int | None = None
        self.topic_pos = -1

    # --- references -------------------------------------------------------------------
    def remember(self, point: Point, pos: int, year_from_text: bool) -> None:
        if point.year is None:
            return
        self.ref = point
        if point.gran == DAY:
            self.day_ref = point
        self.ref_sent = self.sents.index(pos)
        self.ref_year_text = year_from_text
        if point.gran == YEAR and year_from_text and _TOPIC_LEAD.fullmatch(
                self.text, self.sents.start(pos), pos):
            self.topic_year, self.topic_pos = point.year, pos
        elif point.year != self.topic_year:
            self.topic_year = None

    def topic(self, pos: int) -> int | None:
        """The year a paragraph opened with ("In 2014, ..."), if still in that paragraph."""
        if self.topic_year is None or "\n" in self.text[self.topic_pos:pos] or \
                self.sents.index(pos) - self.sents.index(self.topic_pos) > TOPIC_SENTENCES:
            return None
        return self.topic_year

    def ref_recent(self, pos: int, limit: int = CONTEXT_SENTENCES) -> bool:
        return self.ref is not None and self.sents.index(pos) - self.ref_sent <= limit

    def anchor_point(self) -> tuple[Point | None, str]:
        """For anaphora ("the following month"): the last date mentioned, else the DCT."""
        if self.ref is not None:
            return self.ref, CONTEXT
        if self.dct is not None:
            return self.dct, DCT
        return None, NONE

    def day_anchor(self) -> tuple[Point | None, str]:
        """For "the previous day", "the next day": the last day the text named (a month in
        between, "since August", names no day to count from), else the DCT."""
        if self.day_ref is not None:
            return self.day_ref, CONTEXT
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
        topic = self.topic(start) if tense == PAST else None
        if topic is not None and (dct is None or dct.year is None or topic < dct.year):
            return topic, CONTEXT  # past narration under a paragraph's "In 2014, ..."
        if dct is None or dct.year is None:
            return None, NONE
        if dct.month is None:
            return dct.year, DCT
        here = (month, day or 15)
        now = (dct.month, dct.day or 15)
        if tense == FUTURE and here < now and (dct.month - month) % 12 != 0:
            if dct.month - month <= PAST_SLACK and self.sents.tense(start, end, plain=True) == PAST:
                return dct.year, DCT  # "had bought shares through Sept. 29": just behind us
            return dct.year + 1, DCT
        # A month-only DCT gives no slack: "In April, Moscow sent ..." in a March article.
        slack = PAST_SLACK if dct.day is not None else 0
        if tense == PAST and here > now and (month - dct.month) % 12 > slack:
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
