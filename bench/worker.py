"""The measurements that run in child processes, so each has its own peak RSS and CPU time.

    python -m bench.worker TASK '<json arguments>'

Prints one JSON object on its last stdout line. Every result carries ``rusage``: this process's
own peak RSS (``ru_maxrss``) and CPU seconds, which the parent cross-checks with
``RUSAGE_CHILDREN``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.errors import TumenError


def _rusage() -> dict[str, float]:
    """This process's peak RSS and CPU, and those of the children it waited for (a build's
    worker pool): the largest child's peak RSS and the children's CPU summed."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Linux reports ru_maxrss in KiB (macOS in bytes; this harness targets Linux).
    return {"maxrss_mb": round(me.ru_maxrss / 1024, 1),
            "cpu_s": round(me.ru_utime + me.ru_stime, 3),
            "children_maxrss_mb": round(kids.ru_maxrss / 1024, 1),
            "children_cpu_s": round(kids.ru_utime + kids.ru_stime, 3)}


def _timed_queries(run: Callable[[str, str], Any], queries: list[list[str]]) -> dict[str, Any]:
    """Latency in ms of each query, grouped by command; refused queries are timed too."""
    by_kind: dict[str, list[float]] = {}
    refused = 0
    for kind, text in queries:
        t = time.perf_counter()
        try:
            run(kind, text)
        except TumenError:  # "nothing to search for", "no such source": an answer, too
            refused += 1
        by_kind.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
    return {"latency_ms": by_kind, "refused": refused}


def _count_cleaned() -> list[int]:
    """Count `make_passages` calls: how many articles a build really (re)processed.

    Patched before `index.build.build` is imported, so every ``from index.corpus.passages import
    make_passages`` binds the counting wrapper, wherever a future build calls it from.
    """
    import index.corpus.passages as passages
    calls = [0]
    original = passages.make_passages

    def counting(article: Any) -> Any:
        calls[0] += 1
        return original(article)

    passages.make_passages = counting
    return calls


def code_version() -> str:
    """A hash of index/'s code and data: if it differs between two builds, the second could
    not reuse the first's per-article results (they are keyed by the program too)."""
    import index
    root = Path(index.__file__).resolve().parent  # the index/ this process imported
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def task_build(corpus: str, index: str, progress_file: str | None = None) -> dict[str, Any]:
    """One `build_index` call, as the CLI makes it; progress goes to ``progress_file`` so that
    a build stopped for taking too long still tells how far it got."""
    cleaned = _count_cleaned()
    version = code_version()
    from index.build.build import build_index
    from index.build.buildprogress import STAGES
    t0 = time.perf_counter()

    def progress(done: int, total: int, doing: str) -> None:
        # Steps: one per article, then the merge's and the events index's shares.
        if progress_file and (done == total or done % 100 == 0 or doing in STAGES):
            Path(progress_file).write_text(json.dumps(
                {"steps_done": done, "steps": total, "doing": doing,
                 "elapsed_s": round(time.perf_counter() - t0, 1)}), encoding="utf-8")

    s = build_index(Path(corpus), Path(index), progress=progress)
    # The build's own count when it keeps one (incremental builds do); else the calls seen
    # here, which miss articles processed in a worker pool.
    processed = getattr(s, "reprocessed", None)
    return {"wall_s": round(time.perf_counter() - t0, 3), "articles": s.articles,
            "articles_processed": cleaned[0] if processed is None else processed,
            "index_code": version,
            "passages": s.passages, "events": s.events, "merged": s.merged,
            "added": len(s.added), "updated": len(s.updated), "removed": len(s.removed),
            "skipped": len(s.skipped), "phases_s": getattr(s, "phases", None)}


