"""Line-shape rules that recognise site boilerplate; used by `index.corpus.clean`.

Every rule is a *family* of wordings (a compiled regex), never a string copied from one site.
Each family also carries a word-count ceiling: boilerplate is short, so a long paragraph that
merely mentions "comment", "advice" or "cookies" in passing is never dropped.
"""

from __future__ import annotations

import re

# Reasons shown in `Dropped.reason` (and by `tumen check`).
RELATED = "related-articles block"
RELATED_LINK = "related-article link"
COMMENT = "comment prompt"
DUPLICATE = "duplicate paragraph"
TITLE = "title repeated"
DATELINE = "dateline"
SHARE = "share/print/view count"
SEPARATOR = "separator line"
DISCLAIMER = "disclaimer"
POINTER = "read-the-full pointer"
EMPTY_STAMP = "empty date stamp"
DATE_STAMP = "date stamp"
MASTHEAD = "publication name"
BYLINE = "byline"
TAGS = "tags line"

_I = re.IGNORECASE

# --- dates -----------------------------------------------------------------------------------
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    # Russian genitive month names: Russian-language outlets stamp dates this way.
    r"|(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_WEEKDAY})?(?:"
    rf"(?:{_MONTH})\s+{_DAY},?\s+\d{{4}}"  # February 18, 2015
    rf"|{_DAY}\s+(?:{_MONTH}),?\s+\d{{4}}"  # 18 February 2015
    rf"|(?:{_MONTH}),?\s+\d{{4}}"  # February 2015
    r"|\d{4}-\d{2}-\d{2}"  # 2015-02-18
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"  # 18.02.2015, 2/18/2015
    r")"
)
_TIME = (
    r"(?:\s*(?:,|\||-|–|—|at|·)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,4}|UTC[+-]\d{1,2})?)?"
)
DATELINE_RE = re.compile(rf"^{_DATE}{_TIME}$", _I)
_STAMP_WORD = (
    r"(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified|edited)(?:\s+(?:on|at))?"
    r"|обновлено|опубликовано|дата)"
)
# "Updated on" with nothing after it: the page's date widget lost its value when scraped.
EMPTY_STAMP_RE = re.compile(rf"^{_STAMP_WORD}\s*:?$", _I)
DATE_STAMP_RE = re.compile(rf"^{_STAMP_WORD}\s*:?\s*{_DATE}{_TIME}$", _I)

# --- trailing related-articles heading -------------------------------------------------------
RELATED_HEADING_RE = re.compile(
    r"^(?:"
    r"more\s+from\b[^.!?]{0,40}"
    r"|more\s+(?:stories|news|articles|coverage|reading|videos?)"
    r"(?:\s+(?:from|on|about)\b[^.!?]{0,40})?"
    r"|related(?:\s+(?:articles?|stories|posts?|content|news|coverage|reading|links|topics"
    r"|videos?|items|pages))?"
    r"|read\s+(?:more|next|also)|see\s+also|also\s+read|further\s+reading"
    r"|you\s+(?:may|might|could|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)"
    r"|recommended(?:\s+(?:for\s+you|reading|articles|stories|posts|videos))?"
    r"|(?:most|also)\s+(?:read|popular|viewed|shared)"
    r"|popular\s+(?:stories|posts|articles|now)|trending(?:\s+now)?"
    r"|(?:latest|other|top)\s+(?:news|stories|articles|headlines)"
    r"|читайте\s+также|по\s+теме|похожие\s+(?:статьи|новости)"
    r")\s*[:»›→>]*$",
    _I,
)
RELATED_HEADING_MAX_WORDS = 7
# "Read more: <headline>" placed between paragraphs: one promoted link, not a block heading.
RELATED_LINK_RE = re.compile(
    r"^(?:related(?:\s+(?:article|story|coverage))?|read\s+(?:more|also|next)|see\s+also"
    r"|also\s+read|читайте\s+также)\s*:\s*\S",
    _I,
)
RELATED_LINK_MAX_WORDS = 20
# Teasers under such a heading are short (often cut with "..."). A longer paragraph after a
# heading-like line means it was an in-article heading, and the text after it is kept.
TEASER_MAX_WORDS = 60
# A whole sentence this long after a related block's links is the story going on.
TEASER_MIN_PROSE_WORDS = 12

