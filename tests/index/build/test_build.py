"""Building generations: atomic switch, failures keep the old index serving, one build at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.answers.services import Library
from index.build.build import build_index
from index.build.buildlock import BuildLock
from index.engine.store import META, POINTER, read_pointer
from index.errors import BuildError, CorpusError

ONE = "---\ntitle: One\npublisher: P\ndate: 2015-02-18\n---\nRussia forgave the debt in May.\n"
TWO = "---\ntitle: Two\ndate: 2015-03\n---\nKim visited Vladivostok.\nPutin met him there.\n"


def test_build_writes_a_generation_and_points_at_it(make_corpus, tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE, "two.md": TWO})
    summary = build_index(corpus, tmp_path / "ix")
    gen = read_pointer(tmp_path / "ix")
    assert gen == summary.generation and gen.startswith("gen-")
    meta = json.loads((tmp_path / "ix" / gen / META).read_text())
    assert meta["articles"]["two"]["passages"] == 2
    assert (summary.articles, summary.passages) == (2, 3)
    assert summary.added == ["one", "two"]


def test_rebuild_reports_changes_and_readers_follow(make_corpus, tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE, "two.md": TWO})
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    lib = Library(ix)
    try:
        assert lib.search("Vladivostok").items
        (corpus / "two.md").unlink()
        (corpus / "one.md").write_text(ONE.replace("May", "June"), encoding="utf-8")
        (corpus / "three.md").write_text("---\ntitle: Three\n---\nSochi again.\n",
                                         encoding="utf-8")
        second = build_index(corpus, ix)
        assert second.generation != first.generation
        assert (second.added, second.updated, second.removed) == (["three"], ["one"], ["two"])
        # The same Library object now answers from the new generation: no restart.
        assert not lib.search("Vladivostok").items
        assert lib.search("June").items
    finally:
        lib.close()


def test_old_generations_are_cleaned_up(make_corpus, tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE})
    ix = tmp_path / "ix"
    for _ in range(4):
        build_index(corpus, ix)
    gens = sorted(p.name for p in ix.glob("gen-*"))
    assert len(gens) <= 2
    assert read_pointer(ix) in gens


def test_failed_build_keeps_the_old_generation_serving(make_corpus, tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE})
    ix = tmp_path / "ix"
    first = build_index(corpus, ix)
    (corpus / "one.md").write_bytes(b"\xff\xfe broken")
    with pytest.raises(BuildError, match=r"all 1 article file was rejected \(one.md: encoded "
                                         "as UTF-16, not UTF-8"):
        build_index(corpus, ix)
    assert read_pointer(ix) == first.generation
    lib = Library(ix)
    try:
        assert lib.search("debt").items
    finally:
        lib.close()


def test_empty_corpus_and_missing_corpus(make_corpus, tmp_path: Path) -> None:
    empty = make_corpus({})
    with pytest.raises(BuildError, match=r"no \.md or \.txt articles"):
        build_index(empty, tmp_path / "ix")
    with pytest.raises(CorpusError, match="does not exist"):
        build_index(tmp_path / "missing", tmp_path / "ix")
    assert read_pointer(tmp_path / "ix") is None


def test_bad_files_are_skipped_and_reported(make_corpus, tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE, "bad.md": "---\ndate: soon\n---\nText.\n"})
    summary = build_index(corpus, tmp_path / "ix")
    assert summary.articles == 1
    assert [(p.path, "not a date" in p.message) for p in summary.skipped] == [("bad.md", True)]


def test_second_build_while_one_runs_is_refused(make_corpus, tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE})
    ix = tmp_path / "ix"
    with BuildLock(ix, who="admin"), pytest.raises(BuildError,
                                                   match=r"already running.*started by admin"):
        build_index(corpus, ix)
    build_index(corpus, ix)  # released afterwards


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("where", ["index.engine.writer.PassageWriter.add",
                                   "index.build.build.write_events"])
def test_write_failure_leaves_no_partial_generation(make_corpus, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    where: str, full: bool) -> None:
    corpus = make_corpus({"one.md": ONE})
    ix = tmp_path / "ix"
    first = build_index(corpus, ix, full=True)

    def disk_full(*args: object, **kw: object) -> None:
        raise OSError(28, "No space left on device")

    (corpus / "one.md").write_text(ONE + "\nOne more paragraph.\n", encoding="utf-8")
    if full and where.endswith(".write_events"):  # a full build writes them from its state
        where = "index.build.build.write_stored_events"
    monkeypatch.setattr(where, disk_full)
    with pytest.raises(BuildError, match=r"No space left on device.*keeps serving"):
        build_index(corpus, ix, full=full)
    assert [p.name for p in ix.glob("gen-*")] == [first.generation]
    assert (ix / POINTER).read_text().strip() == first.generation
    # The build state was rolled back with it: the next build updates the served generation.
    monkeypatch.undo()
    again = build_index(corpus, ix)
    assert again.mode == "incremental" and again.updated == ["one"]


def test_nothing_to_index_says_why_each_file_was_rejected(make_corpus, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"e{i}.md": "" for i in range(5)}
    files["bin.md"] = b"\x89PNG\x00\x00"
    with pytest.raises(BuildError) as caught:
        build_index(make_corpus(files), tmp_path / "ix")
    message = str(caught.value)
    assert message.startswith("nothing to index: all 6 article files were rejected (bin.md: "
                              "binary file (contains NUL bytes), not an article; e0.md: empty "
                              "file; ")
    assert message.endswith("; and 1 more); the current index keeps serving")



def test_a_full_build_reports_changes_against_what_was_served(make_corpus,
                                                              tmp_path: Path) -> None:
    corpus = make_corpus({"one.md": ONE, "two.md": ONE.replace("debt", "loan")})
    ix = tmp_path / "ix"
    first = build_index(corpus, ix, full=True)
    assert first.added == ["one", "two"]
    again = build_index(corpus, ix, full=True)  # once said "Added 2" of an unchanged corpus
    assert (again.added, again.updated, again.removed) == ([], [], [])
    assert again.reprocessed == 2
    (corpus / "two.md").unlink()
    (corpus / "one.md").write_text(ONE + "\nOne more sentence.\n", encoding="utf-8")
    changed = build_index(corpus, ix, full=True)
    assert (changed.added, changed.updated, changed.removed) == ([], ["one"], ["two"])


def test_the_summary_counts_accounts_as_accounts() -> None:
    from bot.render_text import format_summary
    from index.build.build import BuildSummary

    text = format_summary(BuildSummary("gen-x", "now", 1.0, articles=5, passages=37, events=33,
                                       merged=8))
    # "(8 merged across sources)" read as 8 events told by several sources.
    assert "33 events (merged from 41 accounts in the articles)" in text
