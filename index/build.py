"""Building a new index generation from the corpus and switching it in.

A build never touches the served generation: it writes a new one beside it and switches the
pointer only when everything was written. Anything that goes wrong before the switch leaves the
old generation serving and removes the partial one.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from index.buildlock import BuildLock
from index.errors import BuildError
from index.events.extract import Sentence, annotate, date_of, extract_events
from index.events.merge import merge_events
from index.events.model import Event
from index.events.store import write_events
from index.loader import DEFAULT_MAX_BYTES, Problem, load_corpus
from index.passages import ArticlePassages, make_passages
from index.schema import passage_schema
from index.store import (
    META,
    VOCABULARY,
    WHOOSH_DIR,
    Generation,
    new_generation_dir,
    read_pointer,
    remove_stale_generations,
    switch_to,
)

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W\d_]{4,}")

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, doc_id)`` while articles are processed."""


@dataclass
class BuildSummary:
    """What a build did, for the CLI, `/reindex` and `/status`."""

    generation: str
    built_at: str
    duration_s: float
    articles: int
    passages: int
    events: int = 0
    merged: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        out["skipped"] = [{"path": p.path, "message": p.message} for p in self.skipped]
        return out


def _previous_articles(index_dir: Path) -> dict[str, dict[str, object]]:
    """Article records of the served generation (empty if none or unreadable)."""
    name = read_pointer(index_dir)
    if name is None:
        return {}
    try:
        meta = json.loads((index_dir / name / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta.get("articles", {})


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


def _write_whoosh(gen_dir: Path, processed: list[ArticlePassages], events: list[Event],
                  facts: dict[str, dict[str, list]]) -> None:
    wdir = gen_dir / WHOOSH_DIR
    wdir.mkdir()
    write_events(wdir, events, processed)
    ix = whoosh_index.create_in(str(wdir), passage_schema(), indexname="passages")
    writer = ix.writer(limitmb=256)
    try:
        for ap in processed:
            meta = ap.article.meta
            for p in ap.passages:
                writer.add_document(
                    passage_id=p.passage_id, doc_id=p.doc_id, n=p.n, text=p.text,
                    title=meta.title, publisher=meta.publisher, date=meta.date or "",
                    year=meta.year if meta.year is not None else 0,
                    sentences=[list(s) for s in p.sentences],
                    dates=facts[p.passage_id]["dates"], actors=facts[p.passage_id]["actors"],
                )
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()


def build_index(corpus_dir: Path, index_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Progress | None = None) -> BuildSummary:
    """Build a complete new generation from ``corpus_dir`` and serve it.

    Raises:
        BuildError: another build is running, or nothing could be indexed; the served
            generation (if any) is untouched.
        CorpusError: the corpus directory is missing.
    """
    started = time.monotonic()
    with BuildLock(index_dir):
        report = load_corpus(corpus_dir, max_bytes=max_bytes)
        if not report.articles:
            why = (f"all {len(report.problems)} article files were rejected"
                   if report.problems else f"no .md or .txt articles in {corpus_dir}")
            raise BuildError(f"nothing to index: {why}; the current index keeps serving")
        processed: list[ArticlePassages] = []
        total = len(report.articles)
        for i, article in enumerate(report.articles, start=1):
            ap = make_passages(article)
            if not ap.passages:
                report.problems.append(Problem(Path(article.meta.path).name,
                                               "nothing left after removing boilerplate"))
            else:
                processed.append(ap)
            if progress is not None:
                progress(i, total, article.meta.doc_id)
        if not processed:
            raise BuildError("nothing to index: no article has any text after cleaning; "
                             "the current index keeps serving")
        extracted: list[Event] = []
        facts: dict[str, dict[str, list]] = {}
        for ap in processed:
            sents = annotate(ap)
            extracted += extract_events(ap, sents)
            facts.update(_sentence_facts(ap, sents))
        events = merge_events(extracted)
        previous = _previous_articles(index_dir)
        gen_dir = new_generation_dir(index_dir)
        try:
            summary = _write_generation(gen_dir, corpus_dir, processed, events, facts,
                                        len(extracted) - len(events), report.problems,
                                        previous, started)
            # Prove the new generation opens before anyone is pointed at it.
            Generation.open(gen_dir).close()
            switch_to(index_dir, gen_dir)
        except BaseException:
            shutil.rmtree(gen_dir, ignore_errors=True)
            raise
        remove_stale_generations(index_dir)
    return summary


def _write_generation(gen_dir: Path, corpus_dir: Path, processed: list[ArticlePassages],
                      events: list[Event], facts: dict[str, dict[str, list]], merged: int,
                      problems: list[Problem],
                      previous: dict[str, dict[str, object]], started: float) -> BuildSummary:
    try:
        _write_whoosh(gen_dir, processed, events, facts)
    except OSError as exc:
        raise BuildError(f"could not write the new index ({exc.strerror or exc}); "
                         "the current index keeps serving") from exc
    articles = {}
    for ap in processed:
        m = ap.article.meta
        articles[m.doc_id] = {
            "title": m.title, "publisher": m.publisher, "date": m.date, "url": m.url,
            "author": m.author, "date_basis": m.date_basis, "path": Path(m.path).name,
            "sha256": ap.article.sha256, "passages": len(ap.passages),
            "dropped": [{"text": d.text, "reason": d.reason} for d in ap.dropped],
        }
    now = set(articles)
    before = set(previous)
    summary = BuildSummary(
        generation=gen_dir.name,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        duration_s=round(time.monotonic() - started, 3),
        articles=len(articles),
        passages=sum(a["passages"] for a in articles.values()),
        events=len(events),
        merged=merged,
        added=sorted(now - before),
        updated=sorted(d for d in now & before
                       if previous[d].get("sha256") != articles[d]["sha256"]),
        removed=sorted(before - now),
        skipped=problems,
        dropped={d: len(a["dropped"]) for d, a in articles.items() if a["dropped"]},
    )
    words = {w.lower() for ap in processed for p in ap.passages
             for w in _WORDS.findall(p.text)}
    (gen_dir / VOCABULARY).write_text(json.dumps(sorted(words), ensure_ascii=False),
                                      encoding="utf-8")
    meta = {"format": 1, "corpus_dir": str(corpus_dir), "summary": summary.to_json(),
            "articles": articles}
    try:
        # meta.json is written last: a generation without it is incomplete by definition.
        (gen_dir / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"could not write the new index ({exc.strerror or exc}); "
                         "the current index keeps serving") from exc
    log.info("built %s: %d articles, %d passages, %d skipped", gen_dir.name,
             summary.articles, summary.passages, len(problems))
    return summary
