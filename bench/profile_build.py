"""Profile one full build of a synthetic corpus with cProfile.

    python -m bench.profile_build --size 1000 --out bench/results/ [--corpus DIR]

Writes ``profile-build-<size>.txt``: the pipeline stages' cumulative time, then the top 25
entries by cumulative time and the top 25 by own time. Profiling slows Python code about 2–3×,
unevenly, so use it for shares of the time, not for speed.

cProfile sees one process only, so the build is made to process articles in this process (it
sizes its worker pool by ``os.cpu_count()``, which reports 1 here while profiling).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import tempfile
import time
from pathlib import Path
from unittest import mock

from bench.synth import generate_corpus
from index.build.build import build_index

# (label, function names, path fragment): the stages a build goes through, under the names the
# code has had. A stage the code no longer has is reported as absent, not as zero.
STAGES = [
    ("load + validate", ("load_corpus",), "index/corpus/loader.py"),
    ("per-article processing", ("process_article", "_process"), "index/"),
    ("  clean + passages", ("make_passages",), "index/corpus/passages.py"),
    ("    cleaning", ("clean",), "index/corpus/clean.py"),
    ("    sentence splitting", ("split_sentences",), "index/corpus/sentences.py"),
    ("  annotate sentences", ("annotate",), "index/events/extract.py"),
    ("    time tagging", ("tag",), "index/timex/"),
    ("    actor recognition", ("find_mentions",), "index/names/actors.py"),
    ("  event extraction (rules)", ("extract_events",), "index/events/extract.py"),
    ("merging events", ("merge_all", "merge_events"), "index/events/"),
    ("  storing merged events", ("_store",), "index/merge/incremental.py"),
    ("  storing accounts", ("_put_accounts",), "index/merge/incremental.py"),
    ("build state: articles", ("put_article",), "index/build/state.py"),
    ("writing events (Whoosh)", ("write_events",), "index/"),
    ("writing passages (Whoosh)", ("_write_whoosh", "write_passages", "add", "commit"), "index/"),
    ("Whoosh commit (both)", ("commit",), "whoosh/writing.py"),
]


def stage_table(stats: pstats.Stats, total: float) -> list[str]:
    """Cumulative seconds and share of the build for each named stage."""
    raw = stats.stats  # type: ignore[attr-defined]  # pstats keeps its table here
    lines = [f"{'stage':32} {'cum s':>9} {'share':>7}"]
    for label, names, fragment in STAGES:
        cums = [ct for (file, _line, fn), (_cc, _nc, _tt, ct, _callers) in raw.items()
                if fn in names and fragment in file]
        if not cums:
            lines.append(f"{label:32} {'absent':>9}")
            continue
        # Several entries (recursion, two definitions): the largest is the outermost call.
        cum = max(cums) if fragment != "whoosh/writing.py" else sum(cums)
        lines.append(f"{label:32} {cum:9.2f} {cum / total:7.1%}")
    return lines


def profile(corpus: Path, size: int, out_dir: Path) -> Path:
    """Profile ``build_index`` over ``corpus`` into a fresh index; returns the report path."""
    with tempfile.TemporaryDirectory(prefix="tumen-profile-") as tmp:
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        with mock.patch("os.cpu_count", return_value=1):
            prof.enable()
            summary = build_index(corpus, Path(tmp) / "index")
            prof.disable()
        wall = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    total = max(ct for (_f, _l, fn), (*_, ct, _c) in stats.stats.items()  # type: ignore[attr-defined]
                if fn == "build_index")
    buf = io.StringIO()
    head = [f"cProfile of build_index over {summary.articles} synthetic articles "
            f"({summary.passages} passages, {summary.events} events), {time.strftime('%Y-%m-%d')}",
            f"profiled wall time {wall:.1f} s (profiling overhead included; one process)", ""]
    buf.write("\n".join([*head, *stage_table(stats, total), "", ""]))
    for key, title in (("cumulative", "Top 25 by cumulative time"),
                       ("tottime", "Top 25 by own time")):
        buf.write(f"== {title} ==\n")
        pstats.Stats(prof, stream=buf).sort_stats(key).print_stats(25)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"profile-build-{size}.txt"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path("bench/results"))
    ap.add_argument("--corpus", type=Path, help="an existing corpus (default: generate one)")
    args = ap.parse_args(argv)
    tmp = None
    corpus = args.corpus
    if corpus is None:
        tmp = Path(tempfile.mkdtemp(prefix="tumen-profile-corpus-"))
        corpus = tmp / "corpus"
        generate_corpus(corpus, args.size, args.seed)
    try:
        path = profile(corpus, args.size, args.out)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(path.read_text(encoding="utf-8")[:4000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
