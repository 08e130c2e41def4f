"""Sentence context for anchoring: where sentences start, and the tense a sentence is in.

Tense is read from cue words, not a parser: future markers ("will", "is to", "plans to",
"scheduled", "invited ... to visit") beat past ones, because news sentences that report a plan
usually also carry a past reporting verb ("said").  "As (previously) planned" is no plan
ahead: it tells that something went the way it was meant to; nor is an adjective ("a hastily
planned trip").
"""

from __future__ import annotations

import bisect
import re

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"

# No break after a title or "vs." ("Mr. Bush said", "Roe vs. Wade"): the sentence goes on.
_SENT_BREAK = re.compile(r"(?<=[.!?])(?<!\b(?:Mr|Ms|Dr|St|vs|Jr|Sr|Lt|Mt)\.)"
                         r"(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt|Adm|Maj|Cpl|Sen)\.)"
                         r"['\"”’)]*\s+(?=[A-Z\"“‘'(`])|\n\s*\n")
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|would(?!\s+have\b)|going\s+to|(?:is|are|was|were)\s+(?:to|due\s+to|set\s+to|"
    r"expected\s+to|scheduled\s+to|slated\s+to|planned|scheduled|slated|planning)\b|plans?\s+to|"
    r"(?<!as\s)(?<!previously\s)(?<!originally\s)(?<!ly\s)planned|planning|intends?\s+to|intended\s+to|expects?\s+to|scheduled|upcoming|"
    r"forthcoming|invited\b[^.;]{0,80}?\bto|invitations?\s+to|"
    r"(?<!went\s)(?<!came\s)(?<!flew\s)(?<!traveled\s)(?<!travelled\s)to\s+visit|"
    r"accepted\b[^.;]{0,60}?\binvitation|(?:in\s+)?the\s+coming|could\s+become|"
    r"(?:set|slated|expected)\s+to\s+(?!be\s+[a-z]+ed\b)|"
    r"to\s+be\s+(?:held|signed|opened|launched|completed)|hopes?\s+to|aims?\s+to|"
    r"(?:agree(?:s|d|ments?)?|decided|pledged|promised|vowed)\s+to\s+(?!be\b|have\b)[a-z]+|"
    r"next(?!\s+to\b))\b"
)
# A deadline word right before the date points forward ("payable Jan. 2", "until Tuesday").
_DEADLINE = re.compile(r"\b(?:until|till|payable|effective|expires?|due|deadline|postponed\s+until|"
                       r"by|through|starting|beginning|as\s+soon\s+as|(?:planned|scheduled|slated|"
                       r"expected|due)\s+(?:for|on)|set\s+for|(?:extended|postponed|"
                       r"delayed|deferred|adjourned|moved|pushed\s+back|put\s+off)\s+(?:[\w,]+\s+)"
                       r"{0,3}?to)\s+(?:(?:the\s+)?(?:early|mid|late|end\s+of)[\s-]+)?\Z")
# A past perfect before a deadline ("had been due to expire Friday") puts it in the past.
_PERFECT = re.compile(r"\bhad\b(?![^.;]*\b(?:will|would|'ll)\b)(?:[^.;,]|,\d){0,80}\Z")
# ... and so does one before a plan ("had been scheduled to expire at midnight Friday").
_PLANNED_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:scheduled|planned|due|expected|set|slated|"
                             r"intended|hoped|agreed|promised|planning)\b(?:[^.;,]|,\d){0,80}\Z")
# "-ed" after "be"/"being" is a passive ("will be named"), not a past tense.
_PAST = re.compile(
    r"(?<!\bbe\s)(?<!being\s)"
    r"\b(?:was|were|had|did|ago|last|earlier|previously|former|been|"
    r"(?!(?:need|indeed|speed|feed|seed|red|bed|hundred|wed|bred|shed|unspecified)\b)[a-z]{2,}ed|"
    r"said|told|met|went|came|took|made|held|began|saw|gave|left|sent|won|lost|paid|sold|"
    r"bought|spent|signed|agreed|visited|arrived|brought|thought|fell|rose|got|led|became|"
    r"knew|grew|chose|struck|wrote|spoke|ran|sought|fought|built|felt|kept|meant|found|"
    r"stood|flew|drove|broke|threw|wore|hid|shot|fled|quit|swore|forgot|sat)\b"
)
# "since March" is behind us whatever the verb.
_SINCE = re.compile(r"\b(?:since|ago|as\s+of)\s+(?:(?:early|mid|late)[\s-]+)?\Z")


class Sentences:
    """Lazily computed sentence spans of one text, with a tense per sentence."""

    __slots__ = ("_cache", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._cache: dict[int, str] = {}

    def _bounds(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _SENT_BREAK.finditer(self.text)]
        i = bisect.bisect_right(self._starts, pos) - 1
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return self._starts[i], end

    def start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts."""
        return self._bounds(pos)[0]

    def index(self, pos: int) -> int:
        """Ordinal of the sentence holding ``pos`` (to measure how far back a reference is)."""
        self._bounds(pos)
        assert self._starts is not None
        return bisect.bisect_right(self._starts, pos) - 1

    def tense(self, start: int, end: int, weekday: bool = False, plain: bool = False) -> str:
        """Tense of the sentence around ``[start, end)``, judged without the expression itself;
        for a ``weekday`` a possessive ("Wednesday's ruling") marks a past event.  ``plain``
        ignores a deadline word before the date ("had bought shares through Sept. 29")."""
        s, e = self._bounds(start)
        key = ((s * 1_000_003 + start) * 2 + weekday) * 2 + plain
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        # Only a window near the expression (long sentences mix tenses); the nearest cue wins.
        lo = max(s, start - 160)
        left = self.text[lo:start]
        right = self.text[end:min(e, end + 100)]
        if not plain and _DEADLINE.search(left) and not self.text.startswith("'s", end):
            result = PAST if _PERFECT.search(left) else FUTURE
            self._cache[key] = result
            return result
        if _SINCE.search(left) or (weekday and self.text.startswith("'s", end)):
            self._cache[key] = PAST  # "since March", "Wednesday's ruling": already happened
            return PAST
        fut = _nearest(_FUTURE, left, right)
        past = _nearest(_PAST, left, right)
        if fut is None and past is None and e - end > 100:
            # "In January, a week after the ... decision, a bombing killed ...": a long
            # fronted phrase pushes the verb past the window; read on to the sentence's end.
            right = self.text[end:min(e, end + 300)]
            fut, past = _nearest(_FUTURE, left, right), _nearest(_PAST, left, right)
        if fut is None and past is None:
            result = PRESENT
        elif past is None or (fut is not None and fut <= past):
            # "had been scheduled to expire at midnight Friday": a plan made in the past
            result = PAST if _PLANNED_BEFORE.search(left) else FUTURE
        else:
            result = PAST
        self._cache[key] = result
        return result


def _nearest(rx: re.Pattern[str], left: str, right: str) -> int | None:
    """Distance in characters from the expression to the closest cue of ``rx``, if any."""
    best: int | None = None
    for m in rx.finditer(left):
        best = len(left) - m.end()
    m = rx.search(right)
    if m is not None and (best is None or m.start() < best):
        best = m.start()
    return best