def task_serve(index: str, queries: str, warmup: int = 20) -> dict[str, Any]:
    """The bot stand-in: open the index once, answer every query with the same `Library`."""
    from index.answers.services import Library
    qs = json.loads(Path(queries).read_text(encoding="utf-8"))
    rss_start = _rusage()["maxrss_mb"]
    t0 = time.perf_counter()
    lib = Library(Path(index))
    calls = {"search": lib.search, "when": lib.when, "who": lib.who}
    with contextlib.suppress(TumenError):
        lib.search("warm up")
    open_s = time.perf_counter() - t0
    warm_s = lib.warm()  # as the bot does before it goes online
    for kind, text in qs[:warmup]:
        with contextlib.suppress(TumenError):
            calls[kind](text)
    out = _timed_queries(lambda kind, text: calls[kind](text), qs)
    lib.close()
    return {**out, "open_s": round(open_s, 3), "warm_s": round(warm_s, 3),
            "interpreter_rss_mb": rss_start}


def task_fts5(corpus: str, db: str, queries: str, warmup: int = 20) -> dict[str, Any]:
    """The same passages in SQLite FTS5: build, then the same `/search` queries."""
    from bench import fts5
    from index.corpus.loader import load_corpus
    from index.corpus.passages import make_passages
    t0 = time.perf_counter()
    report = load_corpus(Path(corpus))
    passages = [p for a in report.articles for p in make_passages(a).passages]
    prep_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    con = fts5.create(Path(db))
    n = fts5.insert(con, passages)
    with con:  # merge the b-tree segments, as a finished index would be
        con.execute("INSERT INTO passages(passages) VALUES ('optimize')")
    index_s = time.perf_counter() - t1
    qs = [q for q in json.loads(Path(queries).read_text(encoding="utf-8")) if q[0] == "search"]
    for _, text in qs[:warmup]:
        fts5.search(con, text)
    out = _timed_queries(lambda _kind, text: fts5.search(con, text), qs)
    con.close()
    return {**out, "passages": n, "prepare_s": round(prep_s, 3), "index_s": round(index_s, 3),
            "build_s": round(prep_s + index_s, 3),
            "db_mb": round(Path(db).stat().st_size / 2**20, 1)}


def task_stages(corpus: str, sample: int) -> dict[str, Any]:
    """Throughput of the pipeline's stages on one core, on the first ``sample`` articles."""
    from index.corpus.loader import article_paths, load_article
    from index.corpus.passages import make_passages
    from index.events.extract import extract_events
    from index.merge.merge import merge_events
    from index.names.actors import ActorContext
    from index.timex import tag
    with contextlib.suppress(AttributeError, OSError):  # one core, as the brief asks
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = article_paths(Path(corpus))[:sample]
    t = time.perf_counter()
    articles = [load_article(p) for p in paths]
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    aps = [make_passages(a) for a in articles]
    passages_s = time.perf_counter() - t
    sentences = sum(len(p.sentences) for ap in aps for p in ap.passages)
    texts = [("\n\n".join(p.text for p in ap.passages), ap.article.meta.date) for ap in aps]
    t = time.perf_counter()
    timexes = sum(len(tag(text, dct)) for text, dct in texts)
    tag_s = time.perf_counter() - t
    t = time.perf_counter()
    mentions = 0
    for ap in aps:
        ctx = ActorContext()
        mentions += sum(len(ctx.find_mentions(s)) for p in ap.passages for s in p.sentence_texts())
    actors_s = time.perf_counter() - t
    t = time.perf_counter()
    events = [e for ap in aps for e in extract_events(ap)]
    extract_s = time.perf_counter() - t
    t = time.perf_counter()
    merged = merge_events(events)
    merge_s = time.perf_counter() - t
    n = len(articles)
    return {
        "articles": n, "sentences": sentences, "timexes": timexes, "mentions": mentions,
        "events": len(events), "events_merged": len(merged),
        "seconds": {"load": round(load_s, 3), "clean_split": round(passages_s, 3),
                    "tag": round(tag_s, 3), "actors": round(actors_s, 3),
                    "extract": round(extract_s, 3), "merge": round(merge_s, 3)},
        "tagger_sentences_per_s": round(sentences / tag_s, 1) if tag_s else None,
        "extraction_articles_per_s": round(n / extract_s, 2) if extract_s else None,
        "clean_split_articles_per_s": round(n / passages_s, 1) if passages_s else None,
    }


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "build": task_build, "serve": task_serve, "fts5": task_fts5, "stages": task_stages,
}


def main(argv: list[str]) -> int:
    task, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = TASKS[task](**args)
    result["rusage"] = _rusage()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
