"""Choosing the sentence(s) of a passage that answer a query, and the words to highlight.

A quote is always a verbatim slice of the passage: one sentence, or a run of adjacent
sentences. Highlights come from the same analyzer the index used, so a word is marked exactly
when its indexed form matched.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.engine.schema import word_spans
from index.models import Span

MAX_QUOTE_SENTENCES = 3


@dataclass(frozen=True)
class Quote:
    """A verbatim slice ``text[start:end]`` of a passage with highlight spans relative to it."""

    start: int
    end: int
    highlights: tuple[Span, ...]


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Analyzed tokens of ``text[start:end]`` as ``(term, start, end)`` in passage offsets."""
    return [(term, start + s, start + e) for term, s, e in word_spans(text[start:end])]


def _matches(tokens: list[tuple[str, int, int]],
             units: tuple[tuple[str, ...], ...]) -> tuple[set[int], list[Span]]:
    """Which units (by index) occur in the tokens, and the spans of the matching tokens."""
    terms = [t for t, _, _ in tokens]
    found: set[int] = set()
    spans: list[Span] = []
    for ui, unit in enumerate(units):
        n = len(unit)
        for i in range(len(terms) - n + 1):
            if tuple(terms[i:i + n]) == unit:
                found.add(ui)
                spans.extend((s, e) for _, s, e in tokens[i:i + n])
    return found, spans


def marked_spans(quote: str, units: tuple[tuple[str, ...], ...]) -> tuple[Span, ...]:
    """The spans of ``quote`` that match ``units``, in order: what a whole-quote citation
    highlights (`best_quote` over the quote as one sentence gives the same)."""
    tokens = word_spans(quote)
    terms = {t for t, _, _ in tokens}
    units = tuple(u for u in units if u[0] in terms)  # most quotes match none: skip the scan
    if not units:
        return ()
    return tuple(sorted(set(_matches(tokens, units)[1])))


def best_quote(text: str, sentences: tuple[Span, ...] | list[Span],
               units: tuple[tuple[str, ...], ...]) -> Quote:
    """Pick the sentence(s) covering the most query units; fall back to the first sentence."""
    sents = list(sentences) or [(0, len(text))]
    per_sentence = []
    for s, e in sents:
        found, spans = _matches(_tokens(text, s, e), units)
        per_sentence.append((found, spans))
    best = max(range(len(sents)), key=lambda i: (len(per_sentence[i][0]), -i))
    chosen = {best}
    covered = set(per_sentence[best][0])
    # Greedily add sentences that bring units the best one lacks, while the quote stays short.
    while len(chosen) < MAX_QUOTE_SENTENCES:
        gain, pick = max(((len(per_sentence[i][0] - covered), i) for i in range(len(sents))
                          if i not in chosen), default=(0, -1))
        if gain == 0:
            break
        lo, hi = min(chosen | {pick}), max(chosen | {pick})
        if hi - lo + 1 > MAX_QUOTE_SENTENCES:
            break
        chosen.add(pick)
        covered |= per_sentence[pick][0]
    lo, hi = min(chosen), max(chosen)
    start, end = sents[lo][0], sents[hi][1]
    highlights = sorted({(s - start, e - start)
                         for i in range(lo, hi + 1) for s, e in per_sentence[i][1]})
    return Quote(start=start, end=end, highlights=tuple(highlights))
