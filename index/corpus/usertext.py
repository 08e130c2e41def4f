"""User text: cleaned before it is parsed, and made safe to quote back in a message.

Every message that repeats what a user typed goes through `shown`: no control characters (a
terminal would run ``\\x1b[2J``), no format characters (U+202E and U+2066–U+2069 reorder the rest
of the line, zero-width ones hide text), and no more than `ECHO_CHARS` characters of it.
"""

from __future__ import annotations

import unicodedata

ECHO_CHARS = 80
# Dropped outright: format characters (bidi controls, zero-width) and lone surrogates.
_DROPPED = frozenset({"Cf", "Cs"})
# Read as spaces: control characters and line or paragraph separators.
_SPACES = frozenset({"Cc", "Zl", "Zp"})


def clean_user_text(text: str) -> str:
    """Drop control and format characters (including bidi overrides) and squeeze whitespace."""
    kept = "".join(" " if unicodedata.category(ch) in _SPACES else ch
                   for ch in text if unicodedata.category(ch) not in _DROPPED)
    return " ".join(kept.split())


def shown(text: str, limit: int = ECHO_CHARS) -> str:
    """``text`` as a message may quote it: cleaned, at most ``limit`` characters, an ellipsis
    where it was cut."""
    # Only the head is cleaned: a 100,000-character option costs what 80 characters cost.
    head = text[: limit * 8]
    clean = clean_user_text(head)
    if len(clean) <= limit and len(head) == len(text):
        return clean
    return clean[: limit - 1].rstrip() + "…"
