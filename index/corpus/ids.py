"""Article ids as users type them: exactly, or as a unique prefix."""

from __future__ import annotations

from collections.abc import Iterable

from index.corpus.usertext import shown
from index.errors import NotFound

SHOWN = 5


def unique_prefix(prefix: str, ids: Iterable[str]) -> str:
    """The one id equal to ``prefix``, or the only one starting with it.

    Raises:
        NotFound: no id starts with ``prefix``, or several do (the message lists a few).
    """
    known = set(ids)
    if prefix in known:
        return prefix
    matches = sorted(d for d in known if d.startswith(prefix))
    if not matches:
        raise NotFound(f"No article id starts with “{shown(prefix)}”; /sources lists them.")
    if len(matches) > 1:
        listed = ", ".join(matches[:SHOWN]) + (" …" if len(matches) > SHOWN else "")
        raise NotFound(f"“{shown(prefix)}” is ambiguous: it starts {len(matches)} article ids "
                       f"({listed}); type more of it.")
    return matches[0]
