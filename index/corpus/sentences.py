"""Split a paragraph into sentences as exact character spans (quotes must stay verbatim).

A rule-based splitter tuned for English news prose: a candidate boundary is a run of ``.``,
``?``, ``!`` or ``…`` (plus any closing quotes or brackets), followed by whitespace and a
word that does not start in lower case. Abbreviations, initials and acronyms veto or
weaken a ``.`` boundary. When in doubt the splitter keeps text together: a citation that is a
little too long is harmless, one cut mid-sentence misquotes.
"""

from __future__ import annotations

import re

from index.models import Span

_TERMINAL = re.compile(r"[.!?…]+([\"'”’»)\]]*)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")
# The word after a boundary, behind any opening quotes or brackets.
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([^\s.,;:!?\"”’»)\]]*)")
_TOKEN_START = re.compile(r"^[\"'“‘«(\[]+")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S", "U.N", "p.m" (final dot excluded)


def _words(text: str) -> frozenset[str]:
    """A word list written as text, for readability."""
    return frozenset(text.split())


# Never the end of a sentence: titles before a name, and Latin or other mid-sentence forms.
_NEVER = _words("""
    mr mrs ms messrs dr prof gen col lt maj capt cmdr adm sgt cpl pvt brig gov sen rep
    pres amb hon rev fr st mt vs cf viz e.g i.e approx dept
""")
# End a sentence only when the next word is a common sentence starter (see _STARTERS).
_AMBIGUOUS = _words("inc corp co ltd llc plc jr sr bros etc ft a.m p.m")
_MONTHS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
# "No. 2", "Jan. 28": abbreviations that only ever precede a number mid-sentence.
_BEFORE_NUMBER = _words("no nos art para fig ref ch vol pp") | _MONTHS

# Common first words of an English sentence. After an ambiguous period ("U.S.", "Inc.", an
# initial, an ellipsis) the text is split only if the next word is one of these: "the U.S.
# The talks" splits, "the U.S. President" does not.
_STARTERS = _words("""
    The A An It In On At This That These Those He She They We I You But And Or However
    Meanwhile As After Before When While If Its Their His Her Our There Such Some Many Most
    Both Last Next Since Although Though Yet So Still Also Moreover Furthermore Other One
    According For From With By What Why How Who Where Despite Under During Earlier Later Now
    Then Today Yesterday Tomorrow Instead Indeed Thus Nevertheless Nonetheless Even Only
    Each All No Not Neither Nor Another Unlike Like Because Given Until Asked Officials
    Analysts Experts
""")


def _next_word(text: str, pos: int) -> str:
    """The word starting at ``pos``, behind any opening quotes or brackets."""
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


def _period_ends_sentence(token: str, nxt: str) -> bool:
    """Whether a single ``.`` closing ``token`` ends the sentence, given the next word."""
    low = token.lower()
    if not token:
        return True
    if low in _NEVER:
        return False
    if low in _BEFORE_NUMBER and nxt[:1].isdigit():
        return False
    starter = nxt in _STARTERS
    if low in _AMBIGUOUS or low in _MONTHS or _ACRONYM.fullmatch(token):
        return starter
    if len(token) == 1 and token.isupper():
        # An initial ("Dmitri S. Peskov", "J. R. R."): a following single letter is another
        # initial even if it is "A" or "I".
        return starter and len(nxt) > 1
    return True


def _is_boundary(text: str, m: re.Match[str], end: int) -> bool:
    """Whether the terminal run ``m`` (ending at ``end``) ends a sentence."""
    closers = m.group(1)
    if end >= len(text):
        return True
    gap = _SPACE.match(text, end)
    if gap is None:
        # No space: "Korea.”Then" is a boundary (a closed quote, then a capital); "3.5" and
        # "U.S.-led" are not.
        return bool(closers) and text[end].isupper()
    after = gap.end()
    if after >= len(text):
        return True
    nxt = _next_word(text, after)
    if text[after].islower() or (nxt[:1].islower()):
        return False  # "arrival,” said", "e.g. the": a lower-case word continues the sentence
    run = m.group(0)[: len(m.group(0)) - len(closers)]
    if "?" in run or "!" in run:
        # “Yes!” Kim said. — after a quoted question or exclamation the attribution often
        # follows in capitals; only a sentence starter opens a new sentence there.
        return not closers or nxt in _STARTERS
    if closers:
        return True  # a closed quotation followed by a capital: “… Korea.” Then …
    if run != ".":
        return nxt in _STARTERS  # an ellipsis: mid-sentence omission unless a new sentence starts
    i = m.start()
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    token = _TOKEN_START.sub("", text[i : m.start()])
    return _period_ends_sentence(token, nxt)


def _split_block(text: str, offset: int, out: list[Span]) -> None:
    """Append the sentence spans of one block (no blank lines inside) to ``out``."""
    pos = 0
    for m in _TERMINAL.finditer(text):
        end = m.end()
        if not _is_boundary(text, m, end):
            continue
        seg = text[pos:end]
        stripped = seg.lstrip()
        if stripped:
            out.append((offset + end - len(stripped), offset + end))
        pos = end
    rest = text[pos:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        out.append((offset + pos + lead, offset + len(text.rstrip())))


def split_sentences(text: str) -> list[Span]:
    """Sentence spans ``(start, end)`` into ``text``; ``text[start:end]`` is each sentence verbatim.

    Spans exclude surrounding whitespace, are in order and do not overlap. A blank line is
    always a boundary.
    """
    spans: list[Span] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        _split_block(text[pos : m.start()], pos, spans)
        pos = m.end()
    _split_block(text[pos:], pos, spans)
    return spans
