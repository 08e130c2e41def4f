"""Answer truth: how many analyst questions are answered right and how well events are found.

    python bench/answer_truth.py --shared ../shared [--out bench/results/]

Runs, as a user would (this checkout's `tumen` on PATH):
- the development questions and gold events (`<shared>/eval/dev/`) through the shared scorers
  `<shared>/tools/score_questions.py` and `score_events.py`;
- the seed questions (`tests/data/dev_questions.yaml`, over `corpus/`) through the same
  question scorer;
- the seed gold events through `bench/events_eval.py`.
Prints one table and writes `answer-truth.json` and `.md` under ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(cmd: list[str]) -> str:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=env, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} … failed ({done.returncode}):\n"
                         f"{done.stdout[-1500:]}\n{done.stderr[-1500:]}")
    return done.stdout


def _grab(pattern: str, text: str) -> tuple[str, ...]:
    m = re.search(pattern, text)
    if m is None:
        raise SystemExit(f"unexpected scorer output (no {pattern!r}):\n{text[-1500:]}")
    return m.groups()


def questions(scorer: Path, spec: Path, corpus: Path) -> dict[str, object]:
    out = _run([sys.executable, str(scorer), str(spec), str(corpus)])
    right, total, _ = _grab(r"score (\d+)/(\d+) \((\d+)%\)", out)
    cats = {c: f"{a}/{b}" for c, a, b in re.findall(r"^(\w+)\s+(\d+)/(\d+)$", out, re.M)}
    return {"right": int(right), "total": int(total),
            "share": round(int(right) / max(int(total), 1), 3), "by_category": cats}


def dev_events(scorer: Path, gold: Path, corpus: Path) -> dict[str, object]:
    out = _run([sys.executable, str(scorer), str(gold), str(corpus)])
    f1, p, r = _grab(r"events F1 ([\d.]+) \(P ([\d.]+), R ([\d.]+)\)", out)
    exact, dated = _grab(r"exact (\d+)/(\d+)", out)
    pairs, pair_total, wrong = _grab(r"merging: (\d+)/(\d+) same-event pairs.*?; (\d+) system "
                                     r"events join different gold events", out)
    return {"f1": float(f1), "precision": float(p), "recall": float(r),
            "dates_exact": f"{exact}/{dated}", "pairs_merged": f"{pairs}/{pair_total}",
            "wrong_merges": int(wrong)}


def seed_events(gold: Path) -> dict[str, object]:
    out = _run([sys.executable, str(REPO / "bench" / "events_eval.py"), str(gold)])
    p, r, f1 = _grab(r"precision ([\d.]+)\s+recall ([\d.]+)\s+F1 ([\d.]+)", out)
    return {"precision": float(p), "recall": float(r), "f1": float(f1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True,
                    help="the folder holding eval/dev/ and tools/ (the scorers)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    a = ap.parse_args()
    tools, dev = a.shared / "tools", a.shared / "eval" / "dev"
    report = {
        "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "python": platform.python_version(),
        "dev_questions": questions(tools / "score_questions.py", dev / "questions.yaml",
                                   dev / "articles"),
        "dev_events": dev_events(tools / "score_events.py", dev / "gold_events.yaml",
                                 dev / "articles"),
        "seed_questions": questions(tools / "score_questions.py",
                                    REPO / "tests" / "data" / "dev_questions.yaml",
                                    REPO / "corpus"),
        "seed_events": seed_events(a.shared / "eval" / "seed_events.md"),
    }
    q, e, sq, se = (report[k] for k in ("dev_questions", "dev_events", "seed_questions",
                                        "seed_events"))
    rows = [
        ("dev questions right", f"{q['right']}/{q['total']} ({q['share']:.0%})",
         ", ".join(f"{k} {v}" for k, v in q["by_category"].items())),
        ("dev events F1 (P, R)", f"{e['f1']:.2f} ({e['precision']:.2f}, {e['recall']:.2f})",
         f"dates exact {e['dates_exact']}; same-event pairs merged {e['pairs_merged']}; "
         f"wrong merges {e['wrong_merges']}"),
        ("seed questions right", f"{sq['right']}/{sq['total']} ({sq['share']:.0%})", ""),
        ("seed events F1 (P, R)",
         f"{se['f1']:.2f} ({se['precision']:.2f}, {se['recall']:.2f})", ""),
    ]
    md = ["| measure | value | detail |", "| --- | --- | --- |",
          *[f"| {a_} | {b} | {c} |" for a_, b, c in rows]]
    print("\n".join(md))
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "answer-truth.json").write_text(json.dumps(report, indent=1) + "\n")
    (a.out / "answer-truth.md").write_text(
        f"# Answer truth, {report['date']} ({report['machine']}, Python {report['python']})\n\n"
        + "\n".join(md) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
