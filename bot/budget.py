"""Discord's message limits, and trimming text to them at word boundaries.

discord.py checks almost none of these; a message over any of them is rejected by Discord with a
400, so every string we send passes through here first.
"""

from __future__ import annotations

CONTENT = 2000
TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
AUTHOR = 256
TOTAL = 6000
CHOICES = 25
CHOICE_NAME = 100
BUTTON_LABEL = 80

ELLIPSIS = "…"


def trim(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, ending in an ellipsis.

    Markdown markers left unbalanced by the cut are closed so Discord does not render the rest of
    the message bold.
    """
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    cut = cut.rstrip()
    if cut.count("**") % 2:
        # Drop the dangling opener rather than add characters past the limit.
        cut = cut[: cut.rfind("**")].rstrip()
    return cut + ELLIPSIS


def embed_size(embed: dict[str, object]) -> int:
    """Characters Discord counts toward the 6,000 total for one embed (as a dict)."""
    total = len(str(embed.get("title") or "")) + len(str(embed.get("description") or ""))
    for f in embed.get("fields") or []:  # type: ignore[union-attr]
        total += len(f.get("name") or "") + len(f.get("value") or "")
    footer = embed.get("footer") or {}
    author = embed.get("author") or {}
    total += len(footer.get("text") or "") + len(author.get("name") or "")  # type: ignore[union-attr]
    return total
