"""Compiled candidate patterns, one per expression kind, built once at import.

Each pattern finds the *core* extent of one kind of expression; ``extract`` resolves overlaps
(longest wins) and widens cores by modifiers ("early", "about") found just before them.
Leading prepositions ("in", "on", "since") are never part of an extent, as in TimeML.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from index.timex.lexicon import (
    DAY_RE,
    DECADE_WORDS,
    HOLIDAYS,
    MODIFIERS,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    QUANT_MODS,
    SEASON_RE,
    UNIT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_ANY_RE,
    YEAR_RE,
    alt,
)

_B = r"(?<![\w$€£¥#/.])(?<!\d-)(?<!\d–)"  # left boundary: no word char, currency or id prefix
_E = r"(?![\w%]|[.,/-]\d)"  # right boundary: no word char, percent sign, or more digits
_DASH = r"\s*(?:-|–|—|to|through|until|till|and)\s*"
_TZ = (r"(?:[ECMP][SD]?T|GMT|UTC|KST|MSK|(?:local|Moscow|Pyongyang|Seoul|Beijing|Tokyo|"
       r"(?:Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight))?)\s+[Tt]ime)")
# "4 in the morning", "11 at night": the part of the day says a.m. or p.m.
# ... but not "5 in the morning session", where the part of the day modifies a noun.
_IN_POD = (r"(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b(?!\s+(?!(?:and|or|to|of|"
           r"on|in|at|when|with|by|for|from|after|before|until|local|time|that|the|a)\b)[a-z])")
_DAYWORD = r"(?i:today|yesterday|tomorrow|tonight)"
_YEAR = _B + YEAR_RE + _E
_Q = r"(?i:" + alt(QUANT_MODS) + r")"

# Spoken years in transcripts: "nineteen ninety-six", "two thousand and one".
_SPOKEN_YEAR = (
    r"(?i:nineteen|eighteen|twenty)[\s-]"
    r"(?:(?i:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?i:one|two|three|four|five|six|seven|eight|nine))?|"
    r"(?i:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"oh[\s-](?:one|two|three|four|five|six|seven|eight|nine)))|"
    r"(?i:two\s+thousand)(?:\s+(?:and\s+)?"
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?")
_NOT_COUNTED = r"\b(?!-\w)(?![\s-]+(?:" + UNIT_RE + r"s?|percent|people|dollars|of)\b)"

# A year is not a year when followed by a counted noun ("2000 troops", "1500 tons").
_COUNT_NOUN = (
    r"(?!\s+(?:people|persons|troops|soldiers|workers|students|tons|tonnes|kilometers|km|miles|"
    r"meters|metres|units|kits|times|dollars|rubles|roubles|won|yuan|euros|barrels|pieces|cars|"
    r"vehicles|sheep|cattle|heads|copies|acres|hectares|feet|pounds|kg|kilograms|shares|jobs|"
    r"points|votes|seats|members|residents|refugees|cases|deaths|children|families|homes|"
    r"houses|rounds|missiles|tanks|aircraft|planes|ships|containers|items|MW|kW|m)\b)"
)
# ... nor when it names a resolution, flight, page, room etc.
_NOT_ID = r"(?<!Resolution\s)(?<!resolution\s)(?<!No\.\s)(?<!Flight\s)(?<!flight\s)" \
          r"(?<!Room\s)(?<!page\s)(?<!Page\s)(?<!Route\s)(?<!Article\s)(?<!Highway\s)"


class Pattern(NamedTuple):
    """One candidate pattern, run only near its head words (see ``HEADS``): from ``left``
    characters before a head to ``right`` characters after it."""

    kind: str
    rx: re.Pattern[str]
    heads: tuple[str, ...]
    left: int
    right: int


PATTERNS: list[Pattern] = []
# Years before 1900 only right after a preposition ("in 1898"); bare 18xx are mostly counts.
_OLD_YEAR = r"|(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\buntil\s))1[5-8]\d\d"


def _add(kind: str, heads: str, left: int, right: int, source: str) -> None:
    PATTERNS.append(Pattern(kind, re.compile(source), tuple(heads.split()), left, right))


# Every expression contains at least one "head" word; scanning for heads once and running each
# pattern only in small windows around its heads is what makes the tagger fast.
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_HEAD_WORDS: dict[str, tuple[str, ...]] = {}
_HEAD_CASED: dict[str, tuple[str, ...]] = {}


def _heads(table: dict[str, tuple[str, ...]], cls: str, words: str) -> None:
    for w in words.split():
        table[w] = (*table.get(w, ()), cls)


_heads(_HEAD_WORDS, "UNIT", "second seconds minute minutes hour hours day days night nights week "
       "weeks weekend weekends fortnight fortnights month months quarter quarters year years "
       "decade decades century centuries millennium millennia period")
_heads(_HEAD_WORDS, "DEI", "today yesterday tomorrow tonight overnight now currently nowadays "
       "these present presently recently lately recent current future past term date possible "
       "morning afternoon evening night noon midnight midday while time")
_heads(_HEAD_WORDS, "SEASON", "spring summer autumn fall winter")
_heads(_HEAD_WORDS, "SPOKEN", "nineteen eighteen twenty thousand")
_heads(_HEAD_WORDS, "DEC", "twenties thirties forties fifties sixties seventies eighties nineties")
_heads(_HEAD_WORDS, "Q", "half")
_heads(_HEAD_WORDS, "SET", "daily weekly monthly annually yearly hourly nightly biweekly "
       "biannually semiannually every each per once twice thrice times")
_heads(_HEAD_CASED, "MON", " ".join(
    f"{m.title()} {m.upper()}" for m in MONTHS))
_heads(_HEAD_CASED, "WD", " ".join(f"{d.title()} {d.upper()} {d.title()}s" for d in WEEKDAYS))
_heads(_HEAD_CASED, "HOL", "Day Christmas Thanksgiving Easter Halloween Eve")
_heads(_HEAD_CASED, "Q", "Q")


def find_heads(text: str) -> dict[str, list[int]]:
    """Start offsets of head words by class ("D" digits, "MON" months, "UNIT", ...)."""
    out: dict[str, list[int]] = {}
    words, cased = _HEAD_WORDS, _HEAD_CASED
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit():
            out.setdefault("D", []).append(m.start())
            continue
        classes = words.get(tok.lower(), ()) + cased.get(tok, ())
        for cls in classes:
            out.setdefault(cls, []).append(m.start())
    return out


# --- clock times: "10:35 a.m.", "5 p.m. EST Nov. 9", "noon Saturday", "midnight Friday"
_add("time", "D DEI", 10, 45,
     _B + r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b)"
     r"|(?P<h2>[01]?\d|2[0-3])[:.](?P<mi2>[0-5]\d)(?![\d%]|[:.,]\d)(?:\s*(?P<hrs>h|hrs|hours)\b)?"
     r"|(?<!high\s)(?<!High\s)(?P<noon>(?i:noon|midnight|midday))"
     r"|(?P<h3>[01]?\d|2[0-3])\s+o'clock(?:\s+(?P<ip>" + _IN_POD + r"))?"
     r"|(?P<h4>1[0-2]|0?[1-9])\s+(?P<ip2>" + _IN_POD + r")"
     # wire style "at 0835 GMT", but not "10:35 a.m. (0735 GMT)", the same time restated
     r"|(?<!\()(?P<h5>[01]\d|2[0-3])(?P<mi5>[0-5]\d)(?=\s+(?:GMT|UTC)\b))"
     r"(?:\s+(?P<tz>" + _TZ + r"))?"
     r"(?:,?\s+(?P<wd>" + WEEKDAY_RE + r")|,?\s+(?P<dw>" + _DAYWORD + r")"
     r"|,?\s+(?P<mon>" + MONTH_RE + r")\s+(?P<day>" + DAY_RE + r"))?" + r"(?![\w])")
# --- part of day: "Friday morning", "yesterday afternoon", "this evening", "last night"
_add("pod", "WD DEI UNIT", 30, 20,
     r"\b(?:(?P<wd>" + WEEKDAY_RE + r")|(?P<dw>(?i:today|yesterday|tomorrow))"
     r"|(?P<det>(?i:this|last|that|the\s+(?:next|following|previous|same)|the(?!\s+night))))"
     r"\s+(?P<pod>(?i:morning|afternoon|evening|night))(?P<pl>s)?\b")
_add("pod", "DEI", 8, 30,
     r"\b(?:(?P<mid>(?i:mid))[\s-]?)?(?P<pod>(?i:morning|afternoon|evening|night))\s+(?:of\s+)?"
     r"(?:(?P<wd>" + WEEKDAY_RE + r")|(?P<dw>(?i:today|yesterday|tomorrow)))\b"
     r"(?!,?\s+" + MONTH_RE + r"\s*\d)")  # "the night of Friday, Oct. 23": the date wins
_add("pod", "DEI", 8, 2, r"\b(?P<mid>(?i:mid))[\s-]?(?P<pod>(?i:morning|afternoon))\b")
_add("pod", "DEI", 2, 2, r"\b(?P<pod>(?i:tonight|overnight))\b")
# --- full and partial dates: "Friday, Feb. 18, 2015", "April 28-30", "May 9 and 10, 2014"
_add("mdy", "MON", 30, 30,
     r"\b(?:(?P<wd>" + WEEKDAY_RE + r"),?\s+)?(?P<mon>" + MONTH_RE + r")\s*(?P<day>"
     + DAY_RE + r")(?:" + _DASH + r"(?P<day2>" + DAY_RE
     + r"))?(?:,?\s+(?P<year>" + YEAR_ANY_RE + r")" + _E + r")?(?!\w)")
_add("dmy", "MON", 45, 30,
     r"\b(?:(?P<wd>" + WEEKDAY_RE + r"),?\s+)?(?:the\s+)?(?P<day>" + DAY_RE + r")(?:"
     + _DASH + r"(?P<day2>" + DAY_RE + r"))?\s+(?:of\s+)?(?P<mon>" + MONTH_RE
     + r")(?:,?\s+(?P<year>" + YEAR_ANY_RE + r")" + _E + r")?(?!\w)")
_add("iso", "D", 2, 25,
     _B + r"(?P<year>" + YEAR_ANY_RE + r")(?P<sep>[-/.])(?P<mon>0[1-9]|1[0-2])(?P=sep)"
     r"(?P<day>0[1-9]|[12]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?" + _E)
_add("dmy_num", "D", 2, 12,
     _B + r"(?P<day>0?[1-9]|[12]\d|3[01])\.(?P<mon>0?[1-9]|1[0-2])\.(?P<year>"
     + YEAR_ANY_RE + r")" + _E)
_add("mdy_num", "D", 2, 12, _B + r"(?P<mon>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>"
     + YEAR_ANY_RE + r"|\d\d)" + _E)
# --- months: "May 2014", "February of 2014", "last May", "that April", bare "December"
_add("month", "MON", 25, 50,
     r"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|that|the\s+same|"
     r"each|every))\s+)?(?P<mon>" + MONTH_RE + r")(?:,?\s+(?:of\s+)?(?P<year>" + YEAR_ANY_RE
     + r")" + _E + r"|\s+(?:of\s+)?(?P<sy>" + _SPOKEN_YEAR + r")" + _NOT_COUNTED
     + r"|\s+(?:of\s+)?(?P<ry>(?i:this|last|next|that|the\s+same|the\s+following|"
     r"the\s+next|"
     r"the\s+previous)\s+year))?(?!\w)(?!\.?\s*\d)")
# --- years: "2014", "fiscal 1989", "the year 2000", "2014-2015", "2014-15", "post-1945"
_add("year", "D", 20, 60, _NOT_ID + _B
     + r"(?:(?P<pre>(?i:fiscal|the\s+year|calendar|FY|fiscal\s+year))\s*)?"
     r"(?P<year>" + YEAR_RE + _OLD_YEAR + r")(?:\s*(?:-|–|/)\s*(?P<year2>" + YEAR_RE
     + r"|\d\d))?" + _E + _COUNT_NOUN
     + r"(?!\s*(?:-|–)?\s*(?:year|month|day)s?[\s-]old)")
# --- spoken years (transcripts): "nineteen ninety-six", "two thousand and one"
_add("spoken_year", "SPOKEN", 25, 60,
     r"\b(?:(?i:the\s+year)\s+)?(?P<sy>" + _SPOKEN_YEAR + r")" + _NOT_COUNTED)
# --- decades and centuries: "the 1990s", "the '90s", "the nineties", "the 20th century"
_add("decade", "D DEC", 6, 6,
     r"(?:\b(?P<the>the)\s+)?(?:(?P<dec>1[0-9]\d0|20\d0)'?s|'(?P<dec2>\d0)s|"
     r"(?P<decw>(?i:" + alt(DECADE_WORDS) + r")))\b")
_add("century", "UNIT", 30, 5,
     r"\b(?:(?P<the>the)\s+)?(?:(?P<cn>\d{1,2})(?:st|nd|rd|th)|(?P<cw>(?i:"
     r"nineteenth|twentieth|twenty-first|eighteenth)))[\s-](?i:century)\b")
# --- seasons: "this summer", "the winter of 1994", "last fall", "summer 2014"
_add("season", "SEASON", 18, 45,
     r"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|that|the|past|"
     r"coming|early|late))\s+)?(?P<season>(?i:" + SEASON_RE + r"))(?:\s+(?:of\s+)?(?:(?P<year>"
     + YEAR_RE + r")" + _E + r"|(?P<sy>" + _SPOKEN_YEAR + r")" + _NOT_COUNTED + r"))?\b")
# --- quarters and halves: "the third quarter", "third-quarter", "Q2 2014", "first half of 2014"
_ORDQ = r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
_add("quarter", "UNIT", 45, 35, r"\b(?:(?P<det>(?i:the\s+year-(?:ago|earlier)|year-(?:ago|earlier)|"
     r"the\s+comparable\s+year-(?:ago|earlier)|the|this|last|next|that|this\s+year's|last\s+year's|"
     r"next\s+year's))\s+)?(?:(?P<yr>" + YEAR_RE + r")\s+)?(?:(?i:fiscal|calendar)[\s-]+)?"
     + _ORDQ + r"[\s-](?:(?i:fiscal)[\s-])?(?i:quarter|qtr\.?)"
     r"(?:\s+(?:of\s+)?(?:(?i:fiscal)\s+)?(?P<year>" + YEAR_RE + r")" + _E
     + r"|\s+of\s+(?P<ry>(?i:this|last|next|the\s+same|that|the)\s+year))?(?![\w-])")
_add("quarter", "Q", 2, 8, r"\b(?P<qn>Q[1-4])(?:\s+(?P<year>" + YEAR_RE + r")" + _E + r")?\b")
_add("half", "Q", 25, 30,
     r"\b(?:(?P<det>(?i:the|this|its))\s+)?(?P<ord>(?i:first|second|last|latter))\s+"
     r"(?i:half)(?:\s+of\s+(?:(?P<year>" + YEAR_RE + r")" + _E
     + r"|(?P<ry>(?i:this|last|next|that|the)\s+year)))?\b")
# --- weekdays: "Wednesday", "last Friday", "this coming Sunday", "the previous Friday"
_add("weekday", "WD", 20, 6,
     r"\b(?:(?P<rel>(?i:this\s+coming|this\s+past|this|last|next|coming|past|"
     r"the\s+previous|the\s+following|the\s+next|that|every|each))\s+|(?P<on>(?<=\bon\s)))?(?P<wd>"
     + WEEKDAY_RE + r")(?P<pl>s)?\b")
# --- holidays
_add("holiday", "HOL UNIT", 45, 50,
     r"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this))\s+)?"
     r"(?P<hol>" + alt(HOLIDAYS) + r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|"
     r"Election\s+Day)\b(?:\s+(?P<wk>week|weekend)\b)?")  # "Easter week": the week it falls in
# --- deictic words
_add("deictic", "DEI", 30, 20,
     r"\b(?P<w>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|"
     r"yesterday|tomorrow|right\s+now|just\s+now|now|currently|nowadays|these\s+days|"
     r"presently|recently|lately|more\s+recently|"
     r"the\s+(?:near|distant|foreseeable)\s+future|the\s+future|"
     r"the\s+past(?!\s+(?:\w+\s+)?(?:summers|winters|springs|autumns|seasons|\d))|"
     r"recent\s+(?:years|months|weeks|days)|past\s+years|(?<=in\s)future|(?<=at\s)present|"
     r"the\s+(?:short|long|medium|near)\s+term|a\s+later\s+date|as\s+soon\s+as\s+possible))\b")
_add("deictic", "DEI", 4, 45,
     r"(?<!\w)(?P<w>current|recent)(?!\s+(?:account|affairs|events?|issue|crisis|"
     r"situation|talks|developments?|tensions?|policy|government|leadership|regime|sanctions))"
     r"(?=\s+[a-z])")
# --- calendar units relative to now or to the story: "last week", "this year", "that day",
#     "the following month", "later that year", "the same day", "the previous year"
_REL = (r"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|past|coming|current|"
        r"the\s+(?:current|latest|past|last|coming|next|following|previous|preceding|prior|"
        r"same|year-earlier|year-ago)|that\s+same|that|the|a\s+full|the\s+full|"
        r"the\s+year-(?:earlier|ago)|year-(?:earlier|ago)|the\s+comparable(?:\s+year-(?:ago|earlier))?|"
        r"last\s+year's|the\s+corresponding|later\s+that|"
        r"earlier\s+that|later\s+this|earlier\s+this|later\s+in\s+the|earlier\s+in\s+the))")
_add("relunit", "UNIT", 35, 20,
     r"\b" + _REL + r"\s+(?:(?P<fis>(?i:fiscal|calendar))\s+)?(?P<unit>day|"
     r"week|weekend|month|year|quarter|decade|century|period)\b(?![\s-]+(?:old|long)\b|-)"
     r"(?:\s+or\s+so(?=\s*[,.;:!?)]|\s+(?:and|but|to|of|in|at|for|when|after|before)\b))?")
_add("relunit", "UNIT", 2, 12, r"\b(?P<unit>(?i:year))[\s-](?P<rel>(?i:end|earlier|ago))\b")
_add("relunit", "UNIT", 20, 12,
     r"\b(?P<rel>(?i:the\s+(?:day|week|month|year)\s+(?:before|after)))\b")
# --- counted offsets: "a year ago", "two days later", "three weeks earlier", "10 years before"
_add("ago", "UNIT", 50, 25, r"(?<![\w$])(?P<num>" + NUMBER_RE + r")[\s-]+(?:(?i:more)\s+)?(?P<unit>"
     + UNIT_RE + r")s?(?:\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|later|earlier|from\s+now|hence|"
     r"previously)\b|(?i:before|after|prior)(?=\s*[,.;:!?)]))")
# --- durations: "three days", "the past two years", "10-day", "a few weeks", "ten-year-old"
_add("duration", "UNIT", 55, 40,
     r"(?<![\w$])(?:(?P<det>(?i:the|another|each\s+of\s+the))\s+)?(?:(?P<dir>"
     r"(?i:past|last|next|first|coming|previous|following|latest|final|additional|further|"
     r"extra|initial|remaining|ensuing|recent))\s+)?(?P<num>" + NUMBER_RE + r")"
     r"(?:\s*(?:-|–|(?<=\s)to|(?<=\s)or)\s*(?!an?\b)" + NUMBER_RE + r"(?=\s))?"  # "two to three"
     r"(?:\s+(?i:more|additional|consecutive|straight|full|long|trading|working|business))?"
     r"[\s-]+(?P<unit>" + UNIT_RE + r")(?P<pl>s)?(?P<half>\s+and\s+a\s+half)?(?:-long\b)?"
     r"(?![\s-]+old\b)(?!-quarters)"
     r"(?:\s+(?i:or\s+so))?\b")
_add("duration", "UNIT", 35, 6,
     r"\b(?:(?P<det>(?i:the))\s+)?(?P<dir>(?i:past|last|next|coming|previous|"
     r"recent|following|ensuing))\s+(?:(?P<vague>(?i:few|several|couple\s+of))\s+)?"
     r"(?P<unit>" + UNIT_RE + r")(?P<pl>s)\b")
_add("duration", "UNIT", 35, 6,
     r"\b(?P<vague>(?i:" + alt(["a few", "several", "a couple of", "many", "some",
                                             "a number of", "dozens of", "hundreds of"])
     + r"))\s+(?P<unit>" + UNIT_RE + r")(?P<pl>s)\b")
_add("duration", "UNIT", 2, 6,
     r"(?:(?<=\b[Ff]or\s)|(?<=\bwithin\s)|(?<=\bin\s))(?P<unit>years|months|weeks|decades|"
     r"centuries)\b(?![\s-]+(?:of|ago|old|later|before|after|past|to\s+come)\b)")
_add("duration", "UNIT", 12, 8,
     r"\b(?P<unit>years|decades|centuries|(?P<one>day|week|month|year))-long\b")
_add("duration", "DEI", 15, 3,
     r"\b(?P<vague>(?i:a\s+while|some\s+time|a\s+long\s+time|a\s+short\s+time))\b")
# --- sets: "every week", "each July", "daily", "twice a year", "every two years"
_add("set", "SET", 2, 40, r"\b(?P<adv>(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|"
     r"biweekly|biannually|semiannually))\b(?!\s+(?:newspaper|paper|Rodong|[A-Z]))")
_add("set", "SET", 2, 50,
     r"\b(?P<every>(?i:every|each|per))\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<num>"
     + NUMBER_RE + r")\s+)?(?P<unit>" + UNIT_RE + r")s?\b")
_add("set", "SET", 2, 50,
     r"\b(?P<freq>(?i:once|twice|thrice|(?:" + NUMBER_RE + r")\s+times))\s+(?:(?i:a|an|"
     r"per|each|every)\s+)(?P<unit>" + UNIT_RE + r")\b")

# A weekday just after a clock time, past a parenthesis: "10:35 a.m. (0735 GMT) Friday".
DAY_AFTER_TIME = re.compile(r"\s*(?:\([^)]{1,25}\)\s*)?,?\s*(?:on\s+)?(?P<wd>" + WEEKDAY_RE
                            + r")\b")
# Modifiers that widen a date to the left ("early", "the end of", "mid-") and quantity
# modifiers for durations and offsets ("about", "nearly", "more than").
MOD_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'`]))(?P<m>(?i:" + alt(MODIFIERS)
                        + r"|(?:the\s+)?(?:very\s+)?(?:early|late)|(?:the\s+)?mid))"
                        r"(?:\s*-\s*|\s+)\Z")
QUANT_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'`]))(?P<m>" + _Q + r")\s+\Z")
# "2014" inside "$2011" or "No. 2011" was excluded above; words that make a bare month a verb:
MAY_VERB = re.compile(r"\s+(?:be|have|not|also|well|still|never|soon|only|even|try|take|"
                      r"need|seem|come|want|face|become|get|make|lose|use|help|affect|"
                      r"include|require|result|lead|cause|well|find|give|see|say|do)\b")
MONTH_CUE_BEFORE = re.compile(r"(?i:\b(?:in|of|since|until|till|by|from|through|during|early|"
                              r"late|mid|last|next|this|and|or|to|between|before|after|"
                              r"throughout|that|each|every|on)[\s-]+)\Z")
