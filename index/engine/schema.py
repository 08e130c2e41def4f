"""The Whoosh schema and the one analyzer shared by indexing, querying and highlighting.

Using the same analyzer everywhere is what makes highlighting honest: a word is bold in a quote
exactly when its indexed form matched the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

# Whoosh's default stop list drops "may", "us" and "when": a month, a country and a command
# word in this domain. Keep only true function words.
STOP_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with",
])


TOKEN_PATTERN = r"\w+(?:\.?\w+)*"


_TOKEN = re.compile(TOKEN_PATTERN)
_stem = lru_cache(maxsize=100_000)(stemmer_for_language("en"))


def reference_analyzer() -> Analyzer:
    """The analyzer as a chain of Whoosh's own parts: what `TumenAnalyzer` must equal."""
    # An explicit pattern: whoosh3's default also makes tokens of "*", which is not a word.
    return (RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=STOP_WORDS, minsize=2) | StemFilter(lang="en", cachesize=50000))


class TumenAnalyzer(Tokenizer):
    """`reference_analyzer` in one pass: words, lower case, accents folded, stop words and
    one-letter words dropped (positions renumbered as Whoosh's StopFilter does), stemmed.

    Whoosh's chain runs five generators per word; analysis was a third of the time spent
    writing the index. Its output is the chain's, token for token (tests compare them).
    """

    is_morph = True  # it stems, as StemFilter does

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield from self._one(t, value, positions, chars, removestops, start_pos, start_char)
            return
        pos = -1  # the last position given to a kept word
        first = True
        stem = _stem
        for i, m in enumerate(_TOKEN.finditer(value)):
            raw = m.group(0)
            text = raw.lower()
            if not text.isascii():  # folding is a dictionary lookup per character: skip ASCII
                text = text.translate(accent_map)
            if len(text) < 2 or text in STOP_WORDS:
                if removestops:
                    continue
                t.text, t.stopped = text, True
                if positions:
                    t.pos = start_pos + i
            else:
                t.text, t.stopped = stem(text), False
                if positions:
                    # As StopFilter renumbers: the first kept word keeps its place, the others
                    # follow it without gaps.
                    pos = start_pos + i if first else pos + 1
                    first = False
                    t.pos = pos
            t.boost = 1.0
            if keeporiginal:
                t.original = raw
            if chars:
                t.startchar, t.endchar = start_char + m.start(), start_char + m.end()
            yield t

    @staticmethod
    def _one(t: Token, value: str, positions: bool, chars: bool, removestops: bool,
             start_pos: int, start_char: int) -> Iterator[Token]:
        """The whole value as one token (``tokenize=False``), filtered like any other."""
        text = value.lower().translate(accent_map)
        stopped = len(text) < 2 or text in STOP_WORDS
        if stopped and removestops:
            return
        t.text = text if stopped else _stem(text)
        t.stopped, t.boost, t.original = stopped, 1.0, value
        if positions:
            t.pos = start_pos
        if chars:
            t.startchar, t.endchar = start_char, start_char + len(value)
        yield t


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """English stemming with accent folding ("Pyongyang" ~ "Pyŏngyang", "visits" ~ "visited")."""
    return TumenAnalyzer()


def passage_schema() -> Schema:
    """Fields of one passage document.

    Only what queries use is indexed (the words, the ids); the rest is stored for display.
    Indexing fields nobody searches (a title per passage, say) would only slow every build.
    """
    return Schema(
        passage_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True),
        text=TEXT(analyzer=analyzer(), stored=True, phrase=True),
        n=STORED(),
        title=STORED(),
        publisher=STORED(),
        date=STORED(),
        year=STORED(),
        sentences=STORED(),
        dates=STORED(),  # [sentence number, TIMEX value, basis] of the dates each sentence names
        actors=STORED(),  # [sentence number, name, country] of the people and states it names
    )


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """``(indexed form, start, end)`` of each word the analyzer keeps, as
    ``analyzer()(text, chars=True)`` gives them, without making a Token per word.

    Highlighting an answer analyzes every quote it shows (thousands for a widely reported
    event); this is the analyzer's loop with nothing else in it (tests compare the two).
    """
    out = []
    stem = _stem
    for m in _TOKEN.finditer(text):
        word = m.group(0).lower()
        if not word.isascii():
            word = word.translate(accent_map)
        if len(word) < 2 or word in STOP_WORDS:
            continue
        out.append((stem(word), m.start(), m.end()))
    return out


def terms_of(text: str) -> list[str]:
    """The indexed forms of the words in ``text``, in order."""
    return [t.text for t in analyzer()(text)]
