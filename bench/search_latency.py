"""Search latency over a corpus (default: the shipped seed corpus), warm searcher.

    python bench/search_latency.py [--corpus DIR] [--rounds N] [--out bench/results]

Builds the corpus into a temporary index, then times every query of a mixed list (single words,
several words, phrases, no-hit words, hostile input) through the same `Library.search` the CLI
and the bot use. Prints p50/p95/p99/max in milliseconds and writes JSON and Markdown reports.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.answers.services import Library  # noqa: E402
from index.build.build import build_index  # noqa: E402
from index.errors import TumenError  # noqa: E402

QUERIES = [
    "debt", "Sochi Olympics", '"Sochi Olympics"', "Trutnev", "military exercises", "Putin Kim",
    "Vladivostok summit", "year of friendship", "sanctions relief", "trade rubles",
    "Kim Jong-un visit Moscow May", "zanzibar", "the", "Russia North Korea", "coronavirus kits",
    "????*", "title:x AND OR NOT", "(" * 400, "x" * 499, '"unbalanced quote',
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        summary = build_index(args.corpus, Path(tmp) / "ix")
        build_s = time.perf_counter() - t0
        lib = Library(Path(tmp) / "ix")
        lib.search("warm up")
        times: list[float] = []
        for _ in range(args.rounds):
            for q in QUERIES:
                t = time.perf_counter()
                with contextlib.suppress(TumenError):  # refused queries count too
                    lib.search(q)
                times.append((time.perf_counter() - t) * 1000)
        lib.close()
    result = {
        "benchmark": "search_latency", "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
                   f"{platform.python_version()}",
        "articles": summary.articles, "passages": summary.passages,
        "build_s": round(build_s, 3), "queries": len(times),
        "p50_ms": round(statistics.median(times), 3), "p95_ms": round(percentile(times, 95), 3),
        "p99_ms": round(percentile(times, 99), 3), "max_ms": round(max(times), 3),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "search_latency.json").write_text(json.dumps(result, indent=1) + "\n")
    md = ("| articles | passages | build s | queries | p50 ms | p95 ms | p99 ms | max ms |\n"
          "|---|---|---|---|---|---|---|---|\n"
          f"| {result['articles']} | {result['passages']} | {result['build_s']} | "
          f"{result['queries']} | {result['p50_ms']} | {result['p95_ms']} | {result['p99_ms']} | "
          f"{result['max_ms']} |\n")
    (args.out / "search_latency.md").write_text(md)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
