"""Throughput of ``index.timex.tag`` in sentences per second on one core.

    .venv/bin/python bench/timex_speed.py [TEXT_DIR_OR_FILE ...] [--repeat N] [--dct YYYY-MM-DD]

With no path, times the sentences of the repo's ``corpus/*.md``; a directory path uses its
``*.txt`` files (e.g. the TBAQ text written by bench/tempeval.py --out DIR, i.e. DIR/text).
Each document is tagged whole (as the index does); sentences are counted with a simple splitter
so the figure is comparable across inputs.  Target: >= 5,000 sentences/s.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.timex import tag  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])['\"”’)]*\s+(?=[A-Z\"“‘'(])|\n\s*\n")


def load(paths: list[str]) -> list[str]:
    """Documents to tag: the given files/directories, or the repo corpus."""
    files: list[Path] = []
    if not paths:
        files = sorted((ROOT / "corpus").glob("*.md"))
    for p in map(Path, paths):
        files += sorted(p.glob("*.txt")) if p.is_dir() else [p]
    docs = []
    for f in files:
        with open(f, encoding="utf-8", newline="") as fh:
            docs.append(fh.read())
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=0, help="passes (default: enough for ~2 s)")
    ap.add_argument("--dct", default="2015-02-18")
    args = ap.parse_args(argv)
    docs = load(args.paths)
    if not docs:
        raise SystemExit("no documents")
    sentences = sum(len(_SENT.split(d)) for d in docs)
    chars = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    found = sum(len(tag(d, args.dct)) for d in docs)  # warm-up, also counts timexes
    one_pass = time.perf_counter() - t0
    repeat = args.repeat or max(1, int(2.0 / max(one_pass, 1e-6)))
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            tag(d, args.dct)
    elapsed = time.perf_counter() - t0
    rate = sentences * repeat / elapsed
    print(f"{len(docs)} documents, {sentences} sentences, {chars} characters, {found} timexes")
    print(f"{repeat} passes in {elapsed:.2f} s: {rate:,.0f} sentences/s, "
          f"{chars * repeat / elapsed / 1e6:.2f} M chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
