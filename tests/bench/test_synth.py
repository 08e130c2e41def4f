"""The synthetic corpus: deterministic, valid for the loader, realistic enough to clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import synth_data
from bench.synth import generate_article, generate_corpus
from index.corpus.loader import load_corpus
from index.corpus.passages import make_passages

SIZE = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    generate_corpus(out, SIZE, seed=3)
    return out


def _files(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def test_same_seed_same_files(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_corpus(again, SIZE, seed=3)
    assert _files(again) == _files(corpus)


def test_other_seed_other_files(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate_corpus(other, SIZE, seed=4)
    assert _files(other) != _files(corpus)


def test_requested_number_of_files(corpus: Path) -> None:
    names = sorted(p.name for p in corpus.iterdir())
    assert len(names) == SIZE
    assert all(re.fullmatch(r"syn\d{6}_[0-9a-f]{8}\.md", n) for n in names)


def test_loader_accepts_every_file(corpus: Path) -> None:
    report = load_corpus(corpus)
    assert report.problems == []
    assert len(report.articles) == SIZE


def test_dates_come_at_every_precision() -> None:
    dates = [generate_article(3, i).date for i in range(80)]
    lengths = {len(d) if d else 0 for d in dates}
    assert {10, 7, 4, 0} <= lengths  # day, month, year, undated


def test_article_is_a_function_of_seed_and_index() -> None:
    a, b = generate_article(3, 5), generate_article(3, 5)
    assert a == b
    revised = generate_article(3, 5, revision=1)
    assert revised.doc_id == a.doc_id and revised.text != a.text


def test_cleaning_keeps_exactly_the_content_paragraphs(corpus: Path) -> None:
    for i, article in enumerate(load_corpus(corpus).articles):
        expected = generate_article(3, i)
        assert article.meta.doc_id == expected.doc_id
        ap = make_passages(article)
        assert [p.text for p in ap.passages] == list(expected.paragraphs)
        assert 8 <= len(ap.passages) <= 25


def test_boilerplate_is_there_and_the_cleaner_drops_it(corpus: Path) -> None:
    reasons: set[str] = set()
    for i, article in enumerate(load_corpus(corpus).articles):
        expected = generate_article(3, i)
        ap = make_passages(article)
        dropped = {d.text for d in ap.dropped}
        kept = {p.text for p in ap.passages}
        assert expected.boilerplate, "every article carries some boilerplate"
        for line in expected.boilerplate:
            assert line in dropped and line not in kept, line
        reasons |= {d.reason for d in ap.dropped}
    assert len(reasons) >= 5  # several families: related block, comments, share, disclaimer …


def test_text_has_dates_actions_quotes_and_figures() -> None:
    text = "\n".join(generate_article(3, i).text for i in range(40))
    for needle in ("will ", "denied", "“", "$", "percent", " 20"):
        assert needle in text
    assert any(m in text for m in synth_data.MONTHS)
    assert re.search(r"\b(?:last week|yesterday|the following month|last month)\b", text)