# --- comment prompts -------------------------------------------------------------------------
COMMENT_RE = re.compile(
    r"^(?:leave|add|post|write|submit)\s+(?:a|an|your|the\s+first)\s+"
    r"(?:comment|reply|response|thoughts?)\b"
    r"|^join\s+the\s+(?:discussion|conversation|debate)\b"
    r"|^[\d,.]+\s*(?:comments?|replies|responses)$"
    r"|^(?:comments?|replies|комментарии)\s*(?:\(\s*[\d,]+\s*\)|:?\s*[\d,]+)?\s*:?$"
    r"|^(?:view|show|load|see|read|hide)\s+(?:all\s+|more\s+)?(?:[\d,]+\s+)?comments?\b"
    r"|\b(?:issues?|problems?|trouble|difficult(?:y|ies))\s+(?:with\s+)?comment(?:ing|s)\b"
    r"|\bcomments?\s+(?:are|is|have\s+been|has\s+been)\s+(?:now\s+)?"
    r"(?:closed|disabled|moderated|turned\s+off)\b"
    r"|\b(?:log(?:ged)?\s+in|sign(?:ed)?\s+in|register)\s+to\s+(?:post\s+(?:a\s+)?)?comment"
    r"|\bbe\s+the\s+first\s+to\s+comment\b",
    _I,
)
COMMENT_MAX_WORDS = 20

# --- share / print / view count / separators ---------------------------------------------------
_SHARE_LABEL = (
    r"(?:share(?:\s+(?:this|on|via|with))?(?:\s+(?:article|story|post|page|link))?"
    r"|print(?:\s+this)?(?:\s+(?:article|story|post|page))?|tweet|e-?mail|mail|copy\s+link"
    r"|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|flipboard|vk"
    r"|поделиться|печать|распечатать|вконтакте|одноклассники)"
)
# A line made only of share labels (optionally several: "Share on Facebook | Twitter | Email").
SHARE_RE = re.compile(rf"^(?:{_SHARE_LABEL}\s*[:|·•,/]?\s*)+$", _I)
VIEWS_RE = re.compile(
    r"^[\d][\d,.\s]*\s*(?:k\s+)?(?:views?|reads?|shares?|likes?|просмотр\w*)$"
    r"|^(?:views?|reads?|просмотр\w*)\s*:?\s*[\d][\d,.\s]*$",
    _I,
)
SEPARATOR_RE = re.compile(r"^[-–—_*=~•·#.\s]{1,40}$")

# --- disclaimers -----------------------------------------------------------------------------
_ADVICE = r"(?:investment|financial|legal|tax|trading|professional)\s+advice"
DISCLAIMER_RE = re.compile(
    rf"\bnot\s+(?:authori[sz]ed|licensed|registered|permitted|able)\s+to\s+"
    rf"(?:provide|give|offer)\s+(?:you\s+)?(?:with\s+)?(?:any\s+)?{_ADVICE}"
    r"|\b(?:does|do|should|is|are|must|shall)\s+not\s+(?:be\s+)?"
    r"(?:constitute|considered|construed|intended|taken|regarded|relied\s+upon)\s+"
    rf"(?:as\s+)?(?:an?\s+|any\s+)?(?:offer|solicitation|recommendation|{_ADVICE})"
    r"|\bfor\s+(?:general\s+)?information(?:al)?\s+purposes\s+only\b"
    r"|^disclaimer\b"
    r"|\ball\s+rights\s+reserved\b|все\s+права\s+защищены"
    r"|^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))"  # a copyright line, not prose about it
    r"|\b(?:we|(?:this|our)\s+(?:web)?site)\s+uses?\s+cookies\b"
    r"|\baccept\s+(?:all\s+)?cookies\b|\bcookie\s+(?:policy|settings|preferences|notice)\b"
    r"|\b(?:views|opinions)\s+expressed\b.{0,60}\b(?:are|do\s+not)\b.{0,40}\bauthor",
    _I,
)
DISCLAIMER_MAX_WORDS = 80

