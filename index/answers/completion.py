"""Autocomplete choices for `/cite` ids and `source:` names, ranked, from the served meta.

Pure functions over the generation's article table (``meta["articles"]``): no index reads, so
the bot can run them in a worker thread at keystroke rate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from index.events.lexicon import lexicon
from index.names.actors import candidates

_PASSAGE = re.compile(r"p?(\d*)", re.IGNORECASE)
MAX_VALUE = 100  # Discord's limit on a choice's value


def _passage_order(n: int, wanted: str) -> tuple[int, int]:
    """Exact passage number first, then in number order."""
    return (0 if str(n) == wanted else 1, n)


def cite_choices(articles: Mapping[str, Mapping[str, Any]], typed: str,
                 limit: int = 25) -> list[tuple[str, str]]:
    """(label, passage id) pairs for what was typed of a passage id.

    ``001`` or ``001:`` lists the passages of the articles whose id starts with it; ``001:p1``
    those of its passages whose number starts with 1, p1 first, then p10, p11, …. Articles
    whose id is exactly what was typed come first, then the others in id order; the label adds
    the article's title.
    """
    head, _, tail = typed.strip().partition(":")
    head = head.casefold()
    number = _PASSAGE.fullmatch(tail.strip())
    if number is None:
        return []
    wanted = number.group(1)
    docs = sorted((d for d in articles if d.casefold().startswith(head)),
                  key=lambda d: (d.casefold() != head, d))
    out: list[tuple[str, str]] = []
    for doc_id in docs:
        meta = articles[doc_id]
        count = int(meta.get("passages") or 0)
        numbers = [n for n in range(1, count + 1) if str(n).startswith(wanted)]
        for n in sorted(numbers, key=lambda n: _passage_order(n, wanted)):
            pid = f"{doc_id}:p{n}"
            if len(pid) > MAX_VALUE:
                break
            title = str(meta.get("title") or "untitled")
            out.append((f"{pid} · {title}", pid))
            if len(out) >= limit:
                return out
    return out


def rank_names(names: Iterable[str], typed: str, limit: int = 25) -> list[str]:
    """Names containing what was typed (any case): those that start with it first, then those
    with a word that starts with it, then the rest, each group in its given order."""
    needle = typed.strip().casefold()

    def rank(name: str) -> int:
        folded = name.casefold()
        if folded.startswith(needle):
            return 0
        return 1 if any(w.startswith(needle) for w in folded.split()) else 2

    hits = [n for n in dict.fromkeys(names) if needle in n.casefold()]
    return sorted(hits, key=rank)[:limit]


def topic_choices(typed: str, limit: int) -> list[str]:
    """Actor and place names from the gazetteer, then action words, that match what was typed."""
    typed = typed.strip()
    names = [e.name for e in candidates(typed, limit=limit)] if typed else []
    words = sorted({w for a in lexicon().actions for w in a.words
                    if w.startswith(typed.lower())})
    return list(dict.fromkeys(names + words))[:limit]
