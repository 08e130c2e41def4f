"""Merging a corpus's accounts in worker processes, one group of actions per worker.

Accounts of different actions never join one event: the action is part of every blocking key
and of the match itself, and the "earlier than the first" notes pair events of one action only.
So merging each action's accounts on its own, in the same order, gives exactly what a single
merge gives, and the actions can be shared out between processes. Each worker does all of it —
clustering, combining, notes, the rows to store — so that the caller only stores the rows.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

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
