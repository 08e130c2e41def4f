"""Percentiles and the Markdown table of a `python -m bench` result."""

from __future__ import annotations

import statistics
from typing import Any


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (the same definition as bench/search_latency.py)."""
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def percentiles(values: list[float]) -> dict[str, Any]:
    """p50/p95/p99/max in ms, rounded; empty input gives ``n: 0`` only."""
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50_ms": round(statistics.median(values), 3),
            "p95_ms": round(percentile(values, 95), 3),
            "p99_ms": round(percentile(values, 99), 3), "max_ms": round(max(values), 3)}


def _get(d: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return "—"
        d = d[key]
    return d


def _build_row(name: str, b: dict[str, Any]) -> str:
    if b.get("status") == "timeout":
        pr = b.get("progress") or {}
        got = (f"; {100 * pr['steps_done'] // max(1, pr['steps'])} % done "
               f"(last: {pr['doing']}) after {pr['elapsed_s']} s" if pr else "")
        return f"| {name} | stopped after {b['timeout_s']:.0f} s{got} | | | | | | |"
    if b.get("status") != "ok":
        return f"| {name} | {b.get('status', '—')} | | | | | | |"
    mode = b.get("mode", "—")
    return (f"| {name} | {b['wall_s']} | {b['cpu_s']} | {b['maxrss_mb']} / "
            f"{b['pool_worker_maxrss_mb']} | "
            f"{b['articles_per_s']} | {b['passages_per_s']} | {b['events_per_s']} | {mode} |")


def markdown(r: dict[str, Any]) -> str:
    """The report as Markdown: builds, query latency, FTS5 comparison, memory, stages."""
    m = r["machine"]
    lines = [
        f"# Tumen benchmark, {r['size']:,} articles",
        "",
        f"{r['date']} · {m['cpu_count']} CPUs · {m['implementation']} {m['python']} · "
        f"{m['platform']} · seed {r['seed']}",
        "",
        f"Corpus: {r['corpus']['articles']:,} synthetic articles, "
        f"{r['corpus']['bytes'] / 2**20:.1f} MiB, generated in {r['corpus']['generate_s']} s.",
        "",
        "## Builds",
        "",
        "| build | wall s | CPU s (incl. pool) | peak RSS MB (main / largest pool worker) "
        "| articles/s | passages/s | events/s | mode |",
        "|---|---|---|---|---|---|---|---|",
        _build_row("full", r["full_build"]),
    ]
    inc = r.get("incremental", {})
    for key in (k for k in inc if k.startswith(("change_", "add_"))):
        lines.append(_build_row(key.replace("_", " "), inc[key] or {"status": "skipped"}))
    fb = r["full_build"]
    if fb.get("status") == "ok":
        lines += ["", f"{fb['articles']:,} articles, {fb['passages']:,} passages, "
                      f"{fb['events']:,} events ({fb['merged']:,} merged away)."]
    phased = [("full", fb)] + [(k.replace("_", " "), v) for k, v in inc.items()
                               if k.startswith(("change_", "add_")) and isinstance(v, dict)]
    phased = [(name, b["phases_s"]) for name, b in phased if b.get("phases_s")]
    if phased:
        names = list(dict.fromkeys(k for _, ph in phased for k in ph))
        lines += ["", "Seconds per phase (`BuildSummary.phases`; \"process\" includes writing "
                      "passages, by the extraction workers in a large build; \"events\" "
                      "includes storing the merged events in the build state):", "",
                  "| build | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        lines += [f"| {name} | " + " | ".join(str(ph.get(k, "")) for k in names) + " |"
                  for name, ph in phased]
    lines += ["", "## Query latency (warm, one `Library`)", "",
              "| command | n | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|"]
    lat = _get(r, "queries", "latency")
    if isinstance(lat, dict):
        for kind, p in lat.items():
            lines.append(f"| {kind} | {p.get('n')} | {p.get('p50_ms')} | {p.get('p95_ms')} | "
                         f"{p.get('p99_ms')} | {p.get('max_ms')} |")
    else:
        lines.append(f"| — | {_get(r, 'queries', 'status')} | | | | |")
    f = r["fts5"]
    fs = f.get("search", {})
    ratio = f.get("latency_ratio_tumen_over_fts5", {})
    lines += ["", "## /search: Tumen (Whoosh) vs SQLite FTS5 (bm25), same passages", "",
              "| engine | p50 ms | p95 ms | p99 ms | build s |", "|---|---|---|---|---|",
              f"| Tumen | {_get(lat, 'search', 'p50_ms')} | {_get(lat, 'search', 'p95_ms')} | "
              f"{_get(lat, 'search', 'p99_ms')} | {_get(fb, 'wall_s')} |",
              f"| FTS5 | {fs.get('p50_ms', '—')} | {fs.get('p95_ms', '—')} | "
              f"{fs.get('p99_ms', '—')} | {f.get('build_s', '—')} |",
              f"| ratio Tumen/FTS5 | {ratio.get('p50_ms', '—')} | {ratio.get('p95_ms', '—')} | "
              f"{ratio.get('p99_ms', '—')} | {f.get('build_ratio_tumen_over_fts5', '—')} |",
              "", f"FTS5 build = load + clean + split {f.get('prepare_s', '—')} s + insert "
                  f"{f.get('index_s', '—')} s; database {f.get('db_mb', '—')} MB."]
    mem = r["memory"]
    lines += ["", "## Memory", "",
              f"Bot stand-in (index opened, all queries answered): peak RSS "
              f"{mem.get('bot_process_rss_mb', '—')} MB (bare interpreter with imports: "
              f"{mem.get('interpreter_rss_mb', '—')} MB; opening took {mem.get('open_s', '—')} s, "
              f"decoding the most frequent words' postings {mem.get('warm_s', '—')} s)."]
    st = r["stages"]
    if st.get("status") == "ok":
        sec = st["seconds"]
        lines += ["", f"## Stages on one core ({st['articles']:,} articles)", "",
                  "| stage | seconds | rate |", "|---|---|---|",
                  f"| load | {sec['load']} | |",
                  f"| clean + split | {sec['clean_split']} | "
                  f"{st['clean_split_articles_per_s']} articles/s |",
                  f"| time tagger | {sec['tag']} | {st['tagger_sentences_per_s']} sentences/s |",
                  f"| actor recognition | {sec['actors']} | {st['mentions']:,} mentions |",
                  f"| extraction (incl. its own tagging and actors) | {sec['extract']} | "
                  f"{st['extraction_articles_per_s']} articles/s |",
                  f"| merge | {sec['merge']} | {st['events']:,} → {st['events_merged']:,} "
                  f"events |"]
    return "\n".join(lines) + "\n"
