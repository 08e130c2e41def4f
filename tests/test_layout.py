"""The tree reads as the pipeline (issue 14): who may import what, checked on the source.

Only `index/engine/` knows Whoosh; the bot reaches `index` only through the answering and
building layers, the page fetcher of `/corpus add`, and the shared vocabulary.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT_MAY_IMPORT = ("index.answers", "index.build", "index.corpus.ingest", "index.models",
                  "index.errors")


def _imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, at any depth of its code (functions included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            # `from index import answers` imports the module index.answers
            yield from (f"{node.module}.{a.name}" for a in node.names)


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _sources(folder: str) -> list[Path]:
    found = sorted((ROOT / folder).rglob("*.py"))
    assert found, folder
    return found


def test_only_the_engine_imports_whoosh() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {name}" for p in _sources("index")
                 if not p.is_relative_to(ROOT / "index" / "engine")
                 for name in _imports(p) if _within(name, "whoosh")]
    assert offenders == []


def test_the_engine_does_import_whoosh() -> None:
    """The rule above is not true by accident: the scan does see Whoosh imports."""
    assert any(_within(name, "whoosh") for p in _sources("index/engine") for name in _imports(p))


def test_the_bot_imports_only_the_allowed_layers() -> None:
    offenders = []
    for p in _sources("bot"):
        for name in _imports(p):
            if _within(name, "index") and name != "index" and not any(
                    _within(name, allowed) for allowed in BOT_MAY_IMPORT):
                offenders.append(f"{p.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_the_bot_does_not_import_index_as_a_whole() -> None:
    """`import index` or `from index import x` would reach past the rule unchecked."""
    for p in _sources("bot"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name != "index" for a in node.names), p
            if isinstance(node, ast.ImportFrom) and node.module == "index":
                assert all(any(_within(f"index.{a.name}", ok) for ok in BOT_MAY_IMPORT)
                           for a in node.names), p


def test_every_package_says_what_it_owns() -> None:
    for init in sorted((ROOT / "index").rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 12, init.relative_to(ROOT)


# The layers of index/ in the order an article flows through them.
FLOW = ("models", "errors", "corpus", "timex", "names", "events", "merge", "engine", "build",
        "answers")
# Imports against the flow, each named in its package's docstring.
AGAINST_FLOW = {
    ("index.events.lexicon", "index.engine.schema"),  # event words stemmed as the index is
    ("index.engine.segments", "index.build.workers"),  # worker processes that die with the build
    ("index.merge.parallel", "index.build.workers"),
}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "index" and parts[1] in FLOW else None


def test_index_imports_follow_the_pipeline() -> None:
    modules = {_module(p) for p in _sources("index")}
    offenders = []
    for p in _sources("index"):
        here = _module(p)
        for name in _imports(p):
            if name not in modules:
                continue
            a, b = _layer(here), _layer(name)
            if a and b and FLOW.index(b) > FLOW.index(a) and (here, name) not in AGAINST_FLOW:
                offenders.append(f"{here} -> {name}")
    assert offenders == []


def test_the_shared_vocabulary_imports_nothing_of_index() -> None:
    for name in ("models", "errors"):
        assert [m for m in _imports(ROOT / "index" / f"{name}.py") if _within(m, "index")] == []
