"""Which clusters an account naming only named people can join, without scanning every cluster
filed under its blocking keys.

Such an account matches a cluster through a person or not at all (its keys are person keys,
and a cluster filed under one names someone), and `merge._any_same_person` is true only when
the two share a name or the cluster holds a described person ("the Russian finance minister").
So its candidates are the clusters filed under one of its keys that share one of its names —
found by (action, name, year of a person key) — and those with a described person or with no
person at all (kept by key, never taken out: a candidate too many is only turned down). The
same matches as the whole bucket, in a bucket of thousands of clusters of one person word and
year, at a tenth of the comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # merge imports this module
    from index.merge.merge import _Cluster, _Probe

Key = tuple[str, ...]


class NameIndex:
    """Clusters by name and person-key year, and clusters open to a described person."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[Any, str, str], dict[int, _Cluster]] = {}
        self.open: dict[Key, dict[int, _Cluster]] = {}

    def add(self, c: _Cluster, new_people: int, new_keys: Iterable[Key]) -> None:
        """Index what ``c`` gained: its last ``new_people`` people and the keys ``new_keys``
        (already among ``c.keys``)."""
        new_keys = list(new_keys)
        old = c.people[:len(c.people) - new_people]
        years = {k[-1] for k in new_keys if k[0] == "p"} - c.key_years
        for y in years:
            for p in old:
                self.by_name.setdefault((c.action, p.name, y), {})[id(c)] = c
        c.key_years |= years
        for p in c.people[len(old):]:
            for y in c.key_years:
                self.by_name.setdefault((c.action, p.name, y), {})[id(c)] = c
        if c.unnamed or not c.people:
            if not c.open_indexed:
                c.open_indexed = True
                new_keys = list(c.keys)
            for k in new_keys:
                self.open.setdefault(k, {})[id(c)] = c

    def candidates(self, probe: _Probe, look: set[Key]) -> dict[int, _Cluster] | None:
        """The clusters under ``look`` the probed account can match, or None when it is not
        an account naming only named people (then every cluster under ``look`` is one)."""
        if not probe.people or probe.unnamed or not look or any(k[0] != "p" for k in look):
            return None
        action = probe.event.action
        years = {k[-1] for k in look}
        found: dict[int, _Cluster] = {}
        for n in probe.names:
            for y in years:
                for i, c in self.by_name.get((action, n, y), {}).items():
                    if i not in found and not c.keys.isdisjoint(look):
                        found[i] = c
        for k in look:
            found.update(self.open.get(k, {}))
        return found
