"""The shipped gazetteer loads and is complete; bad files fail with an error naming the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from index.names.actors import find_mentions
from index.names.gazetteer import _HYPHENS, _suffixes, key_of, tokenize
from index.names.gazetteer_file import default_gazetteer, load_gazetteer

SHIPPED = Path(__file__).resolve().parents[3] / "index" / "data" / "gazetteer.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gazetteer.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_loads_and_is_cached() -> None:
    gaz = default_gazetteer()
    assert gaz is default_gazetteer()
    assert len([e for e in gaz.entries if e.kind == "person"]) >= 30


def test_every_shipped_entry_has_the_required_keys() -> None:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    required = {
        "countries": {"code", "name"},
        "people": {"name", "country", "role"},
        "places": {"name", "country"},
        "orgs": {"name", "country"},
        "groups": {"name", "country"},
        "events": {"name"},
        "titles": {"title", "kind"},
    }
    problems = [
        f"{section}[{i}]: {item}"
        for section, keys in required.items()
        for i, item in enumerate(data[section])
        if not keys <= item.keys()
    ]
    assert problems == []
    codes = {c["code"] for c in data["countries"]}
    assert {"RUS", "PRK", "KOR", "CHN", "USA", "JPN", "UKR", "SUN"} <= codes
    bad_codes = [
        p["name"]
        for section in ("people", "places", "orgs", "groups")
        for p in data[section]
        if p["country"] not in codes | {"IGO", None}
    ]
    assert bad_codes == []


def test_lookup_resolves_typed_variants() -> None:
    gaz = default_gazetteer()
    assert gaz.lookup("trutnev").name == "Yuri Trutnev"
    assert gaz.lookup("kim jong un").name == "Kim Jong-un"
    assert gaz.lookup("KIM JONG-UN").name == "Kim Jong-un"
    assert gaz.lookup("Kim Jong-Il").name == "Kim Jong-il"  # a different person
    assert gaz.lookup("minnihanov").name == "Rustam Minnikhanov"
    assert gaz.lookup("Dmitri S. Peskov").name == "Dmitry Peskov"
    assert gaz.lookup("choe son hui").name == "Choe Son-hui"
    assert gaz.lookup("dprk").name == "North Korea"
    assert gaz.lookup("Pyonyang").name == "Pyongyang"
    assert gaz.lookup("kim") is None  # ambiguous: several Kims
    assert gaz.lookup("nobody at all") is None


def test_candidates_complete_prefixes_and_list_ambiguous_surnames() -> None:
    gaz = default_gazetteer()
    assert [e.name for e in gaz.candidates("kim")][:2] == ["Kim Jong-un", "Kim Jong-il"]
    assert "Yuri Trutnev" in [e.name for e in gaz.candidates("trut")]
    assert "Vladivostok" in [e.name for e in gaz.candidates("vladi")]
    assert len(gaz.candidates("a", limit=5)) == 5


def test_tokenize_joins_in_word_hyphens_only() -> None:
    toks = tokenize("Kim Jong-un – Russia")
    assert [t.text for t in toks] == ["Kim", "Jong", "un", "–", "Russia"]
    assert [t.joined for t in toks] == [False, False, True, False, False]
    assert all("Kim Jong-un – Russia"[t.start : t.end] == t.text for t in toks)


MINIMAL = """
countries:
  - {code: RUS, name: Russia, adjectives: [Russian]}
people:
  - {name: Yuri Trutnev, country: RUS, role: Deputy Prime Minister}
titles:
  - {title: Minister, kind: person}
"""


def test_a_minimal_file_loads(tmp_path: Path) -> None:
    gaz = load_gazetteer(write(tmp_path, MINIMAL))
    assert gaz.lookup("Trutnev").country == "RUS"
    assert gaz.lookup("russian").name == "Russia"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("people: [\n  {name: Bad: x\n", "not valid YAML"),
        ("- just a list\n", "top level must be a mapping"),
        ("persons: []\n", "unknown section(s) persons"),
        (
            "people:\n  - {name: Yuri Trutnev, country: RUS}\n",
            "people[0] ('Yuri Trutnev') lacks role",
        ),
        (
            "people:\n  - {name: Ivan Ivanov, country: XXX, role: null}\n",
            "people[0] ('Ivan Ivanov'): unknown country 'XXX'",
        ),
        (
            "places:\n  - {name: Sochi, country: null, alias: [Soci]}\n",
            "places[0] ('Sochi') has unknown key(s) alias",
        ),
        ("places:\n  - {name: Sochi, country: null, aliases: Soci}\n", "aliases must be a list"),
        ("titles:\n  - {title: Minister, kind: thing}\n", "kind must be person, group or org"),
        (
            "places:\n  - {name: Sochi, country: null}\n  - {name: Adler, country: null,"
            " aliases: [Sochi]}\n",
            "alias 'Sochi' of 'Adler' already names 'Sochi'",
        ),
        ("not_names: [The, 3]\n", "not_names must be a list of strings"),
    ],
)
def test_malformed_files_fail_with_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ValueError) as info:
        load_gazetteer(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def _candidates_by_scanning(gaz, name: str, limit: int = 25) -> list:
    """`candidates` as first written: a scan of every key (the reference for the index)."""
    keys = [t.key for t in tokenize(name) if t.key not in _HYPHENS]
    query = " ".join(keys)
    out: list = []
    seen: set = set()

    def add(e) -> None:
        if (e.name, e.kind) not in seen and len(out) < limit:
            seen.add((e.name, e.kind))
            out.append(e)

    for e in gaz.by_key.get(query, []):
        add(e)
    if out:
        return out
    for e in gaz.entries:
        if e.surname and key_of(e.surname) == query:
            add(e)
    if out:
        return out
    for k in sorted(gaz.by_key):
        if any(w.startswith(query) for w in _suffixes(k)):
            for e in gaz.by_key[k]:
                add(e)
    for k in sorted(gaz.by_key):
        if query in k:
            for e in gaz.by_key[k]:
                add(e)
    return out


def test_candidates_find_what_a_scan_of_every_key_finds() -> None:
    gaz = default_gazetteer()
    queries = {"kim", "trut", "lav", "vlad", "ko", "sergei", "jong", "far east", "zzz", "a"}
    queries |= {k[:n] for k in list(gaz.by_key)[::7] for n in (2, 4, 7)}
    for q in sorted(queries):
        assert gaz.candidates(q) == _candidates_by_scanning(gaz, q), q


def test_the_chambers_of_the_russian_parliament_by_their_description() -> None:
    found = {m.text: m.name for m in find_mentions(
        "Russia's upper house approved the pact after the Russian lower house did.")}
    assert found == {"Russia's upper house": "Federation Council",
                     "Russian lower house": "State Duma"}
