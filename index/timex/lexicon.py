"""Word tables and regex fragments shared by the time-expression patterns.

Everything here is plain data (dicts and regex *source* strings); compiling happens once, in
``patterns``.  Month and weekday names are matched case-sensitively (``March``/``march``,
``May``/``may``, ``August``/``august`` differ); other words get ``(?i:...)``.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip

# Cardinal words; "a"/"an" mean one, vague quantities map to None (TIMEX3 "X").
NUMBERS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a few": None, "few": None, "several": None, "some": None, "a number of": None,
    "many": None, "dozens of": None, "a dozen": 12, "half a": None,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": 4, "final": 4,
}  # fmt: skip

# unit word -> (TIMEX3 letter, multiplier, needs the "T" time designator)
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "weekend": ("D", 2, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "centurie": ("Y", 100, False), "millennium": ("Y", 1000, False),
}  # fmt: skip

PART_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI",
}  # fmt: skip

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

# (month, day) fixed-date holidays; keys lower-case, matched case-sensitively in the pattern.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Christmas Eve": (12, 24),
    "Christmas Day": (12, 25), "Christmas": (12, 25), "Victory Day": (5, 9),
    "Valentine's Day": (2, 14), "Halloween": (10, 31), "Liberation Day": (8, 15),
    "Day of the Sun": (4, 15), "Victory Day in the Great Fatherland Liberation War": (7, 27),
    "Defender of the Fatherland Day": (2, 23), "Russia Day": (6, 12),
}  # fmt: skip

MODIFIERS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the dawn of": "START", "the first half of": "START", "start of": "START",
    "beginning of": "START", "mid": "MID", "the middle of": "MID", "middle of": "MID",
    "the mid": "MID", "late": "END", "later": "END", "the end of": "END", "end of": "END",
    "the close of": "END", "the second half of": "END", "the latter half of": "END",
    "the latter part of": "END", "the last half of": "END", "year-end": "END",
}  # fmt: skip

# "today's youth", "today's world": the present era in general, not the day of the article
# ("today's editions", "today's vote" name that day and stay).
GENERIC_AFTER_TODAY: frozenset[str] = frozenset({
    "world", "youth", "young", "generation", "generations", "society", "societies", "children",
    "kids", "teenagers", "students", "people", "families", "consumers", "computers",
    "technology", "technologies", "standards", "culture", "economy", "climate", "age", "era",
})

QUANT_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "more than": "MORE_THAN",
    "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "just over": "MORE_THAN",
    "just under": "LESS_THAN", "well over": "MORE_THAN", "some more than": "MORE_THAN",
}  # fmt: skip


def alt(words: list[str] | tuple[str, ...] | dict[str, object]) -> str:
    """Regex alternation of literal words, longest first so prefixes never shadow."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(w.replace(".", r"\.").replace(" ", r"\s+") for w in items)


def _cap(word: str) -> str:
    return word[0].upper() + word[1:]


# Case-sensitive names: Title case, plus ALL CAPS for headlines.
_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec"]
MONTH_RE = (
    r"(?:"
    + "|".join(sorted({_cap(m) for m in _MONTH_FULL} | {m.upper() for m in _MONTH_FULL},
                      key=len, reverse=True))
    + r"|(?:" + "|".join(sorted({_cap(m) for m in _MONTH_ABBR} | {"Jun", "Jul"},
                                key=len, reverse=True))
    + r")(?:\.|\b))"
)
WEEKDAY_RE = (
    r"(?:" + "|".join(_cap(d) for d in WEEKDAYS) + "|" + "|".join(d.upper() for d in WEEKDAYS)
    + r")"
)
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%.,]\d|%|\d)"
# Bare four-digit years: 1900-2099 (wider ranges only appear with more context).
YEAR_RE = r"(?:19\d\d|20\d\d)"
YEAR_ANY_RE = r"(?:1[0-9]\d\d|20\d\d)"
SEASON_RE = alt(SEASONS)
NUM_WORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|" + alt([k for k in NUMBERS if k not in ("a", "an")]) + r")"
)
NUMBER_RE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+1/2)?|"
    r"(?i:" + NUM_WORD_RE + r"(?:\s+and\s+a\s+half)?|an?(?=[\s-]))|(?i:an?\s+half))"
)
UNIT_RE = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|" \
          r"centur(?:y|ies)|millenni(?:um|a))"
