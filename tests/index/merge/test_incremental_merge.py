"""Merging accounts into stored events: all at once, and articles taken out and put in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.synth import generate_article, write_article
from index.build.artifacts import process_article
from index.build.state import BuildState
from index.corpus.loader import load_article
from index.corpus.passages import make_passages
from index.engine.event_store import quote_texts
from index.events.dates import human
from index.events.extract import extract_events
from index.events.model import Event
from index.events.people import people_of, same_person
from index.merge import merge, parallel
from index.merge.incremental import Account, merge_all, merge_changed, rank_of
from tests.conftest import SEED_CORPUS
from tests.index.events.test_events import article

EARLY = ("early", "In March 2015 Vladimir Putin met with Kim Jong-un.", "2015-03-12")
FIRST = ("later", "In April 2019, Vladimir Putin held talks with Kim Jong-un in Vladivostok. "
                  "This was the first meeting between Vladimir Putin and Kim Jong-un.", "2020-04")
TRUTNEV_A = ("a", "From April 28-30, 2014, Deputy Prime Minister Yuri Trutnev spent three days "
                  "in North Korea.", "2014-05-02")
TRUTNEV_B = ("b", "In April 2014 Yuri Trutnev visited North Korea.", "2014-06-01")


def accounts(doc_id: str, body: str, date: str) -> list[Account]:
    ap = make_passages(article(doc_id, body, date))
    texts = {p.passage_id: p.text for p in ap.passages}
    return [Account(e, rank_of(f"{doc_id}.md", i), quote_texts(e, texts))
            for i, e in enumerate(extract_events(ap))]


def stored(state: BuildState) -> dict[str, dict[str, object]]:
    return dict(state.all_clusters())


def fresh(tmp_path: Path, name: str) -> BuildState:
    state = BuildState(tmp_path / name)
    state.begin(fresh=True)
    return state


def by_doc(state: BuildState, action: str) -> dict[str, Event]:
    events = [Event.from_json(d) for d in stored(state).values()]
    return {",".join(e.doc_ids): e for e in events if e.action == action}


def test_an_added_article_joins_the_stored_event(tmp_path: Path) -> None:
    state = fresh(tmp_path, "s")
    merge_all(state, accounts(*TRUTNEV_A))
    delta = merge_changed(state, set(), accounts(*TRUTNEV_B))
    visits = by_doc(state, "visit")
    assert list(visits) == ["a,b"]
    (eid,) = [k for k, d in delta.write.items() if d["action"] == "visit"]
    assert delta.before[eid]["evidence"][0]["doc_id"] == "a"  # the summary can say "gained b"
    # The quotes travel with the event: the index quotes each source verbatim.
    assert delta.write[eid]["quotes"] == [
        "From April 28-30, 2014, Deputy Prime Minister Yuri Trutnev spent three days in North "
        "Korea.", "In April 2014 Yuri Trutnev visited North Korea."]


def test_removing_an_article_takes_its_account_out(tmp_path: Path) -> None:
    state = fresh(tmp_path, "s")
    merge_all(state, accounts(*TRUTNEV_A) + accounts(*TRUTNEV_B))
    old_id = by_doc(state, "visit")["a,b"].event_id
    delta = merge_changed(state, {"a"}, [])
    visits = by_doc(state, "visit")
    assert list(visits) == ["b"]
    assert human(visits["b"].date) == "April 2014"  # the precise date left with its source
    assert not state.accounts_of_docs(["a"])
    assert old_id in delta.removed and visits["b"].event_id in delta.write


def test_incremental_notes_match_a_full_merge_both_ways(tmp_path: Path) -> None:
    full = fresh(tmp_path, "full")
    merge_all(full, accounts(*EARLY) + accounts(*FIRST))
    inc = fresh(tmp_path, "inc")
    merge_all(inc, accounts(*FIRST))
    delta = merge_changed(inc, set(), accounts(*EARLY))
    assert stored(inc) == stored(full)
    later = by_doc(inc, "meeting")["later"]
    assert "early reports an earlier meeting (March 2015)." in later.notes
    assert later.event_id in delta.write  # unchanged itself, but its notes changed
    merge_changed(inc, {"early"}, [])
    assert not by_doc(inc, "meeting")["later"].notes


def test_nothing_changed_changes_nothing(tmp_path: Path) -> None:
    state = fresh(tmp_path, "s")
    merge_all(state, accounts(*TRUTNEV_A) + accounts(*TRUTNEV_B) + accounts(*FIRST))
    before = stored(state)
    delta = merge_changed(state, set(), [])
    assert (delta.write, delta.removed) == ({}, set())
    assert stored(state) == before


def test_every_account_is_in_exactly_one_stored_event(tmp_path: Path) -> None:
    state = fresh(tmp_path, "s")
    docs = [TRUTNEV_A, TRUTNEV_B, EARLY, FIRST]
    merge_all(state, [a for d in docs for a in accounts(*d)])
    merge_changed(state, {"b"}, accounts("b", TRUTNEV_B[1].replace("April", "May"), TRUTNEV_B[2]))
    members = [m for (m,) in state.db.execute("SELECT members FROM clusters")]
    ids = [i for m in members for i in json.loads(m)]
    assert len(ids) == len(set(ids))
    assert set(ids) == {e for (e,) in state.db.execute("SELECT event_id FROM accounts")}


def test_merging_actions_in_workers_gives_what_one_merge_stores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    found: list[Account] = []
    for i in range(30):
        path = write_article(corpus, generate_article(9, i))
        r = process_article(load_article(path))
        texts = {p.passage_id: p.text for p in r.passages}
        found += [Account(e, rank_of(path.name, n), quote_texts(e, texts))
                  for n, e in enumerate(r.events)]
    assert len({a.event.action for a in found}) > 3 and len(found) > 500

    def merged(name: str) -> tuple[dict[str, object], list[tuple[str, ...]]]:
        state = fresh(tmp_path, name)
        # Fresh copies: merging adds notes to the events it is given.
        delta = merge_all(state, [Account.from_json(a.rank, a.to_json()) for a in found])
        accounts = state.db.execute("SELECT * FROM accounts ORDER BY event_id").fetchall()
        return {**stored(state), "written": list(delta.write.items())}, accounts

    one = merged("serial")
    assert sum(len(d["evidence"]) > 1 for _, d in one[0]["written"]) > 10  # merges happen
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert merged("parallel") == one


def test_action_groups_keep_actions_whole_and_balance_sizes() -> None:
    actions = ["visit"] * 5 + ["meet"] * 3 + ["sign"] * 2 + ["visit"]
    groups = parallel.action_groups(actions, 2)
    assert sorted(i for g in groups for i in g) == list(range(len(actions)))
    assert all(g == sorted(g) for g in groups)
    assert [sorted({actions[i] for i in g}) for g in groups] == [["visit"], ["meet", "sign"]]
    assert parallel.action_groups(["visit"] * 4, 2) == [[0, 1, 2, 3]]


def test_person_matching_gives_what_testing_every_pair_gives(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    events = []
    for i in range(30):
        path = write_article(corpus, generate_article(5, i))
        events += [e for e in process_article(load_article(path)).events if people_of(e)]
    for path in sorted(SEED_CORPUS.glob("*.md")):
        events += [e for e in process_article(load_article(path)).events if people_of(e)]
    clusters = []
    for k in range(0, len(events), 7):  # clusters of several events, so of several people
        c = merge._Cluster()
        for e in events[k:k + 7]:
            c.add(e)
        clusters.append(c)
    described = sum(bool(c.unnamed) for c in clusters)
    assert len(events) > 100 and 0 < described < len(clusters)
    outcomes = set()
    for c in clusters:
        for e in events:
            p = merge._Probe.of(e)
            every_pair = any(same_person(a, b) for a in c.people for b in p.people)
            assert merge._any_same_person(c, p) == every_pair
            outcomes.add((every_pair, every_pair and c.names.isdisjoint(p.names)))
    # Matches by an equal name and by a description alike, and mismatches.
    assert outcomes == {(True, False), (True, True), (False, False)}


SOKOLOV_MARCH = ("m", "In March 2021 Deputy Minister Oleg Sokolov visited Pyongyang.", "2021-03-30")
SOKOLOV_JUNE = ("j", "In June 2021 Deputy Minister Oleg Sokolov visited Pyongyang.", "2021-06-30")
SOKOLOV_UNDATED = ("u", "Deputy Minister Oleg Sokolov visited Pyongyang.", "")


def visit_groups(state: BuildState) -> set[str]:
    return set(by_doc(state, "visit"))


def test_an_undated_account_of_someone_with_two_visits_stays_apart(tmp_path: Path) -> None:
    # Either visit could be the one it tells: joining one would cite it for the wrong trip.
    full = fresh(tmp_path, "full")
    merge_all(full, [a for art in (SOKOLOV_MARCH, SOKOLOV_JUNE, SOKOLOV_UNDATED)
                     for a in accounts(*art)])
    assert visit_groups(full) == {"m", "j", "u"}
    one = fresh(tmp_path, "one")
    merge_all(one, [a for art in (SOKOLOV_MARCH, SOKOLOV_UNDATED) for a in accounts(*art)])
    assert visit_groups(one) == {"m,u"}


def test_incremental_places_undated_accounts_again_as_a_full_merge_does(tmp_path: Path) -> None:
    # Adding the second visit splits the undated account off; removing it joins it again.
    state = fresh(tmp_path, "s")
    merge_all(state, [a for art in (SOKOLOV_MARCH, SOKOLOV_UNDATED) for a in accounts(*art)])
    merge_changed(state, set(), accounts(*SOKOLOV_JUNE))
    assert visit_groups(state) == {"m", "j", "u"}
    merge_changed(state, {"j"}, [])
    assert visit_groups(state) == {"m,u"}
