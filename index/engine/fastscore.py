"""Ranking passages a whole posting list at a time, with numpy.

Whoosh scores one posting at a time in Python, and its block-skipping does not help with common
words (every block holds a short passage that could make the top ten): "north" is in 90,000 of
165,000 passages at 10,000 articles, and ranking it took 275 ms. Here each term's postings are
read block by block into arrays and scored with the same BM25F formula, parameters and field
lengths Whoosh uses; AND and OR are array intersections and unions. The top ``limit`` are then
the same passages Whoosh would return, with the same scores up to floating-point rounding.

Words (each with its spelling variants) and quoted phrases (see `top`) are handled; with a
source filter, the caller asks Whoosh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from index.engine.query import ParsedQuery
from index.engine.schema import terms_of

# byte -> field length, as Whoosh decodes the one-byte length it stores per document
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass(frozen=True)
class Scored:
    """Top documents (global document numbers) with their scores, best first."""

    docnums: list[int]
    scores: list[float]


class _PostingCache:
    """Decoded posting lists of frequent terms, by segment and term, up to a memory budget.

    Decoding is most of the cost left (Whoosh pickles each block with its positions), and the
    frequent words are the ones asked again and again. Segments are never changed once written,
    so an entry stays valid for as long as the segment exists; deletions are applied per query.
    """

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.used = 0
        self._items: OrderedDict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, ...], value: tuple[np.ndarray, np.ndarray]) -> None:
        size = value[0].nbytes + value[1].nbytes
        if size > self.budget // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.used += size
            while self.used > self.budget:
                _, (d, t) = self._items.popitem(last=False)
                self.used -= d.nbytes + t.nbytes


CACHE = _PostingCache(128 * 2**20)
MAX_PHRASE_CHECKS = 300
CACHE_FROM = 1000  # postings: shorter lists decode quickly enough


def _decode(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """All of a posting list's document numbers and weights, a block at a time."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while True:
        if m._data is None:
            m._read_data()
        raw_ids, raw_weights = m._data[0], m._data[1]
        n = m._blocklength
        block = np.asarray(raw_ids, dtype=np.int64)
        # Whoosh stores a block's ids as differences unless they fit a byte each.
        ids.append(block if m._byteids else np.cumsum(block))
        if raw_weights is None:
            weights.append(np.ones(n))
        elif isinstance(raw_weights, float):
            weights.append(np.full(n, raw_weights))
        else:
            weights.append(np.asarray(raw_weights, dtype=np.float64))
        if m._lastblock:
            break
        m._next_block()
    return np.concatenate(ids), np.concatenate(weights)


def _postings(leaf: Searcher, field: str,
              term: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(document numbers, term frequencies) of a term in one segment, deleted ones left out."""
    reader = leaf.reader()
    if (field, term) not in reader:
        return None
    key = (reader.segment().segment_id(), field, term)
    found = CACHE.get(key)
    if found is None:
        m = reader.postings(field, term)
        if isinstance(m, FilterMatcher):
            m = m.child
        if isinstance(m, W3LeafMatcher):
            found = _decode(m)
        else:  # a short list kept inline in the term index
            ids, weights = [], []
            while m.is_active():
                ids.append(m.id())
                weights.append(m.weight())
                m.next()
            found = np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
        if len(found[0]) >= CACHE_FROM:
            CACHE.put(key, found)
    docs, tf = found
    if reader.has_deletions():
        keep = ~np.isin(docs, _per_reader(reader, "deleted", lambda: np.fromiter(
            reader.deleted_docs_set, dtype=np.int64)))
        docs, tf = docs[keep], tf[keep]
    return docs, tf


def term_docs(searcher: Searcher, field: str, term: str) -> np.ndarray:
    """The (global, sorted) document numbers holding a term, decoded a block at a time."""
    parts = []
    for leaf, offset in searcher.leaf_searchers():
        found = _postings(leaf, field, term)
        if found is not None and len(found[0]):
            parts.append(found[0] + offset)
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)


def _per_reader(reader: Any, name: str, make: Callable[[], np.ndarray]) -> np.ndarray:
    """An array derived from a segment reader, made once per reader rather than per query
    (a reader's documents, lengths and deletions never change while it is open)."""
    cache: dict[str, np.ndarray] = reader.__dict__.setdefault("_tumen_arrays", {})
    if name not in cache:
        cache[name] = make()
    return cache[name]


def _lengths(leaf: Searcher, field: str) -> np.ndarray:
    """Each document's field length in this segment (as Whoosh decodes it)."""
    reader = leaf.reader()

    def decode() -> np.ndarray:
        col = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        raw = getattr(col, "_raw", None)
        if raw is None:
            raw = bytes(col[i] for i in range(leaf.doc_count_all()))
        return _LENGTHS[np.frombuffer(raw, dtype=np.uint8)]

    return _per_reader(reader, f"lengths:{field}", decode)


def _term_scores(searcher: Searcher, leaf: Searcher, lengths: np.ndarray, field: str,
                 term: str, weighting: BM25F) -> tuple[np.ndarray, np.ndarray] | None:
    found = _postings(leaf, field, term)
    if found is None:
        return None
    docs, tf = found
    idf = weighting.idf(searcher, field, term)
    avgfl = searcher.avg_field_length(field) or 1
    b, k1 = weighting._field_B.get(field, weighting.B), weighting.K1
    fl = lengths[docs]
    # The same expression, in the same order, as whoosh.scoring.bm25.
    return docs, idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))


