"""Failure descriptions and the log filter: one line, never a response body or a token."""

from __future__ import annotations

import logging
import sys
from types import SimpleNamespace

import discord
import pytest
import yarl

from bot.failures import SafeErrors, describe
from index.errors import BuildError

BODY = "BODY-MARKER Authorization: Bot secret-token-in-a-body"


def http_error(status: int, path: str = "/api/v10/users/@me",
               cls: type[discord.HTTPException] = discord.HTTPException) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason=f"reason {BODY}", method="GET",
                               url=yarl.URL(f"http://127.0.0.1:1{path}"))
    return cls(response, {"code": 50001, "message": BODY})  # type: ignore[arg-type]


@pytest.mark.parametrize(("exc", "expected"), [
    (http_error(500, cls=discord.DiscordServerError),
     "Discord answered GET /api/v10/users/@me with HTTP 500 (Internal Server Error)"),
    (http_error(403, "/api/v10/applications/1/commands", discord.Forbidden),
     "Discord refused GET /api/v10/applications/1/commands with HTTP 403 (Forbidden), "
     "Discord error code 50001."),
    (http_error(404, "/api/v10/webhooks/1/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTA/messages"),
     "GET /api/v10/webhooks/1/*/messages with HTTP 404 (Not Found)"),
    (discord.LoginFailure("x"), "Discord refused the token"),
    (BuildError("nothing to index: all 2 article files were rejected"), "nothing to index"),
    (ConnectionRefusedError(111, BODY), "Cannot reach Discord (ConnectionRefusedError)"),
    (KeyError(BODY), "Unexpected KeyError"),
])
def test_describe_says_what_failed_in_one_line_without_what_the_server_sent(
        exc: BaseException, expected: str) -> None:
    text = describe(exc)
    assert expected in text
    assert "\n" not in text and "BODY-MARKER" not in text and "reason" not in text


def record(name: str, exc: BaseException) -> logging.LogRecord:
    try:
        raise exc
    except BaseException:
        info = sys.exc_info()
    return logging.LogRecord(name, logging.ERROR, __file__, 1, "unexpected error %s in /%s",
                             ("abc123", "when"), info)


def formatted(rec: logging.LogRecord) -> str:
    assert SafeErrors().filter(rec)
    return logging.Formatter("%(levelname)s %(name)s: %(message)s").format(rec)


def test_the_filter_drops_tracebacks_that_carry_a_response_body() -> None:
    try:
        try:
            raise http_error(500, cls=discord.DiscordServerError)
        except discord.HTTPException as inner:
            raise discord.app_commands.CommandInvokeError(  # type: ignore[arg-type]
                SimpleNamespace(name="when", qualified_name="when"), inner) from inner
    except discord.app_commands.CommandInvokeError as exc:
        wrapped = exc
    text = formatted(record("bot.tree", wrapped))
    assert text.startswith("ERROR bot.tree: unexpected error abc123 in /when — Discord answered")
    assert "Traceback" not in text and "BODY-MARKER" not in text and "\n" not in text


def test_the_filter_keeps_tracebacks_of_our_own_bugs_and_one_lines_discord_reconnects() -> None:
    ours = formatted(record("bot.tree", KeyError("k")))
    assert "Traceback" in ours and "KeyError" in ours
    reconnect = formatted(record("discord.client", ConnectionResetError(104, BODY)))
    assert "Traceback" not in reconnect and "Cannot reach Discord" in reconnect
    assert BODY not in reconnect
