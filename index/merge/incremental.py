"""Merging accounts into stored events: all of them (a full build) or just the changed ones.

An *account* is an event as one sentence tells it; a merged event is a cluster of accounts. A
full build merges every account (`merge.Merger`, most specific first) and stores the clusters in
the build state. An incremental build takes the accounts of changed and removed articles out of
their clusters (the other accounts stay together) and places the new accounts, most specific
first, into the stored clusters they match — loading only the clusters their keys point to.

This is a local repair, not a re-run: the stored events are not re-derived. A full merge can
group differently where an account could join more than one event, or where an account that
was removed was the one that tied the others together; `tumen index --full` re-derives every
merge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from index.events.dates import bounds, placed
from index.events.firsts import earlier_notes, is_first, note_earlier_than_first, role_names
from index.events.model import Event
from index.merge.keys import blocking_keys
from index.merge.merge import (
    Merger,
    _Cluster,
    combine,
    person_keys,
    profile,
    specific_first,
)
from index.merge.parallel import map_by_action
from index.merge.stored import ClusterRow, ClusterStore, StoredCluster, encode_key


@dataclass
class Account:
    """One extracted event with its place in the corpus and the text it quotes."""

    event: Event
    rank: str
    quotes: list[str]

    def to_json(self) -> dict[str, Any]:
        return {**self.event.to_json(), "quotes": self.quotes}

    @classmethod
    def from_json(cls, rank: str, data: dict[str, Any]) -> Account:
        return cls(Event.from_json(data), rank, list(data["quotes"]))


def rank_of(name: str, n: int) -> str:
    """The ``n``-th account of the article file ``name``: ranks sort in corpus order."""
    return f"{name}\x00{n:06d}"


@dataclass
class Delta:
    """What a merge changed: events to (re)write, events gone, and their earlier versions."""

    write: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> event JSON + quotes
    removed: set[str] = field(default_factory=set)
    before: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> previous JSON
    accounts: int = 0  # accounts placed (new, and those of dissolved events)
    loaded: int = 0  # stored events loaded to be matched against


def _iso_span(e: Event) -> tuple[str, str] | None:
    if not placed(e.date):
        return None
    start, end = bounds(e.date)
    return start.isoformat(), end.isoformat()


def _cluster_span(c: _Cluster) -> tuple[str | None, str | None]:
    return (c.latest_start.isoformat() if c.latest_start else None,
            c.earliest_end.isoformat() if c.earliest_end else None)


def _row(c: _Cluster, merged: Event, base_notes: list[str],
         quotes: dict[str, list[str]]) -> ClusterRow:
    """A merged cluster as stored; its data is the event JSON with its evidence's quotes."""
    data = merged.to_json()
    data["quotes"] = [q for m in c.members for q in quotes[m.event_id]]
    prof = profile(c)
    return ClusterRow(merged.event_id, merged.action, c.first_rank, is_first(merged),
                      [m.event_id for m in c.members], _cluster_span(c), base_notes, data,
                      [encode_key(tuple(k)) for k in prof["keys"]], sorted(role_names(merged)),
                      prof)


def merged_rows(accounts: list[Account]) -> list[ClusterRow]:
    """Every account merged from scratch: the merged events as stored, in corpus order.

    Run on all accounts, or on each group of whole actions (see `index.merge.parallel`).
    """
    merger = Merger()
    for a in sorted(accounts, key=lambda a: specific_first(a.event, a.rank)):
        merger.place(a.event, a.rank)
    clusters = sorted(merger.clusters, key=lambda c: c.first_rank)
    merged = [combine(c) for c in clusters]
    base = [list(m.notes) for m in merged]
    note_earlier_than_first(merged)  # over all at once: cheaper than pair lookups
    quotes = {a.event.event_id: a.quotes for a in accounts}
    return [_row(c, m, b, quotes) for c, m, b in zip(clusters, merged, base, strict=True)]


