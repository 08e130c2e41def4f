"""bench.merge_drift: a run of incremental merges compared with a full merge."""

from __future__ import annotations

from bench.merge_drift import bcubed, run


def test_identical_groupings_score_one_and_a_split_scores_less() -> None:
    a = {"x": frozenset({"x", "y"}), "y": frozenset({"x", "y"}), "z": frozenset({"z"})}
    assert bcubed(a, a) == {"accounts": 3, "precision": 1.0, "recall": 1.0,
                            "accounts_grouped_differently": 0}
    split = {"x": frozenset({"x"}), "y": frozenset({"y"}), "z": frozenset({"z"})}
    worse = bcubed(split, a)
    assert worse["precision"] == 1.0 and worse["recall"] < 1.0
    assert worse["accounts_grouped_differently"] == 2


def test_a_small_run_reports_every_figure() -> None:
    out = run(size=12, edits=4, seed=3)
    assert sum(out["edits"].values()) == 4
    assert out["accounts"] > 50
    assert 0.5 < out["precision"] <= 1.0 and 0.5 < out["recall"] <= 1.0
