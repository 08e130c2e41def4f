"""What users type is data: turning chat text into a bounded Whoosh query.

Whoosh's query parser is never given user text. Its syntax (fields, wildcards, ranges, boolean
operators, boosts) can take a minute per query or blow the stack (see DESIGN.md), and none of it
is something an analyst in chat means. Words are analyzed exactly as the index analyzed the
passages; double quotes (straight or typographic) make phrases; everything else is a word or
nothing. Queries are therefore bounded by construction: at most ``MAX_TERMS`` exact terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from whoosh import query as wq

from index.corpus.usertext import clean_user_text, shown
from index.engine.schema import terms_of
from index.errors import QueryError

MAX_QUERY_CHARS = 500
MAX_TERMS = 24
_QUOTES = re.compile(r"[\"“”„«»]")


@dataclass(frozen=True)
class ParsedQuery:
    """A user query as analyzed terms: loose words and quoted phrases."""

    text: str
    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()
    # Other spellings a word also matches ("minnikhanov" → ("minnihanov",)).
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def units(self) -> tuple[tuple[str, ...], ...]:
        """Every word (as a one-term unit) and every phrase: what a sentence can match."""
        return tuple((w,) for w in self.words) + self.phrases

    def terms(self) -> set[str]:
        """All analyzed terms, for highlighting."""
        return set(self.words) | {t for p in self.phrases for t in p}

    def highlight_units(self) -> tuple[tuple[str, ...], ...]:
        """The units plus the other spellings of words, so that a variant is marked too."""
        return self.units + tuple((v,) for _, vs in self.variants for v in vs)

    def _word_query(self, field: str, word: str) -> wq.Query:
        other = dict(self.variants).get(word, ())
        if not other:
            return wq.Term(field, word)
        return wq.Or([wq.Term(field, word), *(wq.Term(field, v) for v in other)])

    def whoosh_query(self, field: str = "text", *, any_term: bool = False) -> wq.Query:
        """All units required (``any_term=False``) or any of them."""
        parts: list[wq.Query] = [self._word_query(field, w) for w in self.words]
        for phrase in self.phrases:
            parts.append(wq.Term(field, phrase[0]) if len(phrase) == 1
                         else wq.Phrase(field, list(phrase)))
        return wq.Or(parts) if any_term else wq.And(parts)


def parse_user_query(raw: str) -> ParsedQuery:
    """Analyze what a user typed into a safe query.

    Raises:
        QueryError: the query is too long or has nothing searchable in it.
    """
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"That query is {len(raw):,} characters long; "
                         f"keep it to at most {MAX_QUERY_CHARS} and use the key words.")
    text = clean_user_text(raw)
    pieces = _QUOTES.split(text)
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    notes: list[str] = []
    # Even pieces are outside quotes, odd ones inside. An unbalanced final quote leaves an odd
    # number of separators: its text is then read as plain words.
    balanced = len(pieces) % 2 == 1
    for i, piece in enumerate(pieces):
        inside = i % 2 == 1 and (balanced or i < len(pieces) - 1)
        terms = terms_of(piece)
        if inside and len(terms) > 1:
            phrases.append(tuple(terms))
        else:
            words.extend(terms)
    if not balanced:
        notes.append("An unmatched quote mark was ignored.")
    words = list(dict.fromkeys(words))
    phrases = list(dict.fromkeys(phrases))
    if not words and not phrases:
        raise QueryError(f"Nothing to search for in “{shown(text)}”: type some words "
                         "(letters or digits), and put phrases in double quotes.")
    n_terms = len(words) + sum(len(p) for p in phrases)
    if n_terms > MAX_TERMS:
        notes.append(f"Only the first {MAX_TERMS} words were used.")
        budget = MAX_TERMS
        kept_phrases = []
        for p in phrases:
            if len(p) <= budget:
                kept_phrases.append(p)
                budget -= len(p)
        phrases, words = kept_phrases, words[:budget]
    return ParsedQuery(text=text, words=tuple(words), phrases=tuple(phrases), notes=tuple(notes))


def any_of(field: str, values: Iterable[str]) -> wq.Query:
    """A query for the documents whose ``field`` holds any of ``values``."""
    return wq.Or([wq.Term(field, v) for v in values])


def every() -> wq.Query:
    """A query for every document."""
    return wq.Every()