def _union(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    docs = np.unique(np.concatenate([d for d, _ in parts]))
    total = np.zeros(len(docs))
    for d, s in parts:
        total[np.searchsorted(docs, d)] += s
    return docs, total


def _match(searcher: Searcher, leaf: Searcher, lengths: np.ndarray, field: str,
           words: tuple[str, ...], variants: dict[str, tuple[str, ...]], weighting: BM25F,
           any_term: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """Documents of one segment with all (or any) of the words in ``field``, and their scores."""
    units: list[tuple[np.ndarray, np.ndarray]] = []
    for w in words:
        terms = [t for t in (w, *variants.get(w, ())) if t]
        scored = [s for t in terms
                  if (s := _term_scores(searcher, leaf, lengths, field, t, weighting))
                  is not None]
        if scored:
            units.append(_union(scored) if len(scored) > 1 else scored[0])
        elif not any_term:
            return None
    if not units:
        return None
    if any_term:
        return _union(units)
    docs, scores = units[0]
    for d, s in units[1:]:
        docs, i, j = np.intersect1d(docs, d, assume_unique=True, return_indices=True)
        scores = scores[i] + s[j]
    return docs, scores


def _has_phrase(terms: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(terms[i:i + n]) == phrase for i in range(len(terms) - n + 1)
               if terms[i] == phrase[0])


def top(searcher: Searcher, parsed: ParsedQuery, limit: int, *, any_term: bool = False,
        text_of: Callable[[int], str] | None = None,
        fields: tuple[str, ...] = ("text",)) -> Scored | None:
    """The ``limit`` best documents for the query's words (all of them, or ``any_term``), or
    None if the query is not one this module ranks, or the index is not what it reads.

    With several ``fields``, a document is scored as Whoosh scores ``Or([And(words in field)
    for field in fields])``: the sum over the fields that have all the words (any, with
    ``any_term``).

    Quoted phrases need ``text_of`` (a passage's text by document number): passages with all
    of the phrase's words are ranked by those words, and the best are checked for the phrase
    itself, in order, until ``limit`` have it. So a phrase ranks by its words' BM25F, where
    Whoosh ranks by how often the phrase occurs; which passages match is the same.
    """
    weighting = searcher.weighting
    if not isinstance(weighting, BM25F) or (parsed.phrases and (
            any_term or text_of is None or len(fields) != 1)):
        return None
    words = tuple(dict.fromkeys([*parsed.words, *(t for ph in parsed.phrases for t in ph)]))
    if not words:
        return None
    variants = dict(parsed.variants)
    all_docs: list[np.ndarray] = []
    all_scores: list[np.ndarray] = []
    for leaf, offset in searcher.leaf_searchers():
        per_field: list[tuple[np.ndarray, np.ndarray]] = []
        for field in fields:
            try:
                lengths = _lengths(leaf, field)
            except (AttributeError, KeyError, TypeError):
                return None
            found = _match(searcher, leaf, lengths, field, words, variants, weighting,
                           any_term)
            if found is not None:
                per_field.append(found)
        if not per_field:
            continue
        docs, scores = _union(per_field) if len(per_field) > 1 else per_field[0]
        all_docs.append(docs + offset)
        all_scores.append(scores)
    if not all_docs:
        return Scored([], [])
    docs = np.concatenate(all_docs)
    scores = np.concatenate(all_scores)
    # Best first; equal scores in document order, as Whoosh breaks ties.
    order = np.lexsort((docs, -scores))
    if not parsed.phrases:
        order = order[:limit]
        return Scored([int(d) for d in docs[order]], [float(s) for s in scores[order]])
    found = Scored([], [])
    for n, i in enumerate(order):
        if n >= MAX_PHRASE_CHECKS:
            return None  # the phrase is rare among passages with its words: Whoosh is faster
        terms = terms_of(text_of(int(docs[i])))  # type: ignore[misc]
        if all(_has_phrase(terms, ph) for ph in parsed.phrases):
            found.docnums.append(int(docs[i]))
            found.scores.append(float(scores[i]))
            if len(found.docnums) == limit:
                break
    return found


def warm(searcher: Searcher, field: str, terms: int) -> int:
    """Decode the posting lists of the ``terms`` most frequent terms of ``field`` into the
    cache (those long enough to be kept); returns how many were decoded."""
    decoded = 0
    for leaf, _offset in searcher.leaf_searchers():
        reader = leaf.reader()
        for _freq, term in reader.most_frequent_terms(field, number=terms):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            found = _postings(leaf, field, text)
            decoded += found is not None and len(found[0]) >= CACHE_FROM
    return decoded
