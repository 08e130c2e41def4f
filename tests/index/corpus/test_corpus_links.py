"""Symbolic links in the corpus are refused wherever they point: build, check and /corpus add."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from index.answers.services import Library
from index.build.build import build_index
from index.corpus.ingest import Draft, IngestError, remove_article, save_article
from index.corpus.loader import LINK_REFUSED, load_article, load_corpus

GOOD = "---\ntitle: Good\ndate: 2015-02-18\n---\nRussia forgave the debt in May.\n"
SECRET = "root:x:0:0:SECRETMARKER:/root:/bin/bash\n"


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A corpus with one real article and links: to a host file, to the article, and dangling."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "passwd").write_text(SECRET, encoding="utf-8")
    (corpus / "passwd.md").symlink_to(tmp_path / "passwd")
    (corpus / "alias.md").symlink_to(corpus / "good.md")
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "dir.md").mkdir()
    (corpus / "folder.md").symlink_to(tmp_path / "dir.md")
    return corpus


def test_the_loader_refuses_every_link_with_a_reason(linked: Path) -> None:
    report = load_corpus(linked)
    assert [a.meta.doc_id for a in report.articles] == ["good"]
    assert {p.path: p.message for p in report.problems} == {
        name: LINK_REFUSED for name in ("alias.md", "dangling.txt", "folder.md", "passwd.md")}
    assert "symbolic link" in LINK_REFUSED


def test_load_article_does_not_follow_a_link(linked: Path) -> None:
    with pytest.raises(ValueError, match="symbolic link"):
        load_article(linked / "passwd.md")


def test_the_build_lists_the_links_as_rejected_and_never_indexes_them(
        linked: Path, tmp_path: Path) -> None:
    summary = build_index(linked, tmp_path / "ix")
    assert summary.added == ["good"]
    assert {p.path for p in summary.skipped if p.message == LINK_REFUSED} == {
        "alias.md", "dangling.txt", "folder.md", "passwd.md"}
    lib = Library(tmp_path / "ix")
    try:
        assert not lib.search("SECRETMARKER").items
        assert lib.search("debt").items
    finally:
        lib.close()


def test_an_indexed_file_replaced_by_a_link_is_removed_next_build(
        linked: Path, tmp_path: Path) -> None:
    (linked / "passwd.md").unlink()
    (linked / "passwd.md").write_text("---\ntitle: P\n---\nKim visited Vladivostok.\n",
                                      encoding="utf-8")
    build_index(linked, tmp_path / "ix")
    (linked / "passwd.md").unlink()
    (linked / "passwd.md").symlink_to(tmp_path / "passwd")
    summary = build_index(linked, tmp_path / "ix")
    assert summary.mode == "incremental" and summary.removed == ["passwd"]
    assert ("passwd.md", LINK_REFUSED) in {(p.path, p.message) for p in summary.skipped}


def test_check_names_the_links_and_fails(linked: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(linked.parent)
    assert main(["check", "--corpus", str(linked)]) == 1
    out = capsys.readouterr().out
    assert f"passwd.md: ERROR — {LINK_REFUSED}" in out
    assert "SECRETMARKER" not in out and str(linked.parent / "passwd") not in out


@pytest.mark.parametrize("doc_id", ["passwd", "alias", "dangling"])
def test_corpus_add_refuses_to_write_through_a_link(linked: Path, doc_id: str) -> None:
    draft = Draft({"title": "New"}, "Other text.\n", "upload.md")
    with pytest.raises(IngestError, match="symbolic link"):
        save_article(linked, draft, doc_id=doc_id, replace=True)
    assert (linked.parent / "passwd").read_text(encoding="utf-8") == SECRET
    assert (linked / "good.md").read_text(encoding="utf-8") == GOOD
    assert not list(linked.glob(".ingest-*"))


def test_a_link_is_not_an_article_to_remove(linked: Path) -> None:
    with pytest.raises(IngestError):
        remove_article(linked, "alias")
    assert (linked / "good.md").exists()
