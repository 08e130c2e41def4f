"""Spelling suggestions: the corpus word closest to a misspelt one.

`difflib.get_close_matches` over the whole vocabulary costs tens of milliseconds per word at a
few thousand articles, and grows with the corpus. Words are therefore indexed by their letter
pairs, and only the words sharing the most pairs with the misspelt one are compared: a word
within difflib's 0.8 similarity of another shares most of its letter pairs with it.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

CUTOFF = 0.8
CANDIDATES = 200  # compared with difflib, best pair overlap first


def _pairs(word: str) -> set[str]:
    padded = f"^{word}$"  # the first and last letters count as pairs too
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


class SpellingIndex:
    """The vocabulary, indexed by letter pairs."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self._by_pair: dict[str, list[str]] = defaultdict(list)
        for w in sorted(self.words):
            for p in _pairs(w):
                self._by_pair[p].append(w)

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def closest(self, word: str) -> str | None:
        """The vocabulary word most similar to ``word`` (difflib ratio ≥ 0.8), if any."""
        shared: Counter[str] = Counter()
        for p in _pairs(word):
            shared.update(self._by_pair.get(p, ()))
        candidates = [w for w, _ in shared.most_common(CANDIDATES)]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
        return close[0] if close else None
