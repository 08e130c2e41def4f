"""The benchmark run behind `python -m bench`: generate, build, query, compare, report.

Every measurement runs in a child process (`bench.worker`) so that its peak RSS and CPU time are
its own. The build is timed through the public `build_index(corpus_dir, index_dir)` only, so
the same harness measures incremental builds once `build_index` does them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.queries import make_queries
from bench.synth import generate_article, generate_corpus, write_article

REPO = Path(__file__).resolve().parent.parent
ADDED = 100


def machine() -> dict[str, Any]:
    """Where the figures were measured."""
    return {"cpu_count": os.cpu_count(), "python": platform.python_version(),
            "implementation": platform.python_implementation(), "platform": platform.platform(),
            "machine": platform.machine(), "processor": platform.processor() or None}


def run_child(task: str, args: dict[str, Any], timeout: float,
              code: Path = REPO) -> dict[str, Any]:
    """Run one `bench.worker` task in a child process; never raises for the child's failure.

    The child imports `index` from ``code`` (the repository, or a snapshot of its index/) and
    `bench` from the repository.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "bench.worker", task, json.dumps(args)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Its own session, so that on timeout the child and its worker pool are stopped together.
    proc = subprocess.Popen(cmd, cwd=code, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        out: dict[str, Any] = {"status": "timeout", "timeout_s": timeout}
        progress = args.get("progress_file")
        if progress and Path(progress).exists():
            out["progress"] = json.loads(Path(progress).read_text(encoding="utf-8"))
        return out
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0 or not stdout.strip():
        return {"status": "error", "returncode": proc.returncode,
                "stderr": stderr.strip().splitlines()[-5:]}
    result = json.loads(stdout.strip().splitlines()[-1])
    result["status"] = "ok"
    result["child_wall_s"] = round(time.perf_counter() - t0, 3)
    # CPU of the child as the parent sees it (includes interpreter start-up and imports).
    result["child_cpu_s"] = round(after.ru_utime + after.ru_stime
                                  - before.ru_utime - before.ru_stime, 3)
    return result


def _build_args(corpus: Path, index: Path, work: Path) -> dict[str, Any]:
    return {"corpus": str(corpus), "index": str(index),
            "progress_file": str(work / "build-progress.json")}


def _build_figures(b: dict[str, Any]) -> dict[str, Any]:
    if b.get("status") != "ok":
        return b
    wall, ru = b["wall_s"] or 1e-9, b["rusage"]
    # A build may process articles in a worker pool: its CPU is the process's plus the pool's,
    # and each worker has its own peak RSS.
    return {**b, "cpu_s": round(ru["cpu_s"] + ru["children_cpu_s"], 3),
            "maxrss_mb": ru["maxrss_mb"], "pool_worker_maxrss_mb": ru["children_maxrss_mb"],
            "mode": build_mode(b),
            "articles_per_s": round(b["articles"] / wall, 2),
            "passages_per_s": round(b["passages"] / wall, 1),
            "events_per_s": round(b["events"] / wall, 1)}


def _incremental(corpus: Path, index: Path, size: int, seed: int, full: dict[str, Any],
                 timeout: float, added: int, code: Path) -> dict[str, Any]:
    """Rebuild after revising one article, then after adding ``added`` new ones."""
    write_article(corpus, generate_article(seed, 0, revision=1))
    change = _build_figures(run_child("build", _build_args(corpus, index, corpus.parent),
                                      timeout, code))
    for i in range(size, size + added):
        write_article(corpus, generate_article(seed, i))
    add = _build_figures(run_child("build", _build_args(corpus, index, corpus.parent),
                                   timeout, code))
    out: dict[str, Any] = {"change_1": change, f"add_{added}": add}
    previous = full
    for b in out.values():
        if b.get("status") == "ok" and previous.get("status") == "ok":
            b["share_of_full_build"] = round(b["wall_s"] / (full["wall_s"] or 1e-9), 3)
            if b.get("index_code") != previous.get("index_code"):
                # Cached per-article results are keyed by the program: none could be reused.
                b["mode"] += " (index/ code changed since the previous build)"
        previous = b
    return out


def build_mode(b: dict[str, Any]) -> str:
    """Say honestly what a build did, from how many articles it (re)processed."""
    done, total = b.get("articles_processed"), b["articles"]
    if done is None:
        return "unknown"
    if done >= total:
        return f"full: processed all {total} articles"
    return f"incremental: re-processed {done} of {total} articles"


def _latency_summary(latency_ms: dict[str, list[float]]) -> dict[str, Any]:
    every = [v for vs in latency_ms.values() for v in vs]
    out = {kind: report.percentiles(vs) for kind, vs in sorted(latency_ms.items())}
    out["all"] = report.percentiles(every)
    return out


def run(size: int, out_dir: Path, *, seed: int = 7, queries: int = 1000,
        workdir: Path | None = None, keep: bool = False, incremental: bool = True,
        stage_sample: int = 1000, timeout: float = 7200.0,
        added: int = ADDED, snapshot: bool = False) -> dict[str, Any]:
    """The whole benchmark at one corpus size; writes ``bench-<size>.json`` and ``.md``.

    ``snapshot`` runs every child on a copy of index/ taken now, so that others editing the
    shared tree during the run change neither the figures nor the rebuilds' cache keys.
    """
    work = workdir or Path(tempfile.mkdtemp(prefix=f"tumen-bench-{size}-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, index = work / "corpus", work / "index"
    code = REPO
    if snapshot:
        code = work / "code"
        shutil.copytree(REPO / "index", code / "index", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    try:
        t0 = time.perf_counter()
        manifest = generate_corpus(corpus, size, seed)
        gen_s = time.perf_counter() - t0
        qs = make_queries(manifest, queries, seed)
        qfile = work / "queries.json"
        qfile.write_text(json.dumps(qs, ensure_ascii=False), encoding="utf-8")
        result: dict[str, Any] = {
            "benchmark": "tumen", "size": size, "seed": seed,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(), "index_code": "snapshot" if snapshot else "live tree",
            "corpus": {"articles": len(manifest.doc_ids), "generate_s": round(gen_s, 2),
                       "bytes": sum(p.stat().st_size for p in corpus.iterdir()),
                       "lexicon_words_used": len(manifest.words)},
        }
        build = _build_figures(run_child("build", _build_args(corpus, index, work), timeout,
                                         code))
        result["full_build"] = build
        built = build.get("status") == "ok"
        serve = (run_child("serve", {"index": str(index), "queries": str(qfile)}, timeout, code)
                 if built else {"status": "skipped: no index (full build did not finish)"})
        fts = run_child("fts5", {"corpus": str(corpus), "db": str(work / "fts5.db"),
                                 "queries": str(qfile)}, timeout, code)
        result["queries"] = _queries_section(serve, len(qs))
        result["memory"] = ({"bot_process_rss_mb": serve["rusage"]["maxrss_mb"],
                             "interpreter_rss_mb": serve["interpreter_rss_mb"],
                             "open_s": serve["open_s"], "warm_s": serve.get("warm_s")}
                            if serve.get("status") == "ok" else {"status": serve.get("status")})
        result["fts5"] = _fts5_section(fts, serve, build)
        result["stages"] = run_child("stages", {"corpus": str(corpus),
                                                "sample": min(size, stage_sample)}, timeout,
                                     code)
        result["incremental"] = (_incremental(corpus, index, size, seed, build, timeout, added,
                                              code)
                                 if incremental and built
                                 else {"status": "skipped", "change_1": {}, f"add_{added}": {}})
        result["incremental"]["note"] = (
            "build_index(corpus_dir, index_dir) after revising 1 article and then after adding "
            f"{added}, into the same index directory; 'mode' counts the articles it processed "
            "again (all of them = a full rebuild, e.g. when index/ code changed in between)")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"bench-{size}.json").write_text(json.dumps(result, indent=1) + "\n",
                                                encoding="utf-8")
    (out_dir / f"bench-{size}.md").write_text(report.markdown(result), encoding="utf-8")
    return result


def _queries_section(serve: dict[str, Any], n: int) -> dict[str, Any]:
    if serve.get("status") != "ok":
        return {"count": n, "status": serve.get("status"), "detail": serve}
    return {"count": n, "warm": True, "refused": serve["refused"],
            "latency": _latency_summary(serve["latency_ms"])}


def _fts5_section(fts: dict[str, Any], serve: dict[str, Any],
                  build: dict[str, Any]) -> dict[str, Any]:
    if fts.get("status") != "ok":
        return {"status": fts.get("status"), "detail": fts}
    search = report.percentiles(fts["latency_ms"].get("search", []))
    out: dict[str, Any] = {
        "passages": fts["passages"], "build_s": fts["build_s"], "prepare_s": fts["prepare_s"],
        "index_s": fts["index_s"], "db_mb": fts["db_mb"], "maxrss_mb": fts["rusage"]["maxrss_mb"],
        "search": search,
    }
    if serve.get("status") == "ok":
        tumen = report.percentiles(serve["latency_ms"].get("search", []))
        out["latency_ratio_tumen_over_fts5"] = {
            k: round(tumen[k] / search[k], 2) if search.get(k) else None
            for k in ("p50_ms", "p95_ms", "p99_ms")}
    if build.get("status") == "ok":
        out["build_ratio_tumen_over_fts5"] = round(build["wall_s"] / fts["build_s"], 2)
        out["build_ratio_note"] = ("Tumen full build vs FTS5 over the same passages "
                                   "(load + clean + split + insert; no event extraction)")
    return out
