"""How far a build is: progress for its caller and the build lock, and seconds per phase.

Processing the articles is only part of a build: merging their events and writing the events
index follow, and over many articles they take about as long again (README, Benchmarks). So
progress counts steps: one per article, then a share for each of those stages, and it reaches
its total only when the new generation serves.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from index.build.buildlock import BuildLock

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, doing)``: ``done`` of ``total`` steps are finished, and
``doing`` is the article just processed (its doc id) or the stage now running (one of
`STAGES`); the last call is ``(total, total, DONE)``, once the new index serves."""
Checkpoint = Callable[[str], None]
"""Called with the name of each phase as the build reaches it (for tests that kill builds)."""

MERGING = "merging events"
WRITING_EVENTS = "writing the events index"
STAGES = (MERGING, WRITING_EVENTS)
DONE = "done"
UNCHANGED = "(unchanged articles)"
# Steps each stage counts per article processed: its time against processing's in the 10k full
# build (113 s processing, 67 s merging, 51 s events index and build state), so that the share
# of steps done is roughly the share of the time.
_STEPS_PER_ARTICLE = {MERGING: 0.6, WRITING_EVENTS: 0.45}


class BuildProgress:
    """Reports a build's progress to ``progress`` (if any) and records it in the build lock."""

    def __init__(self, progress: Progress | None, lock: BuildLock, unchanged: int,
                 todo: int) -> None:
        self._progress, self._lock = progress, lock
        self.articles_done, self.articles = unchanged, unchanged + todo
        # At least one step each: a build that only removes articles still merges and writes.
        self._steps = {s: max(1, round(_STEPS_PER_ARTICLE[s] * todo)) for s in STAGES}
        self.total = self.articles + sum(self._steps.values())
        self.done = unchanged

    def start(self) -> None:
        """The unchanged articles count as done at once."""
        if self.articles_done:
            self._tell(UNCHANGED)

    def article(self, doc_id: str) -> None:
        """One more article processed."""
        self.articles_done += 1
        self.done += 1
        self._lock.update(self.articles_done, self.articles)
        self._tell(doc_id)

    def stage(self, name: str) -> None:
        """Stage ``name`` (of `STAGES`) begins: every article and earlier stage is done."""
        i = STAGES.index(name)
        self.done = self.articles + sum(self._steps[s] for s in STAGES[:i])
        self._lock.update(self.articles_done, self.articles, stage=name)
        self._tell(name)

    def finish(self) -> None:
        """The build is done: the new generation serves (or there was nothing to change)."""
        self.done = self.total
        self._tell(DONE)

    def _tell(self, doing: str) -> None:
        if self._progress is not None:
            self._progress(self.done, self.total, doing)


class Phases:
    """Seconds spent in each phase of a build (in the summary, for `/status` and benchmarks)."""

    def __init__(self, mark: Checkpoint) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = mark
        self._t = time.monotonic()

    def done(self, phase: str, checkpoint: str | None = None) -> None:
        now = time.monotonic()
        self.seconds[phase] = round(now - self._t, 3)
        self._t = now
        if checkpoint:
            self._mark(checkpoint)
