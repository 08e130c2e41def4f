"""Score ``index.timex`` on TempEval-3 TimeML data with the shared scorer.

    .venv/bin/python bench/tempeval.py [DATA_DIR] [TOOLS_DIR] [--split all|timebank|aquaint|both]
                                       [--out DIR] [--json RES.json] [--show-errors N]

DATA_DIR defaults to ../shared/data/tempeval3/tbaq and TOOLS_DIR to ../shared/tools/tempeval,
both relative to the repository root.  The pipeline: the tools' extract_text.py writes each
document's plain text and DCT, the tagger writes one JSONL per document, score.py scores them.
Prints strict/relaxed/value/type F1 (and type accuracy) for ALL types and for DATE+TIME.

``--split`` scores a held-out half: ``timebank`` or ``aquaint`` (TBAQ's two sub-corpora, the
TimeBank/ and AQUAINT/ folders), ``both`` (each half on its own, one after the other) or ``all``
(the whole corpus, the default).  Developing on one half and measuring on the other tells a
general rule from one fitted to the documents looked at.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.timex import tag  # noqa: E402


def run_tagger(text_dir: Path, out_dir: Path) -> int:
    """Tag every <doc>.txt in ``text_dir`` (DCT from <doc>.dct) into <doc>.jsonl files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for txt in sorted(text_dir.glob("*.txt")):
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        dct_file = txt.with_suffix(".dct")
        dct = dct_file.read_text(encoding="utf-8").strip() if dct_file.exists() else ""
        lines = [json.dumps({"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                             "value": t.value}, ensure_ascii=False)
                 for t in tag(text, dct or None)]
        (out_dir / (txt.stem + ".jsonl")).write_text("".join(x + "\n" for x in lines),
                                                     encoding="utf-8")
        n += 1
    return n


# The sub-corpora of TBAQ-cleaned, by the name --split gives them.
SPLITS = {"timebank": "TimeBank", "aquaint": "AQUAINT"}


def _f1(scope: dict[str, object], *names: str) -> float | None:
    """A metric of the scorer's JSON by dotted key path (first path that exists)."""
    for name in names:
        node: object = scope
        for part in name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, int | float):
            return float(node)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared/data/tempeval3/tbaq"))
    ap.add_argument("tools", nargs="?", default=str(ROOT.parent / "shared/tools/tempeval"))
    ap.add_argument("--out", help="keep text and output here instead of a temp dir")
    ap.add_argument("--json", help="write the scorer's JSON results here")
    ap.add_argument("--show-errors", type=int, default=0, help="print N errors (see --types)")
    ap.add_argument("--types", default="DATE,TIME", help="restricted scope passed to score.py")
    ap.add_argument("--split", choices=("all", *SPLITS, "both"), default="all",
                    help="score one sub-corpus (a held-out half), each in turn, or all")
    args = ap.parse_args(argv)

    if args.split == "all":
        return _score(Path(args.data), args, args.out, args.json, "")
    names = list(SPLITS) if args.split == "both" else [args.split]
    for name in names:
        out = str(Path(args.out) / name) if args.out else None
        res = str(Path(args.json).with_suffix(f".{name}.json")) if args.json else None
        _score(Path(args.data) / SPLITS[name], args, out, res, name)
    return 0


def _score(data: Path, args: argparse.Namespace, out: str | None, res_json: str | None,
           label: str) -> int:
    """Extract, tag and score one gold folder; print its figures under ``label``."""
    if not data.is_dir() and not data.is_file():
        raise SystemExit(f"no gold data at {data}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(out) if out else Path(tmp)
        text_dir, sys_dir = work / "text", work / "system"
        subprocess.run([sys.executable, str(Path(args.tools) / "extract_text.py"), str(data),
                        str(text_dir)], check=True, stdout=subprocess.DEVNULL)
        n = run_tagger(text_dir, sys_dir)
        res_path = Path(res_json) if res_json else work / "results.json"
        cmd = [sys.executable, str(Path(args.tools) / "score.py"), str(data), str(sys_dir),
               "--json", str(res_path), "--types", args.types]
        if args.show_errors:
            cmd += ["--show-errors", str(args.show_errors)]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        if args.show_errors:
            print(done.stdout)
        results = json.loads(res_path.read_text(encoding="utf-8"))
    print(f"{label + ': ' if label else ''}{n} documents")
    for scope_name, scope in _scopes(results.get("results", results)):
        figures = {m: _f1(scope, f"{m}.F1") for m in
                   ("strict", "relaxed", "value", "type")}
        shown = "  ".join(f"{m} F1 {v * 100:6.2f}" if v is not None else f"{m} F1 ?"
                          for m, v in figures.items())
        acc = _f1(scope, "type.accuracy")
        shown += f"  type acc {acc * 100:6.2f}" if acc is not None else ""
        print(f"{scope_name:10s} {shown}")
    return 0


def _scopes(results: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    """The ALL and DATE+TIME blocks of the scorer's JSON, whatever their exact keys."""
    found = []
    for key, val in results.items():
        if isinstance(val, dict) and any(k in val for k in ("strict", "relaxed", "value")):
            found.append((key, val))
    return found


if __name__ == "__main__":
    sys.exit(main())
