"""A full build's merge from the build state gives exactly what merging in memory gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import generate_article, write_article
from index.build import fullmerge
from index.build.artifacts import process_article
from index.build.state import BuildState
from index.corpus.loader import load_article
from index.engine.event_store import quote_texts
from index.events.firsts import note_earlier_than_first, pair_notes
from index.merge import merge, parallel, streaming
from index.merge.incremental import Account, merge_all, merge_changed, rank_of
from tests.conftest import SEED_CORPUS
from tests.index.merge.test_incremental_merge import EARLY, FIRST, TRUTNEV_A, TRUTNEV_B, accounts

Tables = dict[str, list[tuple[object, ...]]]
# Told first, a person described by office alone: the named account must still find it.
DESCRIBED = ("0described", "In April 2014 the Russian minister of Far East development visited "
             "North Korea.", "2014-04-20")
NAMED = ("named", "In April 2014 Alexander Galushka, minister of Development for the Far East, "
         "visited North Korea.", "2014-05-02")


@pytest.fixture(scope="module")
def corpus_accounts(tmp_path_factory: pytest.TempPathFactory) -> list[Account]:
    """The seed corpus's accounts, 40 synthetic articles' and a few that pair as "earlier"."""
    synth = tmp_path_factory.mktemp("synth")
    paths = sorted(SEED_CORPUS.glob("*.md")) + [write_article(synth, generate_article(5, i))
                                                for i in range(40)]
    found: list[Account] = []
    for path in paths:
        r = process_article(load_article(path))
        texts = {p.passage_id: p.text for p in r.passages}
        found += [Account(e, rank_of(path.name, n), quote_texts(e, texts))
                  for n, e in enumerate(r.events)]
    for doc in (EARLY, FIRST, TRUTNEV_A, TRUTNEV_B, DESCRIBED, NAMED):
        found += accounts(*doc)
    return found


def _tables(state: BuildState) -> Tables:
    return {t: sorted(state.db.execute(f"SELECT * FROM {t}").fetchall())
            for t in ("accounts", "clusters", "ckeys", "cnames")}


def _in_memory(tmp_path: Path, found: list[Account]) -> Tables:
    state = BuildState(tmp_path / "memory")
    state.begin(fresh=True)
    # Fresh copies: merging adds notes to the events it is given.
    merge_all(state, [Account.from_json(a.rank, a.to_json()) for a in found])
    return _tables(state)


def _streamed(tmp_path: Path, found: list[Account]) -> Tables:
    state = BuildState(tmp_path / "streamed")
    state.begin(fresh=True)
    for i in range(0, len(found), 100):  # as a build stores them: article by article
        fullmerge.put_accounts(state, found[i:i + 100])
    assert fullmerge.merge_stored(state) == len(_tables(state)["clusters"])
    out = _tables(state)
    state.close()
    return out


def test_the_streamed_merge_stores_what_the_merge_in_memory_stores(
        tmp_path: Path, corpus_accounts: list[Account], monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(corpus_accounts) > 1000 and len({a.event.action for a in corpus_accounts}) > 5
    want = _in_memory(tmp_path, corpus_accounts)
    assert sum(r[4].count(",") > 0 for r in want["clusters"]) > 50  # merges happen
    assert any("the first" in r[8] for r in want["clusters"])  # and a pair's notes
    monkeypatch.setattr(streaming, "BATCH", 7)  # clusters read back in many small batches
    assert _streamed(tmp_path / "one", corpus_accounts) == want


def test_merge_workers_store_what_one_process_stores(
        tmp_path: Path, corpus_accounts: list[Account], monkeypatch: pytest.MonkeyPatch) -> None:
    want = _in_memory(tmp_path, corpus_accounts)
    monkeypatch.setattr(fullmerge, "PARALLEL_FROM", 1)
    monkeypatch.setattr(fullmerge.os, "cpu_count", lambda: 2)
    assert _streamed(tmp_path / "two", corpus_accounts) == want


def test_pair_notes_are_the_notes_of_every_pair(corpus_accounts: list[Account]) -> None:
    events = [Account.from_json(a.rank, a.to_json()).event for a in corpus_accounts]
    events.sort(key=lambda e: e.event_id)
    before = {e.event_id: list(e.notes) for e in events}
    found = pair_notes(events)
    note_earlier_than_first(events)
    added = {e.event_id: e.notes[len(before[e.event_id]):] for e in events}
    assert found and found == {k: v for k, v in added.items() if v}


def test_actions_are_shared_out_by_their_accounts() -> None:
    groups = parallel.balance({"visit": 6, "meet": 3, "sign": 2, "aid": 1}, 2)
    assert groups == [["visit"], ["meet", "sign", "aid"]]
    assert parallel.balance({"visit": 4}, 2) == [["visit"]]


def test_a_failed_full_build_keeps_the_served_state(tmp_path: Path) -> None:
    state = BuildState(tmp_path)
    state.begin(fresh=True)
    fullmerge.put_accounts(state, accounts(*TRUTNEV_A))
    state.commit("gen-1", "x")
    state.begin(fresh=True)
    assert state.fresh_path.exists()
    state.rollback()
    assert not state.fresh_path.exists()
    assert state.usable_for("gen-1", "x") and len(_tables(state)["accounts"]) == 1
    state.close()



def _merged_then_changed(tmp_path: Path, found: list[Account]) -> Tables:
    """Every account but the last articles' merged, then those merged into the stored events
    and one article taken out (an incremental build's merge)."""
    docs = sorted({a.event.evidence[0].doc_id for a in found})
    late, gone = set(docs[-4:]), docs[0]
    state = BuildState(tmp_path)
    state.begin(fresh=True)
    merge_all(state, [Account.from_json(a.rank, a.to_json()) for a in found
                      if a.event.evidence[0].doc_id not in late])
    merge_changed(state, {gone}, [Account.from_json(a.rank, a.to_json()) for a in found
                                  if a.event.evidence[0].doc_id in late])
    return _tables(state)


def test_candidates_found_by_name_merge_as_the_whole_buckets_do(
        tmp_path: Path, corpus_accounts: list[Account], monkeypatch: pytest.MonkeyPatch) -> None:
    by_name = _in_memory(tmp_path / "name", corpus_accounts)
    changed = _merged_then_changed(tmp_path / "name-changed", corpus_accounts)
    monkeypatch.setattr(merge, "NARROW", False)
    assert _in_memory(tmp_path / "scan", corpus_accounts) == by_name
    assert _merged_then_changed(tmp_path / "scan-changed", corpus_accounts) == changed
