"""A tiny end-to-end run of `python -m bench`: every section of the report is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import main
from bench.report import percentile, percentiles

QUERIES = 24


def test_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) in (50.0, 51.0)
    assert percentiles(values)["p99_ms"] == 99.0
    assert percentiles([]) == {"n": 0}


def test_tiny_run_writes_a_complete_report(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results"
    assert main(["--size", "8", "--queries", str(QUERIES), "--out", str(out),
                 "--stage-sample", "4", "--added", "2", "--timeout", "120"]) == 0
    assert "| full |" in capsys.readouterr().out
    r = json.loads((out / "bench-8.json").read_text(encoding="utf-8"))
    assert (out / "bench-8.md").read_text(encoding="utf-8").startswith("# Tumen benchmark")
    assert {"date", "machine", "corpus", "full_build", "incremental", "queries", "fts5",
            "memory", "stages"} <= set(r)
    assert {"cpu_count", "python", "platform"} <= set(r["machine"])
    b = r["full_build"]
    assert b["status"] == "ok" and b["articles"] == 8
    for key in ("wall_s", "cpu_s", "maxrss_mb", "articles_per_s", "passages_per_s",
                "events_per_s"):
        assert b[key] > 0, key
    for key in ("change_1", "add_2"):
        assert r["incremental"][key]["status"] == "ok"
        assert r["incremental"][key]["mode"]
    assert r["incremental"]["add_2"]["articles"] == 10
    assert r["incremental"]["change_1"]["mode"] == "incremental: re-processed 1 of 8 articles"
    assert {"load", "process", "merge", "events"} <= set(b["phases_s"])
    assert "| change 1 |" in (out / "bench-8.md").read_text(encoding="utf-8").split(
        "Seconds per phase")[1]
    lat = r["queries"]["latency"]
    assert lat["all"]["n"] == QUERIES
    assert {"search", "when", "who"} <= set(lat)
    for kind in ("search", "when", "who", "all"):
        assert {"p50_ms", "p95_ms", "p99_ms"} <= set(lat[kind])
    f = r["fts5"]
    assert f["search"]["n"] == lat["search"]["n"]
    assert set(f["latency_ratio_tumen_over_fts5"]) == {"p50_ms", "p95_ms", "p99_ms"}
    assert f["build_ratio_tumen_over_fts5"] > 0
    assert r["memory"]["bot_process_rss_mb"] > 0
    s = r["stages"]
    assert s["status"] == "ok" and s["articles"] == 4
    assert s["tagger_sentences_per_s"] > 0 and s["extraction_articles_per_s"] > 0
