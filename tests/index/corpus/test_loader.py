"""Loading and validation: every bad file is skipped with a message naming it and saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.corpus.loader import find_dateline, load_corpus, normalize_date
from index.errors import CorpusError
from tests.conftest import SEED_CORPUS

GOOD = "---\ntitle: Good\npublisher: Outlet\ndate: 2015-02-18\n---\nA paragraph of text.\n"


def problems_by_file(corpus: Path, **kw: int) -> dict[str, str]:
    report = load_corpus(corpus, **kw)
    return {p.path: p.message for p in report.problems}


def test_seed_corpus_loads_without_problems() -> None:
    report = load_corpus(SEED_CORPUS)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert len(report.articles) == 5
    dates = {a.meta.doc_id[:3]: a.meta.date for a in report.articles}
    assert dates == {"000": "2015-02-18", "001": "2015-02", "002": "2015-03",
                     "003": "2015-03", "004": "2020-04"}
    assert all(a.meta.date_basis == "front matter" for a in report.articles)


def test_front_matter_fields(make_corpus) -> None:
    corpus = make_corpus({"a.md": "---\ntitle: T\npublisher: P\ndate: 2015-02\nurl: http://x\n"
                                  "author: Someone\nextra: [1, 2]\n---\nBody line.\n"})
    (article,) = load_corpus(corpus).articles
    m = article.meta
    assert (m.doc_id, m.title, m.publisher, m.date, m.url, m.author) == (
        "a", "T", "P", "2015-02", "http://x", "Someone")
    assert article.body == "Body line.\n"


def test_no_front_matter_title_and_dateline(make_corpus) -> None:
    corpus = make_corpus({"b.txt": "February 18, 2015\nMoscow and Pyongyang\nText here.\n",
                          "c.txt": "Headline Only\n\nSome text.\n"})
    arts = {a.meta.doc_id: a.meta for a in load_corpus(corpus).articles}
    assert arts["b"].title == "Moscow and Pyongyang"
    assert (arts["b"].date, arts["b"].date_basis) == ("2015-02-18", "dateline")
    assert arts["c"].title == "Headline Only"
    assert arts["c"].date is None and arts["c"].date_basis is None


def test_long_first_line_is_not_taken_whole_as_title(make_corpus) -> None:
    para = "word " * 100
    corpus = make_corpus({"long.txt": para + "\n"})
    (a,) = load_corpus(corpus).articles
    assert a.meta.title.endswith("…") and len(a.meta.title) <= 202


@pytest.mark.parametrize(("line", "expected"), [
    ("February 18, 2015", "2015-02-18"),
    ("Feb. 18, 2015", "2015-02-18"),
    ("Sept. 3, 2014", "2014-09-03"),
    ("3 September 2014", "2014-09-03"),
    ("2015-02-18", "2015-02-18"),
    ("Published: Feb 18, 2015", "2015-02-18"),
])
def test_dateline_forms(line: str, expected: str) -> None:
    assert find_dateline([line]) == (0, expected)


@pytest.mark.parametrize("line", ["Updated on", "February 30, 2015", "In February 2014, Kim went.",
                                  "2015"])
def test_not_datelines(line: str) -> None:
    assert find_dateline([line]) is None


def test_dateline_only_near_the_top() -> None:
    assert find_dateline(["a", "b", "c", "February 18, 2015"]) is None


def test_bad_files_are_reported_and_the_rest_load(make_corpus) -> None:
    corpus = make_corpus({
        "good.md": GOOD,
        "empty.md": "",
        "blank.txt": "  \n\n ",
        "latin1.txt": "caf\xe9 au lait".encode("latin-1"),
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "unclosed.md": "---\ntitle: x\nno closing fence\n",
        "badyaml.md": "---\ntitle: [unclosed\n---\nText.\n",
        "listfm.md": "---\n- a\n- b\n---\nText.\n",
        "baddate.md": "---\ntitle: x\ndate: last Tuesday\n---\nText.\n",
        "feb30.md": "---\ntitle: x\ndate: 2015-02-30\n---\nText.\n",
        "month13.md": "---\ntitle: x\ndate: 2015-13\n---\nText.\n",
        "nobody.md": "---\ntitle: x\n---\n\n",
        "dup.md": GOOD,
        "dup.txt": GOOD,
        "notes.csv": "ignored,file\n",
    })
    report = load_corpus(corpus)
    loaded = sorted(a.meta.doc_id for a in report.articles)
    assert loaded == ["dup", "good"]
    probs = {p.path: p.message for p in report.problems}
    assert probs["empty.md"] == "empty file"
    assert probs["blank.txt"] == "empty file"
    assert "invalid UTF-8 at byte offset 3" in probs["latin1.txt"]
    assert "binary" in probs["binary.md"]
    assert "never closed" in probs["unclosed.md"]
    assert probs["badyaml.md"].startswith("broken front matter")
    assert "line" in probs["badyaml.md"]
    assert "broken front matter" in probs["listfm.md"]
    assert "'last Tuesday' is not a date" in probs["baddate.md"]
    assert "not a real calendar date" in probs["feb30.md"]
    assert "not a real calendar date" in probs["month13.md"]
    assert "no article text" in probs["nobody.md"]
    assert "same doc id 'dup' as dup.md" in probs["dup.txt"]
    assert "notes.csv" not in probs  # not an article file type: not considered at all
    assert len(probs) == 12


def test_size_limit_is_configurable(make_corpus) -> None:
    corpus = make_corpus({"big.md": GOOD + "x" * 2000, "small.md": GOOD})
    probs = problems_by_file(corpus, max_bytes=1000)
    assert list(probs) == ["big.md"]
    assert "too large" in probs["big.md"] and "1,000" in probs["big.md"]
    assert problems_by_file(corpus) == {}


def test_bad_doc_id(make_corpus) -> None:
    corpus = make_corpus({"a:b.md": GOOD})
    assert "doc id" in problems_by_file(corpus)["a:b.md"]


def test_bom_is_ignored(make_corpus) -> None:
    corpus = make_corpus({"bom.md": "\ufeff" + GOOD})
    (a,) = load_corpus(corpus).articles
    assert a.meta.title == "Good"


def test_missing_corpus_dir(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")


@pytest.mark.parametrize(("value", "expected"), [("2015", "2015"), (2015, "2015"),
                                                 ("2015-02", "2015-02")])
def test_normalize_date(value: object, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(("data", "named"), [
    ("\ufeffPutin visited Pyongyang.\n".encode("utf-16"), "UTF-16"),
    ("Putin visited Pyongyang.\n".encode("utf-16-le"), "UTF-16"),
    ("Putin visited Pyongyang.\n".encode("utf-16-be"), "UTF-16"),
    ("Putin visited Pyongyang.\n".encode("utf-32"), "UTF-32"),
])
def test_utf16_and_utf32_files_are_named_as_such_not_binary(make_corpus, data: bytes,
                                                            named: str) -> None:
    report = load_corpus(make_corpus({"wide.txt": data}))
    (problem,) = report.problems
    assert problem.message == f"encoded as {named}, not UTF-8; save the file as UTF-8"

