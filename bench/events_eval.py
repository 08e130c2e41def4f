"""Event extraction precision and recall against the hand-made gold events of the seed articles.

    python bench/events_eval.py [../shared/eval/seed_events.md] [--corpus corpus] [--show]

A system event matches a gold event when it comes from the same article, its sentence contains
the gold row's cue, and its action type corresponds. Dates of matched events are compared at the
gold's precision ("–" rows have no usable date). Prints P/R/F1 and date accuracy; with --show,
every gold row and what matched it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.corpus.loader import load_corpus  # noqa: E402
from index.corpus.passages import make_passages  # noqa: E402
from index.events.extract import extract_events  # noqa: E402

# Gold CAMEO-style labels → this project's action types (several where the gold is broader).
_MILITARY = {"military", "deployment", "arms", "exercise"}
TYPES = {"VISIT": {"visit"}, "MEET": {"meeting"}, "INVITE": {"invitation"},
         "AGREE": {"agreement"}, "DEBT_RELIEF": {"debt_relief"},
         "ECON": {"trade", "infrastructure"}, "MIL": _MILITARY, "AID": {"aid"},
         "SANCTIONS": {"sanctions"}, "COOPERATE": {"statement", "trade", *_MILITARY},
         "NEGOTIATE": {"meeting", "trade"}}
_ROW = re.compile(r"^\|\s*(G\d+)\s*\|\s*(\d{3})\s*\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|([^|]*)\|")


def gold_rows(path: Path) -> list[dict[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _ROW.match(line):
            gid, doc, date, typ, _, _, cue = (g.strip() for g in m.groups())
            rows.append({"id": gid, "doc": doc, "date": date.split()[0],
                         "type": typ.split()[0].upper(), "cue": cue})
    return rows


def date_ok(gold: str, system: str | None) -> bool | None:
    if gold in ("–", "-"):
        return None
    if system is None:
        return False
    options = [g.strip() for g in gold.split(" or ")]
    return any(system == g or system.split("/")[0] == g.split("/")[0] for g in options)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path,
                        default=REPO.parent / "shared" / "eval" / "seed_events.md")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    gold = gold_rows(args.gold)
    system = []
    for article in load_corpus(args.corpus).articles:
        ap = make_passages(article)
        texts = {p.passage_id: p.text for p in ap.passages}
        for e in extract_events(ap):
            ev = e.evidence[0]
            sentence = texts[ev.passage_id][ev.sentence[0]:ev.sentence[1]]
            system.append((article.meta.doc_id[:3], e, sentence))
    matched_sys: set[int] = set()
    hits, dates_right, dates_total = 0, 0, 0
    for g in gold:
        cue = g["cue"].rstrip(" .…")[:40].lower()
        found = [i for i, (doc, e, sent) in enumerate(system) if doc == g["doc"]
                 and cue in sent.lower() and e.action in TYPES.get(g["type"], set())]
        if found:
            hits += 1
            matched_sys.update(found)
            value = system[found[0]][1].date.value if system[found[0]][1].date else None
            ok = date_ok(g["date"], value)
            if ok is not None:
                dates_total += 1
                dates_right += ok
        if args.show:
            shown = [(system[i][1].action, system[i][1].date) for i in found]
            what = ", ".join(f"{a} {d.value if d else '-'}" for a, d in shown) or "MISSED"
            print(f"{g['id']:4} {g['doc']} {g['type']:11} {g['date']:22} {what}")
    if args.show:
        for i, (doc, e, sent) in enumerate(system):
            if i not in matched_sys:
                print(f"  FP {doc} {e.action} {e.date.value if e.date else '-'} | {e.summary}"
                      f" || {sent[:150]}")
    precision = len(matched_sys) / len(system) if system else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"gold events {len(gold)}, system events {len(system)}")
    print(f"precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}  "
          f"date accuracy on matched {dates_right}/{dates_total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
