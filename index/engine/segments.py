"""Writing one Whoosh index as several segments, each in its own worker process.

Whoosh adds documents one Python call at a time, so a single writer keeps one core busy for
minutes on a large corpus, and its multi-process writer forks (which a threaded bot must not
do). Here each spawned worker writes its own segment of an index the caller created, with no
lock (the caller holds the build lock), and returns the finished segment; the caller then
commits every segment in one table of contents, so readers see all or nothing.

Workers get contiguous shares of the items, in order, so document numbers follow the items'
order exactly as a single writer's would (search ties break by document number, and a build
should not depend on which worker was faster).
"""

from __future__ import annotations

import contextlib
import marshal
import multiprocessing
import os
import queue
import shutil
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.writing import MERGE_SMALL, PostingPool, SegmentWriter

from index.build.workers import exit_with_parent
from index.errors import BuildError

WRITER_MB = 256  # Whoosh's estimate of the postings a writer holds before sorting them to disk
CHUNK = 8  # items a worker handles between two messages to the caller
_POLL_S = 0.5  # how often the caller checks that its workers are still alive

Work = Callable[[Any, SegmentWriter], Any]
"""``work(item, writer)``: add the item's documents to ``writer``; its return value is sent back."""


def segment_writer(wdir: Path, indexname: str, *, limitmb: int = WRITER_MB) -> SegmentWriter:
    """A writer of one new segment of the index ``indexname`` in ``wdir``, taking no lock."""
    ix = whoosh_index.open_dir(str(wdir), indexname=indexname)
    writer = SegmentWriter(ix, _lk=False, limitmb=limitmb)
    # Whoosh names a writer's temporary folder after the index, and removes it when the writer
    # finishes: several writers at once each need their own.
    writer._tempstorage = ix.storage.temp_storage(_temp_name(indexname, os.getpid()))
    return use_chunked_pool(writer, limitmb)


class ChunkedPool(PostingPool):
    """Whoosh's posting pool, spilling to disk a chunk of postings per record.

    A writer sorts its postings in memory and, past ``limitmb``, writes the sorted run to a
    temporary file to be merged at commit. Whoosh pickles each posting on its own through a
    Python file wrapper: at 10,000 articles a third of the writing time went there. One
    `marshal` record per chunk does the same work with a thousandth of the calls.
    """

    RECORD = 8192  # postings per record

    def _write_run(self, f: Any, items: Iterable[Any]) -> None:
        items = iter(items)
        while chunk := list(islice(items, self.RECORD)):
            f.write(marshal.dumps(chunk))
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = marshal.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def use_chunked_pool(writer: SegmentWriter, limitmb: int = WRITER_MB) -> SegmentWriter:
    """Give a new writer (nothing added yet) a `ChunkedPool`; returns the writer."""
    writer.pool = ChunkedPool(writer._tempstorage, writer.newsegment, limitmb=limitmb)
    return writer


def _temp_name(indexname: str, pid: int | None) -> str:
    return f"{indexname}.{pid}.tmp"


def finish_segment(writer: SegmentWriter) -> Any | None:
    """Write out ``writer``'s segment and return it (None if it got no documents)."""
    try:
        if writer.doc_count() == 0:
            writer._close_segment()
            return None
        return writer._finalize_segment()
    finally:
        writer._tempstorage.destroy()


def commit_with(writer: SegmentWriter, segments: Sequence[Any]) -> None:
    """Commit ``writer`` (its deletions and documents) with finished ``segments`` added."""
    added = [s for s in segments if s is not None]
    # Whoosh's default policy first (small existing segments merged into the writer's own),
    # then the new segments as they are: merging them again would undo the parallel work.
    writer.commit(mergetype=lambda w, existing: [*MERGE_SMALL(w, existing), *added])


def _worker(wdir: str, indexname: str, work: Work, part: int, items: list[Any],
            out: Any, parent_pid: int) -> None:
    """One worker: every item through ``work`` into one segment, results sent back in chunks."""
    exit_with_parent(parent_pid)
    try:
        writer = segment_writer(Path(wdir), indexname)
        for start in range(0, len(items), CHUNK):
            out.put(("results", [work(x, writer) for x in items[start:start + CHUNK]]))
        out.put(("segment", (part, finish_segment(writer))))
    except BaseException as exc:  # reported to the caller, which raises it
        # Its segment files are never committed; the caller removes its temporary folder.
        text = "".join(traceback.format_exception(exc))
        try:
            out.put(("error", (exc, text)))
        except Exception:  # the exception itself would not pickle
            out.put(("error", (None, text)))


def shares(n: int, parts: int) -> list[range]:
    """``range(n)`` cut into ``parts`` contiguous shares as equal as can be (none empty)."""
    parts = max(1, min(parts, n))
    bounds = [n * k // parts for k in range(parts + 1)]
    return [range(bounds[k], bounds[k + 1]) for k in range(parts)]


class ParallelSegments:
    """``work`` over ``items`` in ``workers`` spawned processes, each writing one segment of
    ``indexname`` in ``wdir``; iterate `results`, then commit `segments` with `commit_with`.

    If a worker fails or dies, or the caller stops iterating, the workers are stopped and the
    index is left as it was (their segment files are never committed).
    """

    def __init__(self, wdir: Path, indexname: str, work: Work, items: Sequence[Any],
                 workers: int) -> None:
        self.wdir, self.indexname, self.work = wdir, indexname, work
        self.items, self.workers = items, workers
        self.segments: list[Any] = []  # in share order, once `results` is exhausted

    def results(self) -> Iterator[Any]:
        """What ``work`` returned for each item, as the workers finish them (in no set order).

        Raises:
            BuildError: a worker died without a word (killed, out of memory).
            Exception: whatever ``work`` raised in a worker, chained to its traceback.
        """
        # "spawn": a clean interpreter per worker, safe whatever threads the caller runs.
        ctx = multiprocessing.get_context("spawn")
        out = ctx.Queue()
        procs = []
        for part, share in enumerate(shares(len(self.items), self.workers)):
            p = ctx.Process(target=_worker, daemon=True,
                            args=(str(self.wdir), self.indexname, self.work, part,
                                  [self.items[i] for i in share], out, os.getpid()))
            p.start()
            procs.append(p)
        found: dict[int, Any] = {}
        try:
            while len(found) < len(procs):
                # Checked on every message too: the others may keep the queue busy for minutes.
                dead = [p for p in procs if p.exitcode not in (None, 0)]
                if dead:
                    raise BuildError(f"a worker writing the {self.indexname} index stopped "
                                     f"(exit code {dead[0].exitcode})")
                try:
                    kind, payload = out.get(timeout=_POLL_S)
                except queue.Empty:
                    continue
                if kind == "results":
                    yield from payload
                elif kind == "segment":
                    part, segment = payload
                    found[part] = segment
                else:
                    exc, text = payload
                    where = BuildError(f"in a worker writing the {self.indexname} index:\n{text}")
                    if isinstance(exc, BaseException):
                        raise exc from where
                    raise where
            for p in procs:
                p.join()
            # In share order: document numbers then follow the items' order.
            self.segments = [found[k] for k in sorted(found)]
        finally:
            for p in procs:
                if p.is_alive():
                    p.terminate()
            for p in procs:
                with contextlib.suppress(Exception):
                    p.join(timeout=5)
                # A worker stopped midway leaves its temporary folder behind.
                shutil.rmtree(self.wdir / _temp_name(self.indexname, p.pid), ignore_errors=True)
            out.close()