@dataclass
class FullMerge:
    """Every account merged from scratch (a full build): the rows to store, in corpus order."""

    accounts: list[Account]
    rows: list[ClusterRow]
    account_json: dict[str, str]  # taken before merging, which adds notes to lone accounts

    @classmethod
    def of(cls, accounts: list[Account]) -> FullMerge:
        account_json = {a.event.event_id: json.dumps(a.to_json(), ensure_ascii=False)
                        for a in accounts}
        rows = map_by_action(merged_rows, accounts, [a.event.action for a in accounts])
        rows.sort(key=lambda r: r.rank)  # corpus order across the groups, as one merge gives
        return cls(accounts, rows, account_json)

    def delta(self) -> Delta:
        return Delta(write={r.cluster_id: r.data for r in self.rows},
                     accounts=len(self.accounts))

    def store(self, state: ClusterStore) -> None:
        """Store the accounts and the merged events in an empty state."""
        cluster_of = {m: r.cluster_id for r in self.rows for m in r.members}
        state.put_accounts((a.event.event_id, a.event.evidence[0].doc_id, a.rank,
                            cluster_of[a.event.event_id], self.account_json[a.event.event_id])
                           for a in self.accounts)
        state.put_clusters(self.rows, replace=False)


def merge_all(state: ClusterStore, accounts: list[Account]) -> Delta:
    """Merge every account from scratch into an empty state (a full build)."""
    merged = FullMerge.of(accounts)
    merged.store(state)
    return merged.delta()


def _loaded(state: ClusterStore, c: _Cluster, quotes: dict[str, list[str]]) -> _Cluster:
    """A cluster seeded from its profile, with its stored accounts loaded before the new ones."""
    stored = state.accounts(c.stored)
    full = _Cluster(cluster_id=c.cluster_id)
    for m in c.stored:
        a = Account.from_json(*stored[m])
        quotes[m] = a.quotes
        full.add(a.event)
        full.ranks.append(a.rank)
    for e, rank in zip(c.members, c.ranks, strict=True):
        full.add(e)
        full.ranks.append(rank)
    full.head_rank, full.first_rank = c.head_rank, c.first_rank
    return full


def _put_accounts(state: ClusterStore, accounts: list[Account]) -> None:
    """Store new accounts (their event is set once they are merged)."""
    state.put_accounts((a.event.event_id, a.event.evidence[0].doc_id, a.rank, "",
                        json.dumps(a.to_json(), ensure_ascii=False)) for a in accounts)


