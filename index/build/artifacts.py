"""Everything the index needs from one article, computed once and cached by content.

Cleaning, sentence splitting, time tagging, actor recognition and event extraction are the
expensive part of a build and depend only on the article file (its name and bytes) and on this
program. Their result is cached under the index directory, keyed by a hash of both, so an
incremental build reprocesses only new and changed articles — and a new version of the program
(any change to `index/`'s code or data) never reuses a stale result.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.corpus.passages import ArticlePassages, make_passages
from index.engine.writer import IndexWriter, add_passages
from index.events.annotate import Sentence, annotate
from index.events.clause_dates import date_of
from index.events.extract import extract_events
from index.events.model import Event
from index.models import Article, ArticleMeta, Dropped, Passage

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the code and data of `index/`: any change invalidates every cached result."""
    root = Path(__file__).resolve().parent.parent  # index/
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class ArticleResult:
    """One article, processed: passages, what cleaning dropped, events, per-sentence facts."""

    meta: ArticleMeta
    sha256: str
    passages: list[Passage]
    dropped: list[Dropped]
    events: list[Event]  # before merging across articles
    facts: dict[str, dict[str, list[Any]]]  # passage id -> {"dates": [...], "actors": [...]}
    words: list[str] = field(default_factory=list)  # vocabulary, for spelling suggestions

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def to_json(self) -> dict[str, Any]:
        m = self.meta
        return {
            "meta": {"doc_id": m.doc_id, "title": m.title, "path": m.path,
                     "publisher": m.publisher, "date": m.date, "url": m.url, "author": m.author,
                     "date_basis": m.date_basis},
            "sha256": self.sha256,
            "passages": [{"n": p.n, "text": p.text, "sentences": [list(s) for s in p.sentences]}
                         for p in self.passages],
            "dropped": [{"text": d.text, "reason": d.reason} for d in self.dropped],
            "events": [e.to_json() for e in self.events],
            "facts": self.facts, "words": self.words,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ArticleResult:
        meta = ArticleMeta(**d["meta"])
        passages = [Passage(f"{meta.doc_id}:p{p['n']}", meta.doc_id, p["n"], p["text"],
                            tuple(tuple(s) for s in p["sentences"])) for p in d["passages"]]
        return cls(meta=meta, sha256=d["sha256"], passages=passages,
                   dropped=[Dropped(x["text"], x["reason"]) for x in d["dropped"]],
                   events=[Event.from_json(e) for e in d["events"]], facts=d["facts"],
                   words=d["words"])


def _sentence_facts(ap: ArticlePassages, sents: list[Sentence]) -> dict[str, dict[str, list]]:
    """Per passage, what its sentences name, resolved against the whole article: dates as
    ``[sentence number, TIMEX value, basis]`` and people and states as ``[n, name, country]``."""
    out: dict[str, dict[str, list]] = {p.passage_id: {"dates": [], "actors": []}
                                       for p in ap.passages}
    counters: dict[int, int] = {}
    for s in sents:
        n = counters[s.passage_idx] = counters.get(s.passage_idx, -1) + 1
        facts = out[ap.passages[s.passage_idx].passage_id]
        for t in s.timexes:
            if (d := date_of(t)) is not None:
                facts["dates"].append([n, d.value, d.basis])
        for m in s.mentions:
            if m.kind in ("person", "country", "org", "group") and m.form != "unresolved":
                facts["actors"].append([n, m.name, m.country])
    return out


def process_article(article: Article) -> ArticleResult:
    """Run the whole per-article pipeline (module-level so worker processes can run it)."""
    ap = make_passages(article)
    sents = annotate(ap) if ap.passages else []
    events = extract_events(ap, sents) if ap.passages else []
    words = sorted({w.lower() for p in ap.passages for w in _WORDS.findall(p.text)})
    return ArticleResult(meta=article.meta, sha256=article.sha256, passages=list(ap.passages),
                         dropped=list(ap.dropped), events=events,
                         facts=_sentence_facts(ap, sents), words=words)


def process_and_add(article: Article, writer: IndexWriter) -> ArticleResult:
    """Process one article, then hand its passages to ``writer`` (a build worker's task)."""
    result = process_article(article)
    add_passages(writer, result)
    return result
