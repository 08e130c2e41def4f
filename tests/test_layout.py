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
