"""Reading the gazetteer from YAML: validation with errors that name the entry, then indexing.

`load_gazetteer(path)` reads one file; `default_gazetteer()` loads the shipped
`index/data/gazetteer.yaml` once per process. The format is documented at the top of that file.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from index.names.gazetteer import Entry, Gazetteer, Title, key_of

_EAST_ASIAN = frozenset({"PRK", "KOR", "CHN"})  # family name first

_SECTIONS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required keys, optional keys)
    "countries": (
        {"code", "name"},
        {"aliases", "adjectives", "capital", "capital_aliases", "metonyms", "contextual",
         "context_of", "note"},
    ),
    "people": ({"name", "country", "role"}, {"aliases", "surname", "surname_alone", "note"}),
    "places": ({"name", "country"}, {"aliases", "note"}),
    "orgs": ({"name", "country"}, {"aliases", "type", "contextual", "note"}),
    "groups": ({"name", "country"}, {"aliases", "note"}),
    "events": ({"name"}, {"aliases", "note"}),
    "titles": ({"title", "kind"}, {"honorific", "topic", "to", "note"}),
}
_WORD_LISTS = ("title_modifiers", "given_names", "korean_surnames", "not_names")


def _check_item(section: str, i: int, item: Any) -> dict[str, Any]:
    required, optional = _SECTIONS[section]
    if not isinstance(item, dict):
        raise ValueError(f"gazetteer: {section}[{i}] must be a mapping, got {item!r}")
    label = f"{section}[{i}] ({item.get('name') or item.get('title')!r})"
    missing = required - item.keys()
    if missing:
        raise ValueError(f"gazetteer: {label} lacks {', '.join(sorted(missing))}")
    unknown = item.keys() - required - optional
    if unknown:
        raise ValueError(f"gazetteer: {label} has unknown key(s) {', '.join(sorted(unknown))}")
    for k in ("aliases", "adjectives", "capital_aliases", "metonyms", "contextual", "context_of"):
        v = item.get(k)
        if k == "contextual" and section == "orgs":
            continue
        if v is not None and not (isinstance(v, list) and all(isinstance(s, str) for s in v)):
            raise ValueError(f"gazetteer: {label}: {k} must be a list of strings")
    for k in ("name", "title", "code", "capital", "role", "surname"):
        if k in item and item[k] is not None and not isinstance(item[k], str):
            raise ValueError(f"gazetteer: {label}: {k} must be a string")
    if section == "titles" and item["kind"] not in {"person", "group", "org"}:
        raise ValueError(f"gazetteer: {label}: kind must be person, group or org")
    return item


def _default_surname(name: str, country: str | None) -> str:
    words = name.split()
    return words[0] if country in _EAST_ASIAN else words[-1]


def parse_gazetteer(data: Any) -> Gazetteer:
    """Validate parsed YAML and build a Gazetteer; ValueError names the first bad entry."""
    if not isinstance(data, dict):
        raise ValueError("gazetteer: the top level must be a mapping of sections")
    unknown = data.keys() - _SECTIONS.keys() - set(_WORD_LISTS)
    if unknown:
        raise ValueError(f"gazetteer: unknown section(s) {', '.join(sorted(unknown))}")
    sec: dict[str, list[dict[str, Any]]] = {}
    for name in _SECTIONS:
        items = data.get(name) or []
        if not isinstance(items, list):
            raise ValueError(f"gazetteer: section {name} must be a list")
        sec[name] = [_check_item(name, i, it) for i, it in enumerate(items)]
    words: dict[str, frozenset[str]] = {}
    for name in _WORD_LISTS:
        v = data.get(name) or []
        if not (isinstance(v, list) and all(isinstance(s, str) for s in v)):
            raise ValueError(f"gazetteer: {name} must be a list of strings")
        words[name] = frozenset(v)

    codes = {c["code"] for c in sec["countries"]}
    for s in ("people", "places", "orgs", "groups"):
        for i, it in enumerate(sec[s]):
            if it["country"] is not None and it["country"] not in codes | {"IGO"}:
                raise ValueError(
                    f"gazetteer: {s}[{i}] ({it['name']!r}): unknown country {it['country']!r}"
                )

    gaz = Gazetteer(
        entries=[],
        titles=[],
        title_modifiers=frozenset(key_of(w) for w in words["title_modifiers"]),
        given_names=words["given_names"],
        korean_surnames=words["korean_surnames"],
        not_names=words["not_names"],
        context_of={},
    )

    def add(entry: Entry, names: list[tuple[str, str]]) -> None:
        gaz.entries.append(entry)
        for text, form in names:
            gaz.add_alias(text, entry, form)

    for c in sec["countries"]:
        code = c["code"]
        country = Entry(c["name"], "country", code, aliases=tuple(c.get("aliases") or ()))
        forms = [(c["name"], "name")] + [(a, "name") for a in c.get("aliases") or []]
        forms += [(a, "adjective") for a in c.get("adjectives") or []]
        forms += [(a, "contextual") for a in c.get("contextual") or []]
        add(country, forms)
        if c.get("context_of"):
            gaz.context_of[code] = frozenset(c["context_of"])
        if c.get("capital"):
            cap = Entry(c["capital"], "place", code, aliases=tuple(c.get("capital_aliases") or ()))
            add(cap, [(a, "capital") for a in (c["capital"], *cap.aliases)])
        for m in c.get("metonyms") or []:
            add(Entry(m, "org", code), [(m, "metonym")])

    surnames: dict[str, int] = {}
    for p in sec["people"]:
        s = p.get("surname") or _default_surname(p["name"], p["country"])
        surnames[key_of(s)] = surnames.get(key_of(s), 0) + 1
    for p in sec["people"]:
        surname = p.get("surname") or _default_surname(p["name"], p["country"])
        e = Entry(p["name"], "person", p["country"], p["role"], tuple(p.get("aliases") or ()),
                  surname, note=p.get("note"))
        forms = [(p["name"], "name")] + [(a, "alias") for a in e.aliases]
        alone = p.get("surname_alone", True) and surnames[key_of(surname)] == 1
        if alone and surname not in words["korean_surnames"]:
            forms.append((surname, "surname"))
        add(e, forms)

    for s, kind in (("places", "place"), ("orgs", "org"), ("groups", "group"), ("events", "event")):
        for it in sec[s]:
            e = Entry(it["name"], kind, it.get("country"), aliases=tuple(it.get("aliases") or ()),
                      type=it.get("type"), contextual=bool(it.get("contextual")),
                      note=it.get("note"))
            add(e, [(it["name"], "name")] + [(a, "alias") for a in e.aliases])

    for t in sec["titles"]:
        flags = {k: bool(t.get(k)) for k in ("honorific", "topic", "to")}
        gaz.add_title(Title(t["title"], t["kind"], **flags))
        if t["kind"] == "person" and not t.get("honorific"):
            gaz.add_title(Title(_plural(t["title"]), "group", **flags))
    return gaz


def _plural(title: str) -> str:
    """English plural of a title's last word ("official" -> "officials")."""
    if title.endswith("man"):
        return title[:-3] + "men"
    if title.endswith(("s", "x", "ch", "sh")):
        return title + "es"
    return title + "s"


def _parse_text(text: str, where: object) -> Gazetteer:
    """Parse and index gazetteer YAML; errors name ``where`` (the file)."""
    try:
        # libyaml's safe loader where PyYAML was built with it: this file is parsed by every
        # process that builds (a worker, a one-article rebuild), and C is ten times faster.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ValueError(f"gazetteer {where}: not valid YAML: {exc}") from exc
    try:
        return parse_gazetteer(data)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read, validate and index one gazetteer YAML file."""
    return _parse_text(Path(path).read_text(encoding="utf-8"), path)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    res = files("index") / "data" / "gazetteer.yaml"
    return _parse_text(res.read_text(encoding="utf-8"), res)
