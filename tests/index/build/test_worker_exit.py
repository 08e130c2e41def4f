"""A build killed outright leaves no worker process running (issue 12.4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.synth import generate_article, write_article
from tests.conftest import REPO

# A build over ``argv[1]`` into ``argv[2]`` with worker processes even for a small corpus, that
# writes ``argv[4]`` and waits to be killed when it reaches ``argv[3]`` ("process": the workers
# extracting articles are running; "merge": the workers merging accounts are running).
KILLED_BUILD = """
import concurrent.futures, os, sys, time
from pathlib import Path
from index.build import build, fullmerge
from index.engine import writer
from index.build.build import build_index
from index.merge import parallel, streaming

corpus, ix, point, marker = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
build.PARALLEL_FROM = writer.EVENTS_PARALLEL_FROM = parallel.PARALLEL_FROM = 2
fullmerge.PARALLEL_FROM = 2
streaming.BATCH = 1  # many batches: the merge workers wait on a full queue, still running
os.cpu_count = lambda: 2

def wait_to_be_killed():
    marker.write_text(point)
    time.sleep(120)

def progress(done, total, doc_id):
    if point == "process" and done >= 1:
        wait_to_be_killed()

class Pool(concurrent.futures.ProcessPoolExecutor):
    def map(self, *args, **kwargs):
        out = super().map(*args, **kwargs)
        if point == "merge":
            wait_to_be_killed()
        return out

def streamed(fn, jobs):
    merged = stream_in_workers(fn, jobs)
    yield next(merged)
    if point == "merge":
        wait_to_be_killed()
    yield from merged

stream_in_workers = fullmerge.stream_in_workers
parallel.ProcessPoolExecutor = Pool
fullmerge.stream_in_workers = streamed
build_index(corpus, ix, progress=progress)
"""
MARK = "TUMEN_TEST_BUILD_MARK"


def _marked(mark: str) -> set[int]:
    """Live processes (zombies aside) whose environment carries ``mark``: a build and all it
    started, workers and resource tracker alike, wherever they were reparented to."""
    found = set()
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if f"{MARK}={mark}".encode() not in (p / "environ").read_bytes().split(b"\0"):
                continue
            state = (p / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if state != "Z":
            found.add(int(p.name))
    return found


def test_workers_exit_soon_after_their_build_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Enough that workers still have work, and results to send, when their parent dies.
    for i in range(40):
        write_article(corpus, generate_article(7, i))
    runs = {}
    for point in ("process", "merge"):  # side by side: each costs seconds of waiting
        mark = uuid.uuid4().hex
        marker = tmp_path / f"reached-{point}"
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLED_BUILD, str(corpus), str(tmp_path / f"ix-{point}"),
             point, str(marker)], cwd=REPO, env={**os.environ, MARK: mark})
        runs[point] = (proc, mark, marker)
    leftovers: dict[str, set[int]] = {}
    try:
        deadline = time.monotonic() + 60
        for point, (proc, mark, marker) in runs.items():
            while not marker.exists():
                assert proc.poll() is None, f"the build ended before reaching {point}"
                assert time.monotonic() < deadline, f"the build never reached {point}"
                time.sleep(0.02)
            assert len(_marked(mark)) >= 3, "expected the build and its workers running"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            leftovers = {p: left for p, (_, mark, _) in runs.items() if (left := _marked(mark))}
            if not leftovers:
                break
            time.sleep(0.1)
    finally:
        for proc, mark, _ in runs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for pid in _marked(mark):  # this test's own leftovers only, by their pids
                os.kill(pid, signal.SIGKILL)
    assert leftovers == {}, "processes outlived the killed build by 5 s"
