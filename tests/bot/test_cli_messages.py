"""Messages of issue 12.9 that were found confusing, as they read now (`tumen` in-process)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from bot.cli import main


def ask(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["ask", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_status_is_a_chat_command_as_the_readme_lists_it(env: Path, capsys) -> None:
    code, out, _ = ask(capsys, "/status")
    assert code == 0 and "Unknown command" not in out
    assert out.startswith("Index generation gen-") and "5 articles" in out
    code, out, _ = ask(capsys, "/help")
    assert "/status — The served index" in out


def test_cite_takes_its_style_after_the_id(env: Path, capsys) -> None:
    code, plain, _ = ask(capsys, "/cite 001:p3 plain")
    assert code == 0
    assert ask(capsys, "/cite 001:p3 style:plain")[1] == plain
    assert "001_fb27f336a89ec95e" in plain and "Usage" not in plain


def test_timeline_years_after_the_topic_are_from_and_to(env: Path, capsys) -> None:
    code, typed, _ = ask(capsys, "/timeline debt 2014 2016")
    assert code == 0 and typed.startswith("/timeline debt from 2014 to 2016 — ")
    options = ask(capsys, "/timeline debt from:2014 to:2016")[1]
    assert typed == options and "May 2014" in typed
    data = json.loads(ask(capsys, "--json", "/timeline debt 2014 2016")[1])
    assert data["query"] == "debt" and data["time"] == "from 2014 to 2016"


def test_a_from_with_a_month_and_a_year_is_one_time(env: Path, capsys) -> None:
    code, out, err = ask(capsys, "/timeline from:May 2014")
    assert code == 0, err
    assert out.startswith("/timeline from May 2014 — ")
    assert ask(capsys, '/timeline from:"May 2014"')[1] == out
    # Words after it that are no time stay the topic.
    assert ask(capsys, "/timeline from:May 2014 debt")[1].startswith(
        "/timeline debt from May 2014 — ")


def test_a_range_that_ends_before_it_starts_says_so(env: Path, capsys) -> None:
    code, out, err = ask(capsys, "/timeline from:2016 to:2015")
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1] == (
        "The time range ends before it starts: 2016 is after 2015. Give the earlier time "
        "first, e.g. from:2015 to:2016.")


def test_an_empty_timeline_says_nothing_is_dated_in_its_range(env: Path, capsys) -> None:
    code, out, _ = ask(capsys, "/timeline 1950 1951")
    assert code == 0 and "Nothing in the corpus about “”" not in out
    assert "No event is dated from 1950 to 1951." in out
    assert "Nothing in the corpus about “zanzibar” from 2014." in ask(
        capsys, "/timeline zanzibar 2014")[1]


def test_png_of_a_timeline_that_finds_nothing_still_prints_the_answer(
        env: Path, capsys, tmp_path: Path) -> None:
    png = tmp_path / "out.png"
    code, out, err = ask(capsys, "--png", str(png), "/timeline zanzibar")
    assert code == 0 and "Nothing in the corpus about “zanzibar”" in out
    assert f"No picture written to {png}" in err and not png.exists()
    code, _, err = ask(capsys, "--png", str(png), "/sources")
    assert code == 1 and "--png draws events" in err


def test_json_errors_are_a_json_object_on_stdout(env: Path, capsys) -> None:
    code, out, err = ask(capsys, "--json", "/cite nosuchdoc:p1")
    assert code == 1
    data = json.loads(out)
    assert data["error"]["message"] == err.strip().splitlines()[-1]
    assert data["error"]["type"] == "NotFound" and "nosuchdoc" in data["error"]["message"]
    code, out, _ = ask(capsys, "--json", "/bogus")
    assert code == 1 and json.loads(out)["error"]["kind"] == "query"


def test_check_calls_an_all_boilerplate_file_a_problem_as_index_skips_it(
        env: Path, capsys) -> None:
    (env / "corpus" / "chrome.md").write_text(
        "---\ntitle: Only chrome\ndate: 2015\n---\nLeave a comment\n\n12 comments\n",
        encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert ("chrome.md: ERROR — nothing left after removing boilerplate; `tumen index` skips it"
            in out)
    assert "chrome.md: ok" not in out and "5 articles ok, 1 with problems." in out
    assert main(["index"]) == 0
    assert "skipped chrome.md: nothing left after removing boilerplate" in \
        capsys.readouterr().out


def test_index_with_nothing_to_do_says_so_and_keeps_the_generation(env: Path, capsys) -> None:
    assert main(["index"]) == 0
    first = capsys.readouterr().out
    served = (env / "index" / "CURRENT").read_text(encoding="utf-8")
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    generation = served.strip()
    assert out.startswith(f"Nothing changed in the corpus since generation {generation} was "
                          "built: it keeps serving its 5 articles, 37 passages and ")
    assert "no new generation was made" in out and "`tumen index --full` rebuilds" in out
    assert "Added" not in out and "Indexed" not in out
    assert (env / "index" / "CURRENT").read_text(encoding="utf-8") == served
    assert [p.name for p in (env / "index").glob("gen-*")] == [generation]
    assert main(["index", "--full"]) == 0  # still rebuilds
    out = capsys.readouterr().out
    assert out.startswith("Indexed 5 articles") and "full build" in out and first != out
    assert (env / "index" / "CURRENT").read_text(encoding="utf-8") != served


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_the_stages_after_the_articles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli import _ProgressBar
    from index.build.buildprogress import DONE, MERGING

    monkeypatch.setattr(sys, "stderr", _Terminal())
    bar = _ProgressBar()
    try:
        bar(5, 10, "(unchanged articles)")
        bar(6, 10, "005_trutnev")
        bar(6, 10, MERGING)
        assert bar._bar is not None
        shown = str(bar._bar)
        # A share of the build, not "6/10 articles": the steps after 6 are not articles.
        assert shown.startswith("Indexing:  60%|") and shown.endswith(", merging events")
        assert "article" not in shown
        bar(10, 10, DONE)
        assert str(bar._bar).startswith("Indexing: 100%|")
    finally:
        bar.close()
