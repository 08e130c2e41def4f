"""Assertion helpers shared by the timex tests."""

from __future__ import annotations

from index.timex import Timex, tag


def values(text: str, dct: str | None = None) -> dict[str, str]:
    """Map each found extent to its value (the tests use texts with distinct extents)."""
    found = tag(text, dct)
    for t in found:
        assert text[t.start:t.end] == t.text  # offsets always match the slice
    return {t.text: t.value for t in found}


def one(text: str, dct: str | None = None) -> Timex:
    found = tag(text, dct)
    assert len(found) == 1, found
    return found[0]
