"""Messages that quote what a user typed: no control or bidi characters, never unbounded."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.cogs.corpus import _check_options
from bot.commandline import run_chat_command
from index.answers.services import Library
from index.corpus.ingest import check_doc_id, draft_from_upload, resolve_doc_file
from index.corpus.ingest.fetch import fetch_url
from index.corpus.loader import normalize_date
from index.corpus.usertext import ECHO_CHARS, shown
from index.engine.query import parse_user_query
from index.errors import TumenError

HOSTILE = "\x1b[2J\u202e\u2066\u2067\u2068\u2069\u200b\x00\x07\r\n"
LONG = "x" * 100_000
# Room for the fixed words of the longest message around one echo of at most ECHO_CHARS.
MAX_MESSAGE = 400


def assert_safe(message: str) -> None:
    bad = {f"U+{ord(ch):04X}" for ch in message if unicodedata.category(ch) in {"Cc", "Cf"}}
    assert not bad, (bad, message[:200])
    assert len(message) <= MAX_MESSAGE, message[:200]


def test_shown_strips_control_and_format_characters_and_cuts() -> None:
    assert shown(f"001:p3{HOSTILE}tail") == "001:p3 [2J tail"
    cut = shown("abc " + LONG)
    assert len(cut) == ECHO_CHARS and cut.endswith("…") and cut.startswith("abc x")
    assert shown("\x1b" * 100_000 + "late") == "…"  # the head was all control characters
    assert shown("short") == "short" and shown("a" * ECHO_CHARS) == "a" * ECHO_CHARS


def _raises(func: Callable[[], Any]) -> str:
    with pytest.raises((TumenError, ValueError)) as info:
        func()
    return str(info.value)


@pytest.mark.parametrize("typed", [f"001:p3{HOSTILE}", HOSTILE + LONG, LONG + HOSTILE])
@pytest.mark.parametrize("call", [
    lambda lib, t: lib.cite(t),
    lambda lib, t: lib.cite("001:p3", style=t),
    lambda lib, t: lib.search("debt", source=t),
    lambda lib, t: lib.resolve_doc(t),
    lambda lib, t: run_chat_command(lib, "/" + t),
    lambda lib, t: run_chat_command(lib, t),
    lambda lib, t: run_chat_command(lib, f'/search debt source:"{t}"'),
    lambda lib, t: normalize_date(t),
    lambda lib, t: check_doc_id(t),
    lambda lib, t: draft_from_upload(t + ".exe", b"x"),
], ids=["cite", "cite-style", "search-source", "resolve-doc", "unknown-command",
        "no-slash", "chat-source", "date", "doc-id", "upload-name"])
def test_error_messages_quote_user_text_safely(seed_library: Library, call: Any,
                                               typed: str) -> None:
    assert_safe(_raises(lambda: call(seed_library, typed)))


def test_nothing_to_search_for_quotes_safely() -> None:
    message = _raises(lambda: parse_user_query("?!\x1b\u202e\u2066" * 90))
    assert "Nothing to search for" in message
    assert_safe(message)


def test_nothing_about_quotes_the_topic_safely(seed_library: Library) -> None:
    answer = seed_library.when("zzqqx" + HOSTILE + LONG[:400])
    assert answer.suggestion and "Nothing in the corpus about" in answer.suggestion
    assert_safe(answer.suggestion)


def test_a_huge_passage_number_is_not_a_passage_id(seed_library: Library) -> None:
    assert "not a passage id" in _raises(lambda: seed_library.cite("001:p" + "9" * 5000))


def test_corpus_remove_and_add_options_quote_safely(tmp_path: Path) -> None:
    assert_safe(_raises(lambda: resolve_doc_file(tmp_path, HOSTILE + LONG)))
    attachment = SimpleNamespace(filename=HOSTILE + LONG + ".exe", size=10)
    assert_safe(_raises(lambda: _check_options(attachment, None, None, None, 100, 100)))  # type: ignore[arg-type]
    big = SimpleNamespace(filename=HOSTILE + LONG + ".md", size=10**9)
    assert_safe(_raises(lambda: _check_options(big, None, None, None, 100, 100)))  # type: ignore[arg-type]


@pytest.mark.parametrize("url", ["gopher" + "x" * 5000 + "://example.com/",
                                 "gopher\u202e" + "x" * 5000 + "://example.com/"])
async def test_fetch_refusals_quote_the_url_safely(url: str) -> None:
    with pytest.raises(TumenError) as info:
        await fetch_url(url)
    assert_safe(str(info.value))


def test_answers_echo_the_question_cleaned(seed_library: Library) -> None:
    assert seed_library.who("visited\u202e 2014\x1b[2J").query == "visited 2014 [2J"
    assert seed_library.timeline("debt\u2066\x07").query == "debt"
