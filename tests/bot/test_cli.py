"""The `tumen` command line, run in-process through `main(argv)`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main


def test_ask_builds_the_index_first_and_says_so(env: Path, capsys) -> None:
    assert main(["ask", "/search Sochi Olympics"]) == 0
    out, err = capsys.readouterr()
    assert "No index" in err and "building it" in err
    assert "**Sochi**" in out and "000_991db22383b8adc6:p2" in out and "CNAS" in out
    assert main(["ask", "/search Sochi"]) == 0
    assert "building" not in capsys.readouterr().err


def test_ask_json_matches_the_contract(env: Path, capsys) -> None:
    assert main(["ask", "--json", "/search debt"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"command", "query", "time", "total", "total_exact", "items", "related",
                         "notes", "suggestion"}
    assert data["command"] == "search" and data["query"] == "debt" and data["time"] is None
    assert data["total"] == len(data["items"]) and data["total_exact"] is True
    item = data["items"][0]
    assert item["kind"] == "passage"
    cit = item["citations"][0]
    assert set(cit) == {"passage_id", "doc_id", "quote", "source"}
    assert set(cit["source"]) == {"title", "publisher", "date", "url"}
    assert cit["passage_id"].startswith(cit["doc_id"] + ":p")
    assert "debt" in cit["quote"]


def test_ask_cite_prefix_and_errors(env: Path, capsys) -> None:
    assert main(["ask", "/cite 002:p4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("002_31d9f8584a3e5bef:p4\n") and "In 2014, Moscow moved" in out
    assert main(["ask", "/cite 0"]) == 1
    assert "ambiguous" in capsys.readouterr().err


@pytest.mark.parametrize(("line", "expected"), [
    ("", "Type a command"), ("/nope", "Unknown command /nope"), ("/search", "Usage: /search"),
    ("/search ????*", "Nothing to search for")])
def test_ask_usage_errors(env: Path, capsys, line: str, expected: str) -> None:
    assert main(["ask", line]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_sources(env: Path, capsys) -> None:
    assert main(["ask", "/sources"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 articles indexed")
    assert "publisher unknown" in out and "(12 passages)" in out


def test_index_prints_a_summary(env: Path, capsys) -> None:
    assert main(["index", "--full"]) == 0
    out = capsys.readouterr().out
    assert "Indexed 5 articles" in out and "Added 5" in out


def test_index_with_no_articles_fails_plainly(env: Path, capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["index", "--corpus", str(empty)]) == 1
    assert "nothing to index" in capsys.readouterr().err


def test_check_shows_drops_and_fails_on_bad_files(env: Path, capsys) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "000_991db22383b8adc6.md: ok" in out and "dropped (" in out
    (env / "corpus" / "broken.md").write_bytes(b"caf\xe9")
    (env / "corpus" / "empty.txt").write_text("")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "broken.md: ERROR — invalid UTF-8 at byte offset 3" in out
    assert "empty.txt: ERROR — empty file" in out
    assert "5 articles ok, 2 with problems." in out


def test_run_without_token_answers_offline_and_explains(env: Path, capsys) -> None:
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "/when debt" in out and "May 2014" in out and "debt relief" in out
    assert "TUMEN_DISCORD_TOKEN" in out and "tumen console" in out


def test_console_session(env: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = iter(["/sources", "/bogus", "", "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["console"]) == 0
    out = capsys.readouterr().out
    assert "5 articles indexed" in out and "Unknown command /bogus" in out


@pytest.mark.parametrize("cmd", ["index", "ask", "console", "check", "run"])
def test_every_command_has_help(cmd: str, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    assert "usage: tumen " + cmd in capsys.readouterr().out


def test_ask_timeline_png(env: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    assert main(["ask", "/timeline debt", "--png", str(out)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 800
    assert "written to" in capsys.readouterr().err
    assert main(["ask", "/sources", "--png", str(out)]) == 1


def test_cite_styles_and_timex(env: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["ask", "/cite 001:p12 style:apa"]) == 0
    assert capsys.readouterr().out.startswith(
        "Russia Strengthens Business, Military Ties With North Korea. (2015, February). ValueWalk.")
    assert main(["ask", "/cite 001:p12 style:mla"]) == 1
    assert "Unknown citation style" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("Yesterday we met. $10 billion."))
    assert main(["timex", "--dct", "2015-02"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines == [{"start": 0, "end": 9, "text": "Yesterday", "type": "DATE",
                      "value": "2015-02"}]


def test_events_listing(env: Path, capsys) -> None:
    assert main(["events", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    events = data["items"]
    assert data["total"] == len(events)
    assert any(e["action"] == "debt_relief" and e["date"]["value"] == "2014-05" for e in events)
    assert all(e["citations"] for e in events)


def test_events_lists_every_event_or_the_first_n(env: Path, capsys, tmp_path: Path) -> None:
    from tests.index.answers.test_lists import N_VISITS, visits_article

    corpus = tmp_path / "visits"
    corpus.mkdir()
    (corpus / "visits.md").write_text(visits_article(), encoding="utf-8")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "visits-index")]
    assert main(["events", *where]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(" — " in line for line in out) == N_VISITS and out[-1] == f"{N_VISITS} events."
    assert main(["events", "--limit", "3", *where]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("1 January 2010 — ") and sum(" — " in line for line in out) == 3
    assert out[-1] == (f"Showing the first 3 of {N_VISITS} events in date order; without "
                       "--limit every event is listed.")
    assert main(["events", "--json", "--limit", "2", *where]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == N_VISITS and len(data["items"]) == 2


def test_ask_header_says_how_many_of_how_many(env: Path, capsys) -> None:
    assert main(["ask", "/search Russia"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.startswith("/search Russia — 10 of ") and head.endswith(" passages")
