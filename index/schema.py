"""The Whoosh schema and the one analyzer shared by indexing, querying and highlighting.

Using the same analyzer everywhere is what makes highlighting honest: a word is bold in a quote
exactly when its indexed form matched the query.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Whoosh's default stop list drops "may", "us" and "when": a month, a country and a command
# word in this domain. Keep only true function words.
STOP_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with",
])


TOKEN_PATTERN = r"\w+(?:\.?\w+)*"


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """English stemming with accent folding ("Pyongyang" ~ "Pyŏngyang", "visits" ~ "visited")."""
    # An explicit pattern: whoosh3's default also makes tokens of "*", which is not a word.
    return (RegexTokenizer(expression=TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=STOP_WORDS, minsize=2) | StemFilter(lang="en", cachesize=50000))


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


def terms_of(text: str) -> list[str]:
    """The indexed forms of the words in ``text``, in order."""
    return [t.text for t in analyzer()(text)]
