"""Remove site boilerplate from a scraped article body, keeping real paragraphs verbatim.

Cleaning decides by general rules over line shape (length, terminal punctuation, position,
families of boilerplate wording in `index.corpus.clean_rules`), never by strings from known
sites, so newly added raw articles are cleaned the same way. Every removal is reported with its
reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.corpus import clean_rules as rules
from index.models import Dropped

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Cleaned:
    """The kept paragraphs of one article (verbatim, in order) and what was dropped, and why."""

    paragraphs: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


def split_paragraphs(body: str) -> list[str]:
    """Each non-empty line of ``body`` as one paragraph, stripped of surrounding whitespace.

    Scraped articles separate paragraphs by blank lines or by single line breaks alike.
    """
    return [s for line in body.splitlines() if (s := line.strip())]


def _norm_title(text: str) -> str:
    """Case, quote style, dashes and spacing folded, so a title repeat matches its metadata."""
    return _WS.sub(" ", text.translate(_QUOTES)).strip().strip(" .").casefold()


def _norm_dup(text: str) -> str:
    """Whitespace folded: a paragraph pasted twice may differ only in spacing."""
    return " ".join(text.split())


def _is_title(line: str, title_key: str | None) -> bool:
    """Whether ``line`` repeats the title; lines far longer than it are not even normalised."""
    return (title_key is not None and len(line) <= 2 * len(title_key) + 10
            and _norm_title(line) == title_key)


def _is_teaser(line: str) -> bool:
    """Whether a line reads as a promoted link: a headline, a cut-off snippet, a byline."""
    text = line.strip()
    if text.endswith(("...", "…")) or not rules.SENTENCE_END_RE.search(text):
        return True
    return len(text.split()) < rules.TEASER_MIN_PROSE_WORDS


def _related_blocks(lines: list[str], title_key: str | None) -> tuple[set[int], int]:
    """Lines of related-articles blocks: ``(lines inside the article, start of a trailing
    block or len(lines))``.

    A heading counts only after some real paragraph (a promo block never opens an article) and
    only if promoted links follow it. The block ends where prose resumes: a block of links
    placed mid-article ("RELATED: <headline>" then the story goes on) is dropped alone, and a
    heading-like line followed at once by a paragraph is an in-article heading, kept.
    """
    seen_prose = False
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if seen_prose and rules.is_related_heading(line):
            j = i + 1
            while j < len(lines) and _is_teaser(lines[j]):
                j += 1
            if j == len(lines) and all(len(t.split()) <= rules.TEASER_MAX_WORDS
                                       for t in lines[i + 1:]):
                return inside, i
            if j > i + 1:
                inside.update(range(i, j))
                i = j
                continue
        if (not seen_prose and rules.is_prose(line) and rules.line_rule(line) is None
                and not _is_title(line, title_key)):
            seen_prose = True
        i += 1
    return inside, len(lines)


def clean(body: str, title: str | None = None) -> Cleaned:
    """Split ``body`` (the text after front matter) into paragraphs and drop boilerplate.

    ``title`` (from front matter) lets a repeat of the headline in the body be recognised.
    """
    lines = split_paragraphs(body)
    title_key = _norm_title(title) if title else None
    inside, cut = _related_blocks(lines, title_key)

    kept: list[str] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    in_header = True  # until the first real paragraph: where titles, datelines, mastheads live
    for n, line in enumerate(lines[:cut]):
        if n in inside:
            dropped.append(Dropped(line, rules.RELATED))
            continue
        reason = rules.line_rule(line)
        if reason is None and _is_title(line, title_key):
            reason = rules.TITLE
        if reason is None and in_header:
            reason = rules.header_rule(line)
        key = _norm_dup(line)
        if reason is None and key in seen:
            reason = rules.DUPLICATE
        if reason is not None:
            dropped.append(Dropped(line, reason))
            continue
        kept.append(line)
        seen.add(key)
        if in_header and rules.is_prose(line):
            in_header = False
    dropped.extend(Dropped(line, rules.RELATED) for line in lines[cut:])
    return Cleaned(paragraphs=kept, dropped=dropped)
