"""Merging a corpus's accounts in worker processes, one group of actions per worker.

Accounts of different actions never join one event: the action is part of every blocking key
and of the match itself, and the "earlier than the first" notes pair events of one action only.
So merging each action's accounts on its own, in the same order, gives exactly what a single
merge gives, and the actions can be shared out between processes. Each worker does all of it —
clustering, combining, notes, the rows to store — so that the caller only stores the rows.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from index.build.workers import exit_with_parent

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 50_000  # accounts: below this, starting workers costs more than it saves


def action_groups(actions: list[str], workers: int) -> list[list[int]]:
    """Indexes into ``actions`` in at most ``workers`` groups of similar size, none splitting
    an action, each in the original order."""
    by_action: dict[str, list[int]] = defaultdict(list)
    for i, action in enumerate(actions):
        by_action[action].append(i)
    groups: list[list[int]] = [[] for _ in range(workers)]
    # Biggest actions first, each to the lighter of the groups.
    for idx in sorted(by_action.values(), key=len, reverse=True):
        min(groups, key=len).extend(idx)
    return [sorted(g) for g in groups if g]


def map_by_action(fn: Callable[[list[T]], list[R]], items: list[T],
                  actions: list[str]) -> list[R]:
    """``fn`` over ``items`` split into groups of whole actions, in worker processes when it
    pays; the groups' results one after the other. ``fn`` must be a module-level function."""
    workers = min(2, os.cpu_count() or 1)
    groups = (action_groups(actions, workers)
              if len(items) >= PARALLEL_FROM and workers >= 2 else [])
    if len(groups) < 2:
        return fn(items)
    ctx = multiprocessing.get_context("spawn")  # safe whatever threads the caller runs
    with ProcessPoolExecutor(max_workers=len(groups), mp_context=ctx,
                             initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        parts = list(pool.map(fn, [[items[i] for i in g] for g in groups]))
    return [r for part in parts for r in part]


_POLL_S = 0.5  # how often the caller checks that its workers are still alive
_QUEUED = 8  # messages a worker may have waiting before it blocks (bounds what is in flight)


def balance(counts: dict[str, int], workers: int) -> list[list[str]]:
    """Actions shared out into at most ``workers`` groups of similar total count (biggest
    first, each to the lightest group)."""
    groups: list[list[str]] = [[] for _ in range(max(1, workers))]
    load = [0] * len(groups)
    for action in sorted(counts, key=lambda a: (-counts[a], a)):
        k = load.index(min(load))
        groups[k].append(action)
        load[k] += counts[action]
    return [g for g in groups if g]


def _run(fn: Callable[[Any, Callable[[Any], None]], None], job: Any, out: Any,
         parent_pid: int) -> None:
    exit_with_parent(parent_pid)
    try:
        fn(job, lambda message: out.put(("sent", message)))
        out.put(("done", None))
    except BaseException as exc:  # reported to the caller, which raises it
        text = "".join(traceback.format_exception(exc))
        out.put(("error", text))


def stream_in_workers(fn: Callable[[Any, Callable[[Any], None]], None],
                      jobs: list[Any]) -> Iterator[Any]:
    """``fn(job, send)`` for each job in a spawned worker process of its own: what the workers
    ``send``, as it comes. ``fn`` must be a module-level function.

    Raises:
        RuntimeError: a worker failed (with its traceback) or died without a word.
    """
    ctx = multiprocessing.get_context("spawn")  # safe whatever threads the caller runs
    out = ctx.Queue(maxsize=_QUEUED * len(jobs))
    procs = [ctx.Process(target=_run, args=(fn, job, out, os.getpid()), daemon=True)
             for job in jobs]
    for p in procs:
        p.start()
    done = 0
    try:
        while done < len(procs):
            try:
                kind, payload = out.get(timeout=_POLL_S)
            except queue.Empty:
                dead = [p for p in procs if p.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"a merge worker stopped (exit code {dead[0].exitcode})"
                                       ) from None
                continue
            if kind == "sent":
                yield payload
            elif kind == "done":
                done += 1
            else:
                raise RuntimeError(f"in a merge worker:\n{payload}")
        for p in procs:
            p.join()
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            with contextlib.suppress(Exception):
                p.join(timeout=5)
        out.close()
