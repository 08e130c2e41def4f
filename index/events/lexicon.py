"""The action lexicon (``index/data/actions.yaml``): triggers in articles, words users type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from index.engine.schema import terms_of


@dataclass(frozen=True)
class Action:
    """One action type and how to recognise it."""

    name: str
    cameo: tuple[str, ...]
    label: str
    verb: str
    base: str
    triggers: re.Pattern[str]
    reverse: re.Pattern[str] | None
    words: tuple[str, ...]
    preposition: str = "with"
    # Actions that, stated in the same clause, make this one only their description ("an
    # economic delegation visited", "a military pact was signed"); "*" means any other.
    yields_to: tuple[str, ...] = ()
    # Without a named participant, the two states the article is about are the parties
    # ("the treaty came into force", "passenger trains resumed").
    parties: bool = False
    # Whether the summary names a doer first ("Putin visited …"); a treaty taking effect has
    # none: its summary is "Entry into force for Russia and North Korea".
    doer: bool = True
    # Analyzed words that name kinds of a broad action ("thanked" is a statement).
    narrow: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """All action types, in priority order, plus the user-word index."""

    actions: tuple[Action, ...]
    by_word: dict[str, tuple[str, ...]]  # analyzed user word -> action names

    def get(self, name: str) -> Action:
        return next(a for a in self.actions if a.name == name)

    def actions_for_terms(self, terms: list[str]) -> list[str]:
        """Action names that the (analyzed) query terms mean, in query order, deduplicated."""
        out: list[str] = []
        for t in terms:
            for name in self.by_word.get(t, ()):
                if name not in out:
                    out.append(name)
        return out


def _compile(patterns: list[str], where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])",
                          re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"actions.yaml: a trigger of '{where}' is not a valid pattern: {exc}") \
            from None


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Load and validate the lexicon (the packaged one by default).

    Raises:
        ValueError: the file is malformed; the message names the action and field.
    """
    if path is None:
        text = (resources.files("index") / "data" / "actions.yaml").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    raw = data.get("actions")
    if not isinstance(raw, dict) or not raw:
        raise ValueError("actions.yaml: expected a mapping 'actions:' of action types")
    actions = []
    by_word: dict[str, list[str]] = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict):
            raise ValueError(f"actions.yaml: action '{name}' must be a mapping")
        missing = [k for k in ("cameo", "label", "verb", "triggers", "words") if k not in spec]
        if missing:
            raise ValueError(f"actions.yaml: action '{name}' lacks {', '.join(missing)}")
        triggers = _compile([str(p) for p in spec["triggers"]], name)
        assert triggers is not None
        action = Action(name=str(name), cameo=tuple(str(c) for c in spec["cameo"]),
                        label=str(spec["label"]), verb=str(spec["verb"]),
                        base=str(spec.get("base") or spec["label"]), triggers=triggers,
                        reverse=_compile([str(p) for p in spec.get("reverse") or []], name),
                        words=tuple(str(w) for w in spec["words"]),
                        preposition=str(spec.get("preposition") or "with"),
                        yields_to=tuple(str(a) for a in spec.get("yields_to") or ()),
                        parties=bool(spec.get("parties", False)),
                        doer=bool(spec.get("doer", True)),
                        narrow=frozenset(t for w in spec.get("narrow") or ()
                                         for t in terms_of(str(w))))
        actions.append(action)
        for word in action.words:
            for term in terms_of(word):
                by_word.setdefault(term, [])
                if action.name not in by_word[term]:
                    by_word[term].append(action.name)
    names = {a.name for a in actions}
    for a in actions:
        unknown = [y for y in a.yields_to if y != "*" and y not in names]
        if unknown:
            raise ValueError(f"actions.yaml: action '{a.name}' yields to unknown action(s) "
                             f"{', '.join(unknown)}")
    return Lexicon(tuple(actions), {k: tuple(v) for k, v in by_word.items()})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, loaded once."""
    return load_lexicon()
