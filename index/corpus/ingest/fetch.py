"""Fetching one web page for ingestion, with hard limits and no access to private networks.

Every refusal is an `IngestError` whose message is one sentence for the admin who asked. The
address check runs inside the HTTP client's resolver, so the addresses that were checked are the
ones connected to (a second DNS answer cannot slip a private address in after the check).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

from index.corpus.usertext import shown
from index.errors import TumenError

DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_FETCH_TIMEOUT_S = 15.0
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
# Some sites refuse clients without a browser-like Accept header; say who we are honestly.
_HEADERS = {"User-Agent": "TumenBot/0.1 (article ingestion for a research team)",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"}
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class IngestError(TumenError):
    """An article could not be fetched, extracted or saved; the message says why."""


class _BlockedAddress(OSError):
    """Raised by the resolver; aiohttp wraps it, and `fetch_url` unwraps it again."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}")
        self.host, self.address = host, address


@dataclass(frozen=True)
class FetchLimits:
    """How much, how long and where a fetch may go.

    `allow_addresses` lists exact addresses allowed even when private (tests serve pages on
    127.0.0.1 and still check that other private addresses are refused).
    """

    max_bytes: int = DEFAULT_FETCH_MAX_BYTES
    timeout_s: float = DEFAULT_FETCH_TIMEOUT_S
    allow_private: bool = False
    allow_addresses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: the final URL after redirects, its media type, charset and bytes."""

    url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES


def human_size(n: int) -> str:
    """``5242880`` → ``5 MB``; small limits (in tests) stay readable too."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} KB"
    return f"{n} bytes"


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback in disguise
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def check_address(host: str, address: str, limits: FetchLimits) -> None:
    """Refuse one resolved (or literal) address unless it is public or explicitly allowed.

    Raises:
        _BlockedAddress: the address is not allowed.
    """
    if limits.allow_private or address in limits.allow_addresses:
        return
    if not is_public_address(address):
        raise _BlockedAddress(host, address)


class _CheckingResolver(AbstractResolver):
    """Resolve with the system resolver, then refuse if *any* address is not allowed."""

    def __init__(self, limits: FetchLimits) -> None:
        self._inner = ThreadedResolver()
        self._limits = limits

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            check_address(host, result["host"], self._limits)
        return results

    async def close(self) -> None:
        await self._inner.close()


def _blocked_message(exc: _BlockedAddress) -> str:
    where = (exc.address if exc.host.strip("[]") == exc.address
             else f"{shown(exc.host)} is {exc.address}")
    return f"that address is on a private network ({where}); only public web pages can be fetched"


def _check_url(url: URL) -> None:
    """Scheme and host checks that need no network."""
    if not url.scheme:
        raise IngestError("only http and https URLs can be fetched; start it with https://")
    if url.scheme not in ("http", "https"):
        raise IngestError(f"only http and https URLs can be fetched, not {shown(url.scheme, 20)}:")
    if not url.host:
        raise IngestError("that URL has no host name")


def _literal_ip(host: str) -> str | None:
    """The host as an IP address if it is one (aiohttp skips its resolver for those)."""
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


async def fetch_url(url: str, limits: FetchLimits | None = None) -> FetchedPage:
    """Download ``url`` (following at most 5 redirects, each checked like the first).

    Raises:
        IngestError: refused or failed; the message is one sentence.
    """
    limits = limits or FetchLimits()
    try:
        # <…> is how Discord users keep a link from unfurling; the brackets are not the URL.
        start = URL(url.strip().removeprefix("<").removesuffix(">"))
    except (ValueError, TypeError):
        raise IngestError("that is not a valid URL") from None
    _check_url(start)
    connector = aiohttp.TCPConnector(resolver=_CheckingResolver(limits), use_dns_cache=False,
                                     limit=1, force_close=True)
    # trust_env=False: a proxy from the environment would hide where requests really go.
    async with aiohttp.ClientSession(connector=connector, headers=_HEADERS,
                                     trust_env=False) as session:
        try:
            async with asyncio.timeout(limits.timeout_s):
                return await _follow(session, start, limits)
        except TimeoutError:
            raise IngestError(f"the server took longer than {limits.timeout_s:g} s "
                              "to send the page") from None
        except _BlockedAddress as exc:
            raise IngestError(_blocked_message(exc)) from None
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, _BlockedAddress):
                raise IngestError(_blocked_message(exc.os_error)) from None
            raise IngestError(f"could not connect to {shown(exc.host)} "
                              f"({exc.os_error.strerror or exc.os_error})") from None
        except aiohttp.InvalidURL:
            raise IngestError("that is not a valid URL") from None
        except aiohttp.ClientError as exc:
            raise IngestError(f"the download failed ({type(exc).__name__})") from None


async def _follow(session: aiohttp.ClientSession, url: URL, limits: FetchLimits) -> FetchedPage:
    for _hop in range(MAX_REDIRECTS + 1):
        _check_url(url)
        literal = _literal_ip(url.host or "")
        if literal is not None:
            check_address(url.host or "", literal, limits)
        async with session.get(url, allow_redirects=False) as resp:
            if resp.status in _REDIRECTS and "Location" in resp.headers:
                try:
                    url = url.join(URL(resp.headers["Location"]))
                except ValueError:
                    raise IngestError("the server redirected to an invalid URL") from None
                continue
            return await _read(resp, url, limits)
    raise IngestError(f"the server redirected more than {MAX_REDIRECTS} times")


async def _read(resp: aiohttp.ClientResponse, url: URL, limits: FetchLimits) -> FetchedPage:
    if resp.status >= 300:
        try:
            reason = HTTPStatus(resp.status).phrase
        except ValueError:
            reason = shown(resp.reason or "error", 40)
        raise IngestError(f"the server answered HTTP {resp.status} {reason} for {shown(str(url))}")
    too_big = IngestError(f"the page is larger than {human_size(limits.max_bytes)}")
    if resp.content_length is not None and resp.content_length > limits.max_bytes:
        raise too_big
    content_type = resp.content_type  # aiohttp: lower-cased, parameters stripped
    _check_type(content_type, resp.headers)
    chunks: list[bytes] = []
    total = 0
    async for chunk in resp.content.iter_chunked(_CHUNK):
        total += len(chunk)
        if total > limits.max_bytes:  # cut off: a missing Content-Length must not help
            raise too_big
        chunks.append(chunk)
    return FetchedPage(url=str(url), content_type=content_type, charset=resp.charset,
                       body=b"".join(chunks))


def _check_type(content_type: str, headers: Any) -> None:
    # aiohttp reports a missing Content-Type as application/octet-stream.
    if "Content-Type" not in headers:
        return  # decided after download by sniffing; see index.corpus.ingest
    if content_type in HTML_TYPES or content_type.startswith("text/"):
        return
    raise IngestError(f"the page is {shown(content_type, 40)}, not HTML or text; "
                      "attach the article as a .md, .txt or .html file instead")
