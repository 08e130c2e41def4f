"""How far incremental merging drifts from a full merge after a run of one-article rebuilds.

    python -m bench.merge_drift --size 300 --edits 50

Generates a synthetic corpus, merges every account from scratch into a build state, then
applies ``--edits`` random one-article changes (a revised article, a removed one, a new one),
each merged incrementally as a rebuild would. Finally it merges the final corpus from scratch
and compares the two groupings of accounts into events with B-cubed precision and recall
(1.0 and 1.0: identical), and counts accounts whose event differs at all. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.synth import generate_article, generate_corpus, write_article
from index.build.artifacts import ArticleResult, process_article
from index.build.build import _accounts
from index.build.state import BuildState
from index.corpus.loader import load_article
from index.merge.incremental import merge_all, merge_changed


def _groups(db: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Account id -> the ids of every account in its event."""
    out: dict[str, frozenset[str]] = {}
    for (members,) in db.execute("SELECT members FROM clusters"):
        group = frozenset(json.loads(members))
        out.update(dict.fromkeys(group, group))
    return out


def bcubed(inc: dict[str, frozenset[str]], full: dict[str, frozenset[str]]) -> dict[str, Any]:
    ids = sorted(full)
    p = sum(len(inc[a] & full[a]) / len(inc[a]) for a in ids) / len(ids)
    r = sum(len(inc[a] & full[a]) / len(full[a]) for a in ids) / len(ids)
    return {"accounts": len(ids), "precision": round(p, 4), "recall": round(r, 4),
            "accounts_grouped_differently": sum(inc[a] != full[a] for a in ids)}


def run(size: int, edits: int, seed: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="tumen-drift-"))
    corpus = work / "corpus"
    generate_corpus(corpus, size, seed)
    results: dict[str, ArticleResult] = {}
    for path in sorted(corpus.iterdir()):
        r = process_article(load_article(path))
        results[r.doc_id] = r
    inc = BuildState(work / "inc")
    inc.begin(fresh=True)
    merge_all(inc, [a for r in results.values() for a in _accounts(r)])
    rng = random.Random(seed)
    kinds: dict[str, int] = {}
    t0 = time.perf_counter()
    next_new = size
    for _ in range(edits):
        kind = rng.choice(["revise", "revise", "remove", "add"])
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "add":
            article = generate_article(seed, next_new)
            next_new += 1
        else:
            doc_id = rng.choice(sorted(results))
            i = int(doc_id[3:9])  # synNNNNNN_…
            article = generate_article(seed, i, revision=rng.randint(1, 9))
        path = write_article(corpus, article)
        gone = {path.stem} & set(results)
        if kind == "remove":
            path.unlink()
            results.pop(path.stem)
            merge_changed(inc, gone, [])
            continue
        r = process_article(load_article(path))
        results[r.doc_id] = r
        merge_changed(inc, gone, _accounts(r))
    edit_s = time.perf_counter() - t0
    full = BuildState(work / "full")
    full.begin(fresh=True)
    merge_all(full, [a for r in results.values() for a in _accounts(r)])
    out = {"size": size, "edits": kinds, "seconds_per_edit": round(edit_s / max(edits, 1), 3),
           **bcubed(_groups(inc.db), _groups(full.db))}
    inc.close()
    full.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=300)
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.size, args.edits, args.seed), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