def merge_changed(state: ClusterStore, gone_docs: set[str], new: list[Account]) -> Delta:
    """Take the accounts of ``gone_docs`` out of their events and merge ``new`` in."""
    old_pairs = state.accounts_of_docs(gone_docs)
    gone = {eid for eid, _ in old_pairs}
    affected = state.clusters({cid for _, cid in old_pairs})
    # Undated accounts of the same people were placed by which events existed then (they stay
    # apart from a person's two visits, join the one): they are placed again with the new ones.
    near = person_keys(tuple(k) for c in affected.values() for k in c.profile["keys"])
    near |= person_keys(k for a in new for k in blocking_keys(a.event)[0])
    relook = {cid: prof for cid, (prof, _) in
              state.profiles(state.clusters_under({encode_key(k) for k in near}, None)
                             - set(affected)).items() if prof.get("loose")}
    affected |= state.clusters(relook)
    loose_ids = {m for prof in relook.values() for m in prof["loose"]}
    again = [Account.from_json(*row) for row in state.accounts(loose_ids).values()]
    gone |= loose_ids
    kept = state.accounts(m for c in affected.values() for m in c.members if m not in gone)
    state.delete_clusters(affected)
    state.delete_accounts_of_docs(gone_docs)
    _put_accounts(state, new)
    new = new + again
    quotes = {a.event.event_id: a.quotes for a in new}
    delta = Delta(removed=set(affected), accounts=len(new),
                  before={cid: c.data for cid, c in affected.items()})
    loaded: set[str] = set()
    whole: set[str] = set()  # keys whose stored clusters were all loaded (asked with no span)

    def seed(c: StoredCluster, members: dict[str, tuple[str, dict[str, Any]]]) -> _Cluster:
        accs = [Account.from_json(*members[m]) for m in c.members if m in members]
        for a in accs:
            quotes[a.event.event_id] = a.quotes
        # Filed under its stored keys: those of the removed accounts too, which can only add
        # candidates that matching then turns down.
        return merger.seed([a.event for a in accs], [a.rank for a in accs], c.cluster_id,
                           keys=c.profile["keys"])

    def fetch(look: set[tuple[str, ...]], e: Event) -> None:
        keys = {encode_key(k) for k in look} - whole
        if not keys:
            return
        span = _iso_span(e)
        ids = state.clusters_under(keys, span) - loaded
        if span is None:  # every cluster under these keys is loaded now: never ask again
            whole.update(keys)
        if not ids:
            return
        loaded.update(ids)
        # Candidates are matched on their stored profiles: their accounts are loaded only
        # if an account joins them.
        profiles = state.profiles(ids)
        for cid in sorted(profiles, key=lambda c: profiles[c][0]["first_rank"]):
            prof, members = profiles[cid]
            merger.seed_profile(prof, cid, members)

    merger = Merger(fetch)
    # An event that lost accounts keeps the others, in the order they joined: only the new
    # accounts are placed, so a change costs what the changed article's accounts touch.
    for c in sorted(affected.values(), key=lambda c: c.rank):
        if any(m in kept for m in c.members):
            seed(c, kept)
    for a in sorted(new, key=lambda a: specific_first(a.event, a.rank)):
        merger.place(a.event, a.rank)
    delta.loaded = len(loaded)
    rows: list[ClusterRow] = []
    for c in merger.clusters:
        if c.stored and not c.members:
            continue  # a candidate nothing joined
        if c.stored:
            delta.before[str(c.cluster_id)] = state.clusters([str(c.cluster_id)])[
                str(c.cluster_id)].data
            c = _loaded(state, c, quotes)
        merged = combine(c)
        rows.append(_row(c, merged, list(merged.notes), quotes))
    state.put_clusters(rows, replace=True)
    state.set_account_cluster((m, r.cluster_id) for r in rows for m in r.members)
    delta.write.update({r.cluster_id: r.data for r in rows})
    delta.removed -= set(delta.write)
    delta.before = {k: v for k, v in delta.before.items() if k in delta.write or k in delta.removed}
    _renote(state, delta, set(delta.write), affected)
    return delta


def _renote(state: ClusterStore, delta: Delta, changed: set[str],
            dissolved: dict[str, StoredCluster]) -> None:
    """Recompute the "earlier than the first" notes wherever a pair may have changed."""
    # A changed event can gain or lose notes with the firsts naming its people; a changed first
    # with every event naming them. Their old versions count too (a pair may have gone).
    probes = [Event.from_json(delta.write[c]) for c in changed]
    probes += [Event.from_json(c.data) for c in dissolved.values()]
    touched = set(changed)
    for e in probes:
        touched |= state.clusters_naming(e.action, role_names(e), firsts_only=not is_first(e))
    touched -= delta.removed
    stored = state.clusters(touched - changed)
    for cid in sorted(touched):
        if cid in changed:
            data, base = delta.write[cid], delta.write[cid]["notes"][:]
        else:
            data, base = stored[cid].data, stored[cid].base_notes
        x = Event.from_json(data)
        related = state.clusters_naming(x.action, role_names(x), firsts_only=not is_first(x))
        others = state.clusters(related | {cid})
        events = sorted(others.values(), key=lambda c: c.rank)
        notes = base + earlier_notes(x, [Event.from_json(c.data) for c in events])
        if cid in changed:
            data["notes"] = notes
            state.update_cluster_data(cid, data)
        elif notes != data["notes"]:
            delta.before.setdefault(cid, dict(data))
            data = {**data, "notes": notes}
            state.update_cluster_data(cid, data)
            delta.write[cid] = data
