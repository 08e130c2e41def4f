"""Shared fixtures: tiny literal corpora in tmp dirs, and the seed corpus indexed once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.answers.services import Library
from index.build.build import build_index

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"


def write_corpus(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{file name: content}`` into ``root/corpus`` and return that folder."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = corpus / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return corpus


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Factory: write a literal corpus into this test's tmp dir."""
    return lambda files: write_corpus(tmp_path, files)


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus, indexed once for the whole session (read-only for tests)."""
    index_dir = tmp_path_factory.mktemp("seed") / "index"
    build_index(SEED_CORPUS, index_dir)
    return index_dir


@pytest.fixture
def seed_library(seed_index_dir: Path) -> Iterator[Library]:
    lib = Library(seed_index_dir)
    yield lib
    lib.close()
