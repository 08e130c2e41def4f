"""A build's progress counts the merge and the events index: 100 % only when it is done
(issue 12.9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build.build import build_index
from index.build.buildlock import BuildLock
from index.build.buildprogress import DONE, MERGING, STAGES, WRITING_EVENTS
from index.errors import BuildError
from tests.index.build.test_reindex import NEW, copy_seeds

Call = tuple[int, int, str]


class Recorder:
    """The progress calls of one build, and the latest one at each checkpoint it reaches."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.at: dict[str, Call] = {}

    def progress(self, done: int, total: int, doing: str) -> None:
        self.calls.append((done, total, doing))

    def checkpoint(self, phase: str) -> None:
        self.at[phase] = self.calls[-1] if self.calls else (0, 0, "")


def recorded(corpus: Path, ix: Path, **kw: object) -> Recorder:
    rec = Recorder()
    build_index(corpus, ix, progress=rec.progress, checkpoint=rec.checkpoint, **kw)
    return rec


def assert_done_only_at_the_end(rec: Recorder, articles: list[str]) -> None:
    (total,) = {t for _, t, _ in rec.calls}
    dones = [d for d, _, _ in rec.calls]
    assert dones == sorted(dones) and rec.calls[-1] == (total, total, DONE)
    assert all(d < total for d in dones[:-1])
    # Every article, then each stage in order, then done.
    doing = [w for _, _, w in rec.calls]
    assert doing[-3:] == [MERGING, WRITING_EVENTS, DONE]
    assert sorted(w for w in doing[:-3] if not w.startswith("(")) == sorted(articles)
    # Once the articles are processed and while the events are merged and written, the build
    # is not done: it used to report total here, with half the build still to come.
    for phase in ("processed", "passages", "written"):
        assert rec.at[phase][0] < total, (phase, rec.at[phase], total)


def test_a_full_build_reaches_its_total_only_when_switched(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    rec = recorded(corpus, tmp_path / "ix")
    assert_done_only_at_the_end(rec, sorted(p.stem for p in corpus.glob("*.md")))
    # The stages weigh in proportion to the articles processed: not one step each out of many.
    done, total, _ = next(c for c in rec.calls if c[2] == MERGING)
    assert done == 5 and total > 7


def test_an_incremental_build_counts_its_stages_too(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    (corpus / "005_trutnev.md").write_text(NEW, encoding="utf-8")
    rec = recorded(corpus, ix)
    assert rec.calls[0] == (5, rec.calls[0][1], "(unchanged articles)")
    assert_done_only_at_the_end(rec, ["005_trutnev"])


def test_a_build_with_nothing_to_do_ends_at_its_total(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    ix = tmp_path / "ix"
    build_index(corpus, ix)
    rec = recorded(corpus, ix)
    (total,) = {t for _, t, _ in rec.calls}
    assert rec.calls[-1] == (total, total, DONE)
    assert not any(w in STAGES for _, _, w in rec.calls)


def test_a_second_build_is_told_the_stage_of_the_running_one(tmp_path: Path) -> None:
    corpus = copy_seeds(tmp_path / "corpus")
    with BuildLock(tmp_path / "ix", who="admin") as lock:
        lock.update(10, 10, stage=MERGING)
        with pytest.raises(BuildError,
                           match=r"10 of 10 articles processed, now merging events"):
            build_index(corpus, tmp_path / "ix")
