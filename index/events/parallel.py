"""Merging a corpus's accounts in worker processes, one group of actions per worker.

Accounts of different actions never join one event: the action is part of every blocking key
and of the match itself. So merging each action's accounts on its own, in the same order, gives
exactly the clusters a single merge gives, and the actions can be shared out between processes.
A worker returns only which accounts form each cluster, in the order they joined; the caller
rebuilds the clusters from its own copies of the accounts.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor

from index.events.merge import Merger, _Cluster, specific_first
from index.events.model import Event

PARALLEL_FROM = 50_000  # accounts: below this, starting workers costs more than it saves


def memberships(events: list[Event], ranks: list[str]) -> list[list[int]]:
    """Clusters as lists of indexes into ``events``, each in the order its accounts joined."""
    merger = Merger()
    index = {id(e): i for i, e in enumerate(events)}
    for i in sorted(range(len(events)), key=lambda i: specific_first(events[i], ranks[i])):
        merger.place(events[i], ranks[i])
    return [[index[id(m)] for m in c.members] for c in merger.clusters]


def merge_clusters(events: list[Event], ranks: list[str]) -> list[_Cluster]:
    """Every account merged into clusters (in no particular order), in parallel when it pays."""
    workers = min(2, os.cpu_count() or 1)
    if len(events) < PARALLEL_FROM or workers < 2:
        groups = [list(range(len(events)))]
    else:
        by_action: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(events):
            by_action[e.action].append(i)
        # Biggest actions first, each to the lighter of the workers' shares.
        groups = [[] for _ in range(workers)]
        for idx in sorted(by_action.values(), key=len, reverse=True):
            min(groups, key=len).extend(idx)
        groups = [sorted(g) for g in groups if g]
    if len(groups) == 1:
        merger = Merger()
        for i in sorted(range(len(events)), key=lambda i: specific_first(events[i], ranks[i])):
            merger.place(events[i], ranks[i])
        return merger.clusters
    ctx = multiprocessing.get_context("spawn")  # safe whatever threads the caller runs
    with ProcessPoolExecutor(max_workers=len(groups), mp_context=ctx) as pool:
        results = list(pool.map(memberships, [[events[i] for i in g] for g in groups],
                                [[ranks[i] for i in g] for g in groups]))
    clusters = []
    rebuild = Merger()
    for group, found in zip(groups, results, strict=True):
        for members in found:
            idx = [group[i] for i in members]
            clusters.append(rebuild.seed([events[i] for i in idx], [ranks[i] for i in idx],
                                         ""))
    return clusters
