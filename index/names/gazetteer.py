"""The gazetteer: known people, countries, places, organisations and titles, from package data.

`index.names.gazetteer_file` reads and validates the YAML it comes from (`default_gazetteer()`: the
shipped `index/data/gazetteer.yaml`, once). Names are matched token by token through one trie, so
the cost of a sentence does not grow with the number of entries.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = [
    "Alias",
    "Entry",
    "Gazetteer",
    "Title",
    "Token",
    "key_of",
    "tokenize",
]

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_HYPHENS = frozenset("-‐‑")
_END = ""  # trie key of the aliases ending at a node (no token is empty)


class Token(NamedTuple):  # a tuple: built for every word of every sentence, so kept cheap
    """A word or punctuation mark; hyphens are not tokens but set `joined` on the next one."""

    text: str
    start: int
    end: int
    key: str  # casefolded, typographic apostrophe made plain
    joined: bool  # glued to the previous word by a hyphen ("Jong-un" -> "un")


@lru_cache(maxsize=1 << 16)  # every token of every sentence passes here; words repeat
def key_of(text: str) -> str:
    """The comparison key of one token, alike for the usual variants of romanized names:
    "Sergey Shoygu" and "Sergei Shoigu", "Choe" and "Choi" ("y" as "i", doubled letters once,
    a final "oe" as "oi")."""
    key = text.casefold().replace("’", "'").replace("‘", "'")
    if key.isalpha() and len(key) > 3:  # not "II" (of World War II) or other short words
        key = _DOUBLED.sub(r"\1", key.replace("y", "i"))
        if key.endswith("oe"):
            key = key[:-2] + "oi"
    return key


_DOUBLED = re.compile(r"(.)\1")


def _initial_at(tokens: list[Token], j: int) -> bool:
    """Whether a middle initial ("K.") stands at token j."""
    return (j + 2 < len(tokens) and len(tokens[j].text) == 1 and tokens[j].text.isupper()
            and tokens[j + 1].text == "." and tokens[j + 2].text[:1].isupper())


def tokenize(text: str) -> list[Token]:
    """Split text into word/punctuation tokens with their character offsets."""
    tokens: list[Token] = []
    prev_hyphen_end = -1
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        # Only an in-word hyphen joins ("Jong-un"); a spaced dash is kept as punctuation.
        if tok in _HYPHENS and tokens and tokens[-1].end == m.start():
            prev_hyphen_end = m.end()
            continue
        joined = prev_hyphen_end == m.start() and bool(tokens)
        tokens.append(Token(tok, m.start(), m.end(), key_of(tok), joined))
    return tokens


@dataclass(frozen=True)
class Entry:
    """One known actor, place or event."""

    name: str
    kind: str  # person | country | place | org | group | event
    country: str | None  # ISO-3, "IGO" or None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    surname: str | None = None
    type: str | None = None  # org type (media, company, ...)
    contextual: bool = False  # an org whose country comes from the text around it
    note: str | None = None


@dataclass(frozen=True)
class Alias:
    """One way an entry is written; `form` says how it refers (name, adjective, capital, ...)."""

    entry: Entry
    form: str
    words: tuple[str, ...]  # the alias's own token texts, for the letter-case check


@dataclass(frozen=True)
class Title:
    """A role head word such as "Deputy Prime Minister" or "delegation"."""

    title: str
    kind: str  # person | group | org
    honorific: bool = False
    topic: bool = False  # a country before it is a subject, not a nationality ("Korea expert")
    to: bool = False  # takes a "to" complement ("ambassador to Russia")


@dataclass(eq=False)  # compared and hashed by identity: caches key on the instance
class Gazetteer:
    """All entries plus the lookup structures built from them."""

    entries: list[Entry]
    titles: list[Title]
    title_modifiers: frozenset[str]
    given_names: frozenset[str]
    korean_surnames: frozenset[str]
    not_names: frozenset[str]
    context_of: dict[str, frozenset[str]]  # country code -> codes that license its contextual names
    trie: dict[str, Any] = field(default_factory=dict)
    title_trie: dict[str, Any] = field(default_factory=dict)
    title_words: set[str] = field(default_factory=set)  # capitalised title words, never in names
    by_key: dict[str, list[Entry]] = field(default_factory=dict)
    _index: _SearchIndex | None = field(default=None, repr=False, compare=False)

    def add_alias(self, text: str, entry: Entry, form: str) -> None:
        """Index one alias; ValueError if it already names a different entry."""
        words = tuple(t.text for t in tokenize(text))
        keys = [key_of(w) for w in words]
        node = self.trie
        for k in keys:
            node = node.setdefault(k, {})
        bucket: list[Alias] = node.setdefault(_END, [])
        for other in bucket:
            if other.entry.name != entry.name or other.entry.kind != entry.kind:
                raise ValueError(
                    f"gazetteer: alias {text!r} of {entry.name!r} already names "
                    f"{other.entry.name!r}"
                )
        bucket.append(Alias(entry, form, words))
        self.by_key.setdefault(" ".join(keys), []).append(entry)

    def add_title(self, title: Title) -> None:
        """Index one title ("Deputy Prime Minister")."""
        node = self.title_trie
        for t in tokenize(title.title):
            node = node.setdefault(t.key, {})
        node.setdefault(_END, title)
        self.titles.append(title)
        self.title_words |= {key_of(w) for w in title.title.split() if w[:1].isupper()}

    def match_at(self, tokens: list[Token], i: int) -> tuple[int, list[Alias]] | None:
        """The longest alias starting at token i: (end token index, candidate aliases)."""
        node = self.trie
        best: tuple[int, list[Alias]] | None = None
        j = i
        used: list[Token] = []
        while j < len(tokens):
            if used and len(used[-1].text) > 1 and used[-1].text.isalpha() \
                    and _initial_at(tokens, j):
                j += 2  # "Sergey K. Shoygu": a middle initial the gazetteer does not spell
                continue
            if tokens[j].key not in node:
                break
            node = node[tokens[j].key]
            used.append(tokens[j])
            j += 1
            if _END in node:
                ok = [a for a in node[_END] if _case_ok(a.words, used)]
                if ok:
                    best = (j, ok)
        return best

    def title_at(self, tokens: list[Token], i: int) -> tuple[int, Title] | None:
        """The longest title starting at token i (titles match case-insensitively)."""
        node = self.title_trie
        best: tuple[int, Title] | None = None
        j = i
        while j < len(tokens) and tokens[j].key in node:
            node = node[tokens[j].key]
            j += 1
            if _END in node:
                best = (j, node[_END])
        return best

    def exact(self, name: str) -> list[Entry]:
        """Entries with exactly this name or alias (any case, hyphen or space)."""
        return self.by_key.get(" ".join(t.key for t in tokenize(name)), [])

    def lookup(self, name: str) -> Entry | None:
        """Resolve a typed name or variant ("trutnev", "kim jong un") to one entry, or None."""
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def candidates(self, name: str, limit: int = 25) -> list[Entry]:
        """Entries a typed text may mean, best first: exact alias, word prefix, substring."""
        keys = [t.key for t in tokenize(name) if t.key not in _HYPHENS]
        if not keys:
            return []
        query = " ".join(keys)
        out: list[Entry] = []
        seen: set[tuple[str, str]] = set()

        def add(e: Entry) -> None:
            if (e.name, e.kind) not in seen and len(out) < limit:
                seen.add((e.name, e.kind))
                out.append(e)

        for e in self.by_key.get(query, []):
            add(e)
        if out:
            return out
        idx = self._search_index()
        for e in idx.by_surname.get(query, []):  # a surname typed alone, even "kim"
            add(e)
        if out:
            return out
        # Keys with a word from which the query is a prefix ("trut" completes "yuri trutnev"),
        # in key order, then keys containing it anywhere.
        start = bisect.bisect_left(idx.suffixes, (query, ""))
        prefixed: set[str] = set()
        for suffix, k in idx.suffixes[start:]:
            if not suffix.startswith(query):
                break
            prefixed.add(k)
        for k in sorted(prefixed):
            for e in self.by_key[k]:
                add(e)
        for k in idx.keys:
            if query in k:
                for e in self.by_key[k]:
                    add(e)
        return out

    def _search_index(self) -> _SearchIndex:
        """Lookup tables for `candidates`, built on first use (the gazetteer is not changed
        after loading)."""
        if self._index is None or self._index.size != len(self.by_key):
            self._index = _SearchIndex.of(self)
        return self._index


@dataclass
class _SearchIndex:
    """Sorted keys, the sorted word suffixes of every key, and entries by surname."""

    size: int
    keys: list[str]
    suffixes: list[tuple[str, str]]  # (suffix, key), sorted: a prefix is a bisect away
    by_surname: dict[str, list[Entry]]

    @classmethod
    def of(cls, gaz: Gazetteer) -> _SearchIndex:
        by_surname: dict[str, list[Entry]] = {}
        for e in gaz.entries:
            if e.surname:
                by_surname.setdefault(key_of(e.surname), []).append(e)
        keys = sorted(gaz.by_key)
        suffixes = sorted({(suf, k) for k in keys for suf in _suffixes(k)})
        return cls(len(gaz.by_key), keys, suffixes, by_surname)


def _suffixes(key: str) -> list[str]:
    """The alias key from each word on, so "trut" completes "yuri trutnev"."""
    words = key.split(" ")
    return [" ".join(words[i:]) for i in range(len(words))]


def _case_ok(words: tuple[str, ...], toks: list[Token]) -> bool:
    """Capitalised alias words need a capitalised text word; acronyms ("US") must match exactly."""
    for w, t in zip(words, toks, strict=True):
        if len(w) > 1 and w.isupper() and w.isalpha():
            if t.text != w:
                return False
        elif w[:1].isupper() and not t.text[:1].isupper() and not t.joined:
            return False
    return True
