"""Adding articles never breaks an answer that was right: the seed corpus grown with more
accounts of its own events (written for this test, at other precisions and from other outlets)
answers every seed question as before, and the accounts join the events they tell."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from bot.commandline import run_chat_command
from index.answers.services import Library
from index.build.build import build_index
from tests.conftest import SEED_CORPUS, write_corpus
from tests.index.answers.test_dev_questions import QUESTIONS, check_answer

MORE = {
    "wire-debt": ("2014-05-06", "Wire One",
                  "MOSCOW, May 6 (Wire One) - Russia has written off 90 percent of North "
                  "Korea's Soviet-era debt of about $11 billion, the Finance Ministry said on "
                  "Monday. The rest will be repaid over 20 years."),
    "paper-debt": ("2014-06-02", "Daily Paper",
                   "Last month Moscow forgave most of the debt North Korea owed the Soviet "
                   "Union, some $10 billion."),
    "wire-trutnev": ("2014-05-02", "Wire Two",
                     "Russian Deputy Prime Minister Yuri Trutnev visited Pyongyang from April 28 "
                     "to April 30, the ministry said."),
    "wire-summit": ("2019-04-26", "Wire Three",
                    "North Korean leader Kim Jong Un met Russian President Vladimir Putin in "
                    "Vladivostok on Thursday for their first summit."),
}


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("grown")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    write_corpus(root, {f"{name}.md": f"---\ntitle: {name}\npublisher: {outlet}\ndate: {date}\n"
                        f"---\n{body}\n" for name, (date, outlet, body) in MORE.items()})
    build_index(corpus, root / "ix")
    lib = Library(root / "ix")
    yield lib
    lib.close()


def _ask(lib: Library, command: str) -> dict[str, Any]:
    return run_chat_command(lib, command).to_json()


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_every_seed_question_is_still_answered(grown: Library, q: dict[str, Any]) -> None:
    check_answer(grown, q)


def _docs(item: dict[str, Any]) -> set[str]:
    return {c["doc_id"] for c in item["citations"]}


def test_the_new_accounts_join_the_events_they_tell(grown: Library) -> None:
    debt = _ask(grown, "/when debt")
    first = debt["items"][0]
    assert {"wire-debt", "paper-debt"} <= _docs(first) and len(_docs(first)) >= 4
    assert first["date"]["value"].startswith("2014-0")
    assert any("disagree" in n for n in debt["notes"])  # the figures still differ
    trutnev = _ask(grown, "/when Trutnev")["items"][0]
    assert "wire-trutnev" in _docs(trutnev) and len(_docs(trutnev)) >= 2
    summit = _ask(grown, "/when Kim Jong Un met Putin in Vladivostok")["items"][0]
    # "Putin met Kim in April 2019" (the seed) and "Kim met Putin … on Thursday" are one summit.
    assert {"wire-summit", "004_63a90ea71ee5090e"} <= _docs(summit)
    assert summit["date"]["value"] == "2019-04-25"