# --- "read the full ... at ..." pointers -------------------------------------------------------
POINTER_RE = re.compile(
    r"^(?:read|see|view|watch|listen\s+to)\s+(?:the\s+)?"
    r"(?:full|complete|original|entire|whole|rest\s+of\s+the)\b.{0,80}?"
    r"\b(?:at|on|in|from|via|here)\b"
    r"|^(?:continue|keep)\s+reading\b"
    r"|^read\s+more\s+(?:at|on|from|via)\s+\S"
    r"|^(?:this\s+(?:article|story|piece|op-ed|post|column|report)\s+(?:was\s+)?)?"
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)\b",
    _I,
)
POINTER_MAX_WORDS = 25

TAGS_RE = re.compile(
    r"^(?:tags|topics|filed\s+under|categories|keywords|теги|темы)\s*:\s*\S", _I
)
TAGS_MAX_WORDS = 30

# --- header-only shapes ---------------------------------------------------------------------------
BYLINE_RE = re.compile(r"^[Bb]y\s+[A-ZА-ЯЁ][\w.'’-]*(?:[\s,&]+(?:and\s+)?[A-ZА-ЯЁ][\w.'’-]*){0,7}$")
# Title Case words a masthead may contain ("The Diplomat", "Vestnik Kavkaza", "NK News").
_MASTHEAD_WORD = r"(?:[A-ZА-ЯЁ][\w'’.-]*|of|the|and|for|on|in|at|de|la|le|&)"
MASTHEAD_RE = re.compile(rf"^[A-ZА-ЯЁ][\w'’.-]*(?:\s+{_MASTHEAD_WORD}){{0,4}}$")
MASTHEAD_FORBIDDEN_RE = re.compile(r"[\d.!?:;,]$|\d")

# A line that reads as prose: ends a sentence (maybe inside closing quotes or brackets).
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")


# Cheap substring gates in front of the unanchored regex families: almost every paragraph is
# prose, and a plain `in` test rejects it far faster than a regex search over the whole line.
_COMMENT_HINTS = ("comment", "repl", "respons", "thought", "discussion", "conversation",
                  "debate", "коммент")
_DISCLAIMER_HINTS = ("advice", "offer", "solicitation", "recommendation", "information",
                     "disclaimer", "reserved", "©", "(c)", "copyright", "cookie", "expressed",
                     "права")


def _hinted(low: str, hints: tuple[str, ...]) -> bool:
    """Whether the lower-cased line contains any of the hint substrings."""
    return any(h in low for h in hints)


def line_rule(line: str) -> str | None:
    """The reason a line is boilerplate wherever it appears, or None if it may be content."""
    words = len(line.split())
    low = line.lower()
    if SEPARATOR_RE.match(line):
        return SEPARATOR
    if words <= 8 and (SHARE_RE.match(line) or VIEWS_RE.match(line)):
        return SHARE
    if EMPTY_STAMP_RE.match(line):
        return EMPTY_STAMP
    if words <= 12 and DATE_STAMP_RE.match(line):
        return DATE_STAMP
    if words <= COMMENT_MAX_WORDS and _hinted(low, _COMMENT_HINTS) and COMMENT_RE.search(line):
        return COMMENT
    if words <= POINTER_MAX_WORDS and POINTER_RE.match(line):  # every alternative is anchored
        return POINTER
    if (words <= DISCLAIMER_MAX_WORDS and _hinted(low, _DISCLAIMER_HINTS)
            and DISCLAIMER_RE.search(line)):
        return DISCLAIMER
    if words <= RELATED_LINK_MAX_WORDS and RELATED_LINK_RE.match(line):
        return RELATED_LINK
    if words <= TAGS_MAX_WORDS and TAGS_RE.match(line):
        return TAGS
    return None


def header_rule(line: str) -> str | None:
    """The reason a line is header noise, if it sits above the article's first real paragraph."""
    if DATELINE_RE.match(line):
        return DATELINE
    if BYLINE_RE.match(line) and len(line.split()) <= 10:
        return BYLINE
    if MASTHEAD_RE.match(line) and not MASTHEAD_FORBIDDEN_RE.search(line):
        return MASTHEAD
    return None


def is_related_heading(line: str) -> bool:
    """Whether a line is the heading of a block of promoted links ("More from …", "Related")."""
    return len(line.split()) <= RELATED_HEADING_MAX_WORDS and bool(RELATED_HEADING_RE.match(line))


def is_prose(line: str) -> bool:
    """Whether a line reads as a real paragraph (ends the header zone)."""
    words = len(line.split())
    return words >= 15 or (words >= 3 and bool(SENTENCE_END_RE.search(line)))
