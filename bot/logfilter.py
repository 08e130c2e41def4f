"""Keep interaction tokens out of the log.

At DEBUG level discord.py logs every gateway event whole (an INTERACTION_CREATE carries the
interaction's token) and every webhook URL (follow-ups and edits put the token in the path).
Whoever holds a token can answer as the bot in that channel for 15 minutes, so it is masked.
"""

from __future__ import annotations

import logging
import re

MASK = "***"
# 'token': '…' in a dict's repr, "token": "…" in JSON; the token in an interaction's callback
# path and in its webhook's path.
_PATTERNS = (
    re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]*"""),
    re.compile(r"(/interactions/\d+/)[^/\s'\"?]+"),
    re.compile(r"(/webhooks/\d+/)[^/\s'\"?]+"),
)


def redact(text: str) -> str:
    """``text`` with every interaction token masked."""
    for pattern in _PATTERNS:
        text = pattern.sub(rf"\g<1>{MASK}", text)
    return text


class RedactTokens(logging.Filter):
    """Mask interaction tokens in a record's message (formatted here, with its arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token" in message or "/interactions/" in message or "/webhooks/" in message:
            record.msg = redact(message)
            record.args = None
        return True
