"""What the bot's log says about a failure: one line, with nothing a server sent but numbers.

discord.py puts a failed response's body into its exceptions' messages, and a proxy that echoes
the request's headers would put the token there. These helpers describe a failure from its type,
status code, method and a filtered path instead, so neither reaches the log.
"""

from __future__ import annotations

import http
import logging
import re

import aiohttp
import discord

from index.errors import TumenError

# A path segment shown as it is: API words and snowflake ids. Anything else (an interaction or
# webhook token, whatever a proxy invented) is shown as "*".
_SAFE_SEGMENT = re.compile(r"[a-z0-9@_.-]{1,32}")


def _phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:  # 520 and other non-standard codes
        return "server error" if status >= 500 else "client error"


def _request(exc: discord.HTTPException) -> str:
    """``"GET /api/v10/users/@me"`` from the response, with unsafe segments masked."""
    response = exc.response
    method = getattr(response, "method", None)
    url = getattr(response, "url", None)
    path = getattr(url, "path", None)
    if not isinstance(method, str) or not isinstance(path, str):
        return "a request"
    segments = [s if not s or _SAFE_SEGMENT.fullmatch(s) else "*" for s in path.split("/")]
    return f"{method.upper() if method.isalpha() else '?'} {'/'.join(segments)[:120]}"


def _http(exc: discord.HTTPException) -> str:
    status = exc.status if isinstance(exc.status, int) else 0
    code = exc.code if isinstance(exc.code, int) else 0
    what = f"{_request(exc)} with HTTP {status} ({_phrase(status)})"
    if status >= 500:
        return (f"Discord answered {what}: Discord or a proxy in between is failing; "
                "try again later.")
    hint = (" Check that the bot was invited with the applications.commands scope and may "
            "use the configured guilds (TUMEN_GUILD_IDS)." if status == 403 else "")
    return f"Discord refused {what}{f', Discord error code {code}' if code else ''}.{hint}"


def describe(exc: BaseException) -> str:
    """One sentence about why the bot stopped or an operation failed; safe to log."""
    if isinstance(exc, discord.LoginFailure):
        return ("Discord refused the token: check TUMEN_DISCORD_TOKEN (the bot's token from "
                "the Developer Portal, not a client secret).")
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return ("Discord refused the gateway intents the bot asked for; enable them in the "
                "Developer Portal.")
    if isinstance(exc, discord.HTTPException):
        return _http(exc)
    if isinstance(exc, discord.ConnectionClosed):
        return (f"The Discord gateway closed the connection (close code {int(exc.code or 0)}); "
                "check the token and TUMEN_DISCORD_GATEWAY_URL.")
    if isinstance(exc, discord.GatewayNotFound):
        return "Discord did not say where its gateway is; try again later."
    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return (f"The Discord gateway answered HTTP {int(exc.status)} ({_phrase(exc.status)}) "
                "instead of a websocket; check TUMEN_DISCORD_GATEWAY_URL.")
    if isinstance(exc, aiohttp.ClientError | OSError):
        return (f"Cannot reach Discord ({exc.__class__.__name__}); check the network or the "
                "proxy settings TUMEN_DISCORD_API_BASE / TUMEN_DISCORD_GATEWAY_URL.")
    if isinstance(exc, TimeoutError):
        return "Discord did not answer in time; try again later."
    if isinstance(exc, TumenError):
        return str(exc)  # our own sentence
    return (f"Unexpected {exc.__class__.__name__}; run with TUMEN_LOG_LEVEL=DEBUG to log "
            "its traceback.")


def _http_error_in(exc: BaseException | None) -> discord.HTTPException | None:
    """The first discord.HTTPException among ``exc``, its causes and contexts."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, discord.HTTPException):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


class SafeErrors(logging.Filter):
    """Keep response bodies out of the log: a record whose exception is (or was caused by) a
    discord.HTTPException, or any failure discord.py itself logs (a gateway reconnect), loses
    its traceback and gets the one-line description instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is None:
            return True
        culprit = _http_error_in(exc)
        if culprit is None and not record.name.startswith("discord"):
            return True  # our own bug: the traceback is what fixes it
        record.msg = f"{record.getMessage()} — {describe(culprit or exc)}"
        record.args = None
        record.exc_info = None
        record.exc_text = None
        return True
