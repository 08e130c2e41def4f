"""The development questions over the seed corpus, through the `tumen ask --json` code path.

The rule is the one stated in `tests/data/dev_questions.yaml`: every expected date is answered at
least as precisely (more precise is fine, less is not), every expected actor is named somewhere in
the answer (spelling variants allowed), at least one expected source is cited, and the "none"
questions get no items at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.commandline import run_chat_command
from index.answers.services import Library
from index.events.dates import PRECISION_RANK, interval

QUESTIONS = yaml.safe_load((Path(__file__).parents[2] / "data" / "dev_questions.yaml")
                           .read_text(encoding="utf-8"))["questions"]


def _fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def answered_dates(answer: dict[str, Any]) -> list[tuple[dt.date, dt.date, str]]:
    out = []
    for item in answer["items"]:
        d = item.get("date")
        if d and d.get("start") and d.get("end") and d.get("mod") != "AFTER":
            precision = d["precision"]
            out.append((dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"]),
                        precision))
    return out


def date_answered(expected: str, got: list[tuple[dt.date, dt.date, str]]) -> bool:
    want = interval(str(expected))
    assert want is not None, expected
    w_start, w_end, w_precision = want
    for start, end, precision in got:
        if PRECISION_RANK[precision] > PRECISION_RANK[w_precision]:
            continue  # less precise than asked: "2014" does not answer "2014-05"
        if w_start <= start <= w_end or w_start <= end <= w_end:
            return True  # inside, or an end of a range ("28–30 Apr" answers 28 and 30)
    return False


def actor_named(name: str, answer: dict[str, Any]) -> bool:
    blob = _fold(json.dumps(answer, ensure_ascii=False))
    surname = name.replace("-", " ").split()[-1]
    return _fold(name) in blob or (len(surname) > 3 and _fold(surname) in blob)


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_dev_question(seed_library: Library, q: dict[str, Any]) -> None:
    check_answer(seed_library, q)


def check_answer(library: Library, q: dict[str, Any]) -> None:
    """Assert that ``library`` answers question ``q`` right, by the rule above."""
    answer = run_chat_command(library, q["command"]).to_json()
    expect = q["expect"]
    if q["id"].startswith("s-none"):
        assert answer["items"] == [], f"{q['command']} invented an answer"
        return
    assert answer["items"], f"{q['command']} found nothing"
    cited = {c["doc_id"] + ".txt" for i in answer["items"] for c in i["citations"]}
    assert cited & set(expect["sources"]), f"cites {sorted(cited)}"
    got = answered_dates(answer)
    for d in expect.get("dates") or []:
        assert date_answered(d, got), f"date {d} not answered; got {got}"
    for name in expect.get("actors") or []:
        assert actor_named(name, answer), f"{name} not named"
