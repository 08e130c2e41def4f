"""`python -m bench --size 1000 --out bench/results/`: the whole Tumen benchmark at one size.

Generates a synthetic corpus (`bench.synth`), then in child processes: a full build, a rebuild
after revising 1 article and after adding 100, 1,000 warm mixed `/search`/`/when`/`/who` queries
(latency and the process's RSS), the same `/search` queries against SQLite FTS5 over the same
passages, and per-stage throughput on one core. Writes ``bench-<size>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.harness import run
from bench.report import markdown


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000, help="articles: 1000, 10000 or 100000")
    ap.add_argument("--out", type=Path, default=Path("bench/results"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--stage-sample", type=int, default=1000,
                    help="articles timed stage by stage (the first N)")
    ap.add_argument("--timeout", type=float, default=7200.0,
                    help="seconds any one child (e.g. a build) may take before it is stopped")
    ap.add_argument("--no-incremental", action="store_true", help="skip the two rebuilds")
    ap.add_argument("--added", type=int, default=100, help="articles added for the 2nd rebuild")
    ap.add_argument("--snapshot-code", action="store_true",
                    help="run on a copy of index/ taken at the start (a shared tree may change)")
    ap.add_argument("--workdir", type=Path, help="where corpus and index go (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args = ap.parse_args(argv)
    result = run(args.size, args.out, seed=args.seed, queries=args.queries,
                 workdir=args.workdir, keep=args.keep, incremental=not args.no_incremental,
                 stage_sample=args.stage_sample, timeout=args.timeout, added=args.added,
                 snapshot=args.snapshot_code)
    sys.stdout.write(markdown(result))
    print(f"\nwrote {args.out / f'bench-{args.size}.json'} and .md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
