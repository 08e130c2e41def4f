""""Wrong citation?" reports, and `tumen feedback` listing them (issue 16.8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings
from index.answers import feedback
from tests.bot.conftest import BotRunner
from tests.fakediscord import FakeDiscord, MessageRecord, UserSpec


def buttons(msg: MessageRecord) -> dict[str, str]:
    return {c["label"]: c["custom_id"] for row in msg.components for c in row["components"]
            if "label" in c}


async def test_wrong_citation_asks_which_and_records_it_privately(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    analyst = UserSpec(username="analyst")
    async with run_bot():
        answer = await (await fake_discord.invoke("search", {"query": "Sochi"})).final()
        menu = await (await fake_discord.click(answer, buttons(answer)["Wrong citation?"],
                                               user=analyst)).final()
        (select,) = [c for row in menu.components for c in row["components"]]
        options = [o["value"] for o in select["options"]]
        await fake_discord.click(menu, select["custom_id"], values=[options[0]], user=analyst)
    assert menu.ephemeral and not answer.ephemeral
    assert "000_991db22383b8adc6:p2" in options and len(options) == 2
    assert menu.content.startswith(f"Thank you: `{options[0]}` is recorded")
    assert not menu.components  # the menu is gone once answered
    (report,) = feedback.read(bot_settings.feedback_file)
    assert (report.passage_id, report.command, report.user_id) == (
        options[0], "/search Sochi", analyst.id)
    assert fake_discord.violations == []


async def test_one_citation_is_recorded_at_once(
        run_bot: BotRunner, fake_discord: FakeDiscord, bot_settings: Settings) -> None:
    async with run_bot():
        cited = await (await fake_discord.invoke("cite", {"id": "001:p12"})).final()
        thanks = await (await fake_discord.click(cited, buttons(cited)["Wrong citation?"])).final()
    assert thanks.ephemeral and thanks.allowed_mentions == {"parse": []}
    assert thanks.content.startswith("Thank you: `001_fb27f336a89ec95e:p12` is recorded")
    (report,) = feedback.read(bot_settings.feedback_file)
    assert report.command.startswith("/cite 001:p12")
    assert fake_discord.violations == []


def test_tumen_feedback_lists_the_reports(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "fb" / "feedback.jsonl"
    assert main(["feedback", "--file", str(log)]) == 0
    assert capsys.readouterr().out == f"No wrong-citation reports in {log}.\n"
    feedback.record(log, "001_fb27f336a89ec95e:p12", "/when debt", 42)
    with log.open("a", encoding="utf-8") as out:
        out.write("{torn\n")
    feedback.record(log, "002_31d9f8584a3e5bef:p4", "/search debt", 43)
    assert main(["feedback", "--file", str(log)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(" · 001_fb27f336a89ec95e:p12 · user 42 · /when debt")
    assert lines[1].endswith(" · 002_31d9f8584a3e5bef:p4 · user 43 · /search debt")
    assert lines[2] == f"2 wrong-citation reports in {log}."
    assert main(["feedback", "--json", "--file", str(log)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["user_id"] for r in data["items"]] == [42, 43]
    assert set(data["items"][0]) == {"at", "passage_id", "command", "user_id"}
