"""Spelling suggestions: the letter-pair index finds what difflib over every word finds."""

from __future__ import annotations

import difflib
import random
import re

from index.engine.spelling import SpellingIndex
from tests.conftest import SEED_CORPUS


def seed_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in SEED_CORPUS.glob("*.md"))
    return sorted({w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)})


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["drop", "swap", "replace", "insert"])
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if kind == "insert":
        return word[:i] + letter + word[i:]
    return word[:i] + letter + word[i + 1:]


def test_the_index_suggests_what_a_full_scan_would() -> None:
    words = seed_words()
    assert len(words) > 500
    index = SpellingIndex(words)
    rng = random.Random(3)
    typos = [misspell(w, rng) for w in rng.sample(words, 300)]
    found = 0
    for typo in typos:
        full = difflib.get_close_matches(typo, words, n=1, cutoff=0.8)
        assert index.closest(typo) == (full[0] if full else None), typo
        found += bool(full)
    assert found > 200  # most typos have a suggestion, so the comparison means something


def test_nothing_close_means_no_suggestion() -> None:
    index = SpellingIndex(["trutnev", "vladivostok", "pyongyang"])
    assert index.closest("vladivostk") == "vladivostok"
    assert index.closest("qqqqzzzz") is None
    assert "trutnev" in index and "trutne" not in index
