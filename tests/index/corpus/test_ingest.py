"""Ingestion: fetching pages within limits, extracting articles, saving and removing safely."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import yaml
from aiohttp import web

from index.corpus.ingest import (
    Draft,
    IngestError,
    Overrides,
    check_doc_id,
    default_doc_id,
    draft_from_page,
    draft_from_upload,
    remove_article,
    save_article,
    slugify,
)
from index.corpus.ingest import fetch as ingest_fetch
from index.corpus.ingest.fetch import FetchLimits, fetch_url
from index.corpus.loader import load_article, load_corpus

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Putin and Kim sign mutual defence pact in Pyongyang | Far East Monitor</title>
<meta property="og:title" content="Putin and Kim sign mutual defence pact in Pyongyang">
<meta property="og:site_name" content="Far East Monitor">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-06-19T14:05:00+09:00">
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.
By continuing to browse you accept our cookie policy.</p><button>Accept all cookies</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a>
</li><li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav></header>
<main><article class="story">
<h1 class="headline">Putin and Kim sign mutual defence pact in Pyongyang</h1>
<div class="byline">By Anna Petrova · <time datetime="2024-06-19">June 19, 2024</time></div>
<div class="story-body">
<p>Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a comprehensive
strategic partnership treaty in Pyongyang on Wednesday, pledging mutual assistance if either
country is attacked.</p>
<p>The agreement, reached during Putin's first visit to North Korea in 24 years, commits both
sides to provide "military and other assistance" using all means available, according to the text
published by state media.</p>
<div class="related-inline"><strong>Read more:</strong>
<a href="/2024/06/18/putin-arrives">Putin arrives in Pyongyang to a lavish welcome</a></div>
<p>Analysts said the pact marked the strongest formal alliance between Moscow and Pyongyang
since the end of the Cold War, and it drew immediate concern from Seoul, Tokyo and Washington.</p>
<p>Kim described the relationship as having entered "a new high period," while Putin said the
two countries would not rule out military-technical cooperation.</p>
</div></article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">South Korea summons Russian ambassador over treaty</a></li>
<li><a href="/b">Photos: Pyongyang decorated for the visit</a></li></ul></aside></main>
<footer class="site-footer"><p>© 2024 Far East Monitor. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>
"""
# What a script-rendered site sends: no article in the HTML at all.
EMPTY_PAGE = """<html><head><title>Far East Monitor</title></head><body>
<div class="cookie-consent"><p>We use cookies.</p><button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div id="root"><noscript>Please enable JavaScript to read this site.</noscript></div>
<footer>© 2024 Far East Monitor</footer></body></html>"""
PLAIN_ARTICLE = "Grain shipments resume\n\nMarch 3, 2015\n\nRussia sent wheat to Nampo.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
LOCAL = FetchLimits(allow_private=True)
NOW = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)


@asynccontextmanager
async def serve_pages(routes: dict[str, web.Response | str]) -> AsyncIterator[str]:
    """Serve ``{path: response or HTML}`` on 127.0.0.1; yields the base URL."""
    release = asyncio.Event()

    async def handle(request: web.Request) -> web.StreamResponse:
        key = request.path
        if key == "/slow":
            # Holds the response until the test is over (or 2 s): a server that never answers.
            await asyncio.wait_for(release.wait(), 2)
            return web.Response(text="late")
        if key == "/big":  # streamed with no Content-Length: only the cut-off can stop it
            resp = web.StreamResponse(headers={"Content-Type": "text/html"})
            await resp.prepare(request)
            for _ in range(40):
                await resp.write(b"<p>" + b"x" * 1000 + b"</p>")
            await resp.write_eof()
            return resp
        found = routes.get(key)
        if found is None:
            return web.Response(status=404, text="not here")
        if isinstance(found, str):
            return web.Response(text=found, content_type="text/html")
        # A fresh copy each time: a response object can be sent only once.
        return web.Response(status=found.status, body=found.body, headers=found.headers)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        release.set()
        await runner.cleanup()


# -- fetching ----------------------------------------------------------------------------------

async def test_fetch_and_extract_a_news_page_without_its_boilerplate() -> None:
    async with serve_pages({"/news/pact.html": NEWS_PAGE}) as base:
        page = await fetch_url(f"{base}/news/pact.html", LOCAL)
    draft = await asyncio.to_thread(draft_from_page, page)
    fm = draft.front_matter
    assert fm["title"] == "Putin and Kim sign mutual defence pact in Pyongyang"
    assert fm["publisher"] == "Far East Monitor"
    assert fm["date"] == "2024-06-19"
    assert fm["url"] == f"{base}/news/pact.html"
    assert "pledging mutual assistance if either country is attacked." in draft.body
    assert "\n\nKim described the relationship" in draft.body  # paragraphs: blank lines
    for junk in ("cookie", "Subscribe", "Related stories", "All rights reserved", "Photos:"):
        assert junk not in draft.body


async def test_redirects_are_followed_and_each_hop_is_checked() -> None:
    routes = {"/old": web.Response(status=301, headers={"Location": "/news/pact.html"}),
              "/news/pact.html": NEWS_PAGE,
              "/to-private": web.Response(status=302,
                                          headers={"Location": "http://10.255.255.1/admin"}),
              "/loop": web.Response(status=307, headers={"Location": "/loop"}),
              "/to-ftp": web.Response(status=302, headers={"Location": "ftp://x.example/a"})}
    async with serve_pages(routes) as base:
        page = await fetch_url(f"<{base}/old>", LOCAL)  # as pasted in Discord without preview
        # Only 127.0.0.1 is let through: a redirect to another private address is refused.
        only_here = FetchLimits(allow_addresses=frozenset({"127.0.0.1"}))
        with pytest.raises(IngestError, match=r"private network \(10\.255\.255\.1"):
            await fetch_url(f"{base}/to-private", only_here)
        with pytest.raises(IngestError, match="redirected more than 5 times"):
            await fetch_url(f"{base}/loop", LOCAL)
        with pytest.raises(IngestError, match="only http and https URLs can be fetched"):
            await fetch_url(f"{base}/to-ftp", LOCAL)
    assert page.url.endswith("/news/pact.html")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.txt",
                                 "javascript:alert(1)", "gopher://x/", "example.com/news"])
async def test_only_http_and_https(url: str) -> None:
    with pytest.raises(IngestError, match="only http and https URLs can be fetched"):
        await fetch_url(url, LOCAL)


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "10.1.2.3", "169.254.169.254",
                                  "[::ffff:127.0.0.1]", "0.0.0.0", "224.0.0.1", "192.168.0.1"])
async def test_private_addresses_are_refused_by_default(host: str) -> None:
    with pytest.raises(IngestError, match="that address is on a private network"):
        await fetch_url(f"http://{host}:9/page", FetchLimits())


@pytest.mark.parametrize("host", ["localhost", "0x7f.0.0.1", "2130706433", "127.1", "0177.0.0.1"])
async def test_disguised_loopback_addresses_are_refused(host: str) -> None:
    with pytest.raises(IngestError, match=r"private network|not a valid URL"):
        await fetch_url(f"http://{host}:9/page", FetchLimits(timeout_s=1))


async def test_host_names_are_checked_on_every_resolved_address(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async def fake_getaddrinfo(host: str, port: int, **kw: object) -> list[tuple]:
        # One public and one private answer: a single bad address is enough to refuse.
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(IngestError, match=r"private network \(news\.example is 10\.0\.0\.7\)"):
        await fetch_url("http://news.example/a", FetchLimits())


def test_public_address_rules() -> None:
    assert ingest_fetch.is_public_address("93.184.215.14")
    assert ingest_fetch.is_public_address("2606:4700::1111")
    for addr in ("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1", "::1",
                 "fe80::1", "fc00::1", "ff02::1", "240.0.0.1", "100.64.0.1", "::ffff:10.0.0.1"):
        assert not ingest_fetch.is_public_address(addr), addr


async def test_size_time_status_and_type_limits() -> None:
    routes = {"/declared": web.Response(body=b"x" * 5000, content_type="text/html"),
              "/image.png": web.Response(body=PNG, content_type="image/png"),
              "/gone": web.Response(status=410, text="gone")}
    async with serve_pages(routes) as base:
        small = FetchLimits(allow_private=True, max_bytes=4096)
        with pytest.raises(IngestError, match="the page is larger than 4 KB"):
            await fetch_url(f"{base}/declared", small)
        with pytest.raises(IngestError, match="the page is larger than 4 KB"):
            await fetch_url(f"{base}/big", small)  # no Content-Length: cut off while reading
        quick = FetchLimits(allow_private=True, timeout_s=0.2)
        with pytest.raises(IngestError, match=r"the server took longer than 0\.2 s"):
            await fetch_url(f"{base}/slow", quick)
        with pytest.raises(IngestError, match="HTTP 404 Not Found"):
            await fetch_url(f"{base}/missing", LOCAL)
        with pytest.raises(IngestError, match="HTTP 410 Gone"):
            await fetch_url(f"{base}/gone", LOCAL)
        with pytest.raises(IngestError, match="the page is image/png, not HTML or text"):
            await fetch_url(f"{base}/image.png", LOCAL)


async def test_plain_text_pages_and_pages_without_an_article() -> None:
    routes = {"/a.txt": web.Response(text=PLAIN_ARTICLE, content_type="text/plain"),
              "/empty.html": EMPTY_PAGE}
    async with serve_pages(routes) as base:
        text_page = await fetch_url(f"{base}/a.txt", LOCAL)
        empty = await fetch_url(f"{base}/empty.html", LOCAL)
    draft = draft_from_page(text_page)
    assert draft.body == PLAIN_ARTICLE and draft.front_matter == {"url": f"{base}/a.txt"}
    with pytest.raises(IngestError, match="no article text could be extracted"):
        draft_from_page(empty)


# -- ids and saving ----------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../evil", "..", "a/b", "a\\b", "/etc/passwd", "C:\\x",
                                 "a\x00b", "-flag", "with space", "caf\u00e9", "x" * 81, "a:b",
                                 ".hidden", ""])
def test_unsafe_ids_are_refused(bad: str) -> None:
    with pytest.raises(IngestError, match="cannot be an article id"):
        check_doc_id(bad)


def test_ids_made_from_titles_and_urls_are_safe_slugs() -> None:
    assert check_doc_id(" Putin-Visit_2024 ") == "putin-visit_2024"
    assert (slugify("Putin’s visit to Pyongyang (2024) — Día 1")
            == "putins-visit-to-pyongyang-2024-dia-1")
    assert len(slugify("word " * 40)) <= 80
    assert default_doc_id("../../etc/passwd", None, "t") == "etc-passwd"
    assert default_doc_id("Путин в Пхеньяне", "https://x.example/news/kim-visit.html?a=1",
                          "t") == "kim-visit"
    assert default_doc_id(None, None, "text").startswith("article-")


def test_save_writes_validated_front_matter_and_refuses_overwrite(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    draft = Draft({"title": "Grain deal", "publisher": "TASS", "date": "2015-03-03",
                   "url": "https://tass.example/1"}, "Russia sent wheat to Nampo.\n", "test")
    saved = save_article(corpus, draft, added_by="42", now=NOW)
    assert saved.path == corpus.resolve() / "grain-deal.md" and saved.replaced == []
    text = saved.path.read_text(encoding="utf-8")
    fm = yaml.safe_load(text.split("---\n")[1])
    assert fm == {"title": "Grain deal", "publisher": "TASS", "date": "2015-03-03",
                  "url": "https://tass.example/1", "added_by": "42",
                  "added_at": "2026-11-24T05:00:00+00:00"}
    assert load_article(saved.path).meta.date == "2015-03-03"
    with pytest.raises(IngestError, match=r"“grain-deal” already exists \(grain-deal.md\).*"
                                          r"replace:true"):
        save_article(corpus, Draft({"title": "Grain deal"}, "Other text.\n", "t"))
    again = save_article(corpus, Draft({"title": "Grain deal"}, "Other text.\n", "t"),
                         replace=True, overrides=Overrides(publisher="Yonhap", date="2015-03"))
    assert again.replaced == ["grain-deal.md"]
    assert again.article.meta.publisher == "Yonhap" and again.article.meta.date == "2015-03"
    assert again.article.body == "Other text.\n"
    assert sorted(p.name for p in corpus.iterdir()) == ["grain-deal.md"]  # no temp files left


def test_save_refuses_bad_dates_and_never_writes_outside(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    draft = Draft({"title": "T"}, "Body.\n", "test")
    with pytest.raises(IngestError, match="not a real calendar date"):
        save_article(corpus, draft, overrides=Overrides(date="2015-02-30"))
    with pytest.raises(IngestError, match="cannot be an article id"):
        save_article(corpus, draft, doc_id="../outside")
    (tmp_path / "outside.md").write_text("secret", encoding="utf-8")
    (corpus / "link.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(IngestError, match=r"link\.md in the corpus folder is a symbolic link"):
        save_article(corpus, draft, doc_id="link", replace=True)
    assert (tmp_path / "outside.md").read_text(encoding="utf-8") == "secret"
    assert not list(corpus.glob(".ingest-*"))


def test_replacing_a_txt_leaves_one_file_per_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_text("Old title\n\nOld text.\n", encoding="utf-8")
    save_article(corpus, Draft({}, "New text.\n", "t"), doc_id="old", replace=True)
    assert [p.name for p in corpus.iterdir()] == ["old.md"]
    assert load_corpus(corpus).problems == []


# -- uploads -----------------------------------------------------------------------------------

def test_uploaded_md_is_validated_like_a_corpus_file() -> None:
    good = b"---\ntitle: T\ndate: 2015-02\nauthor: A\n---\nBody.\n"
    draft = draft_from_upload("a.MD", good)
    assert draft.front_matter == {"title": "T", "date": "2015-02", "author": "A"}
    assert draft.body == "Body.\n"
    # (b"\xff\xfe" would be UTF-16's byte-order mark, and is named so.)
    cases = {b"\xfa bad": "invalid UTF-8 at byte offset 0",
             b"\xff\xfeB\x00o\x00d\x00y\x00": "encoded as UTF-16",
             b"---\ntitle: [x\n---\nBody\n": "broken front matter",
             b"---\ndate: 2015-13\n---\nBody\n": "not a real calendar date",
             b"   \n": "empty file", b"a\x00b": "binary file"}
    for data, message in cases.items():
        with pytest.raises(IngestError, match=message):
            draft_from_upload("a.md", data)
    with pytest.raises(IngestError, match="larger than 10 bytes"):
        draft_from_upload("a.txt", b"x" * 11, max_bytes=10)
    with pytest.raises(IngestError, match=r"not a \.md, \.txt or \.html file"):
        draft_from_upload("a.pdf", b"%PDF-1.7")


def test_uploaded_txt_gets_front_matter_from_options(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    draft = draft_from_upload("grain.txt", PLAIN_ARTICLE.encode())
    saved = save_article(corpus, draft, overrides=Overrides(publisher="KCNA"), added_by="7")
    meta = saved.article.meta
    # No title or date given: the loader still finds them in the text, as for a plain file,
    # and the id comes from that title.
    assert (saved.doc_id, meta.doc_id, meta.title, meta.publisher, meta.date) == (
        "grain-shipments-resume", "grain-shipments-resume", "Grain shipments resume", "KCNA",
        "2015-03-03")
    assert saved.article.body == PLAIN_ARTICLE
    assert load_article(saved.path).meta.date_basis == "dateline"


def test_uploaded_html_is_extracted(tmp_path: Path) -> None:
    draft = draft_from_upload("pact.html", NEWS_PAGE.encode())
    assert draft.front_matter["date"] == "2024-06-19"
    assert "military-technical cooperation" in draft.body
    with pytest.raises(IngestError, match="no article text could be extracted"):
        draft_from_upload("empty.htm", EMPTY_PAGE.encode())


def test_remove_by_unique_prefix_and_refusals(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("grain-deal.md", "grain-deal.txt", "green-light.md", "pact.md"):
        (corpus / name).write_text("Text.\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"ambiguous.*grain-deal, green-light"):
        remove_article(corpus, "g")
    with pytest.raises(IngestError, match="No article id starts with “nope”"):
        remove_article(corpus, "nope")
    for bad in ("../corpus/pact", "pa/ct", "..", ""):
        with pytest.raises(IngestError, match="not an article id"):
            remove_article(corpus, bad)
    removed = remove_article(corpus, "grai")
    assert (removed.doc_id, removed.files) == ("grain-deal", ["grain-deal.md", "grain-deal.txt"])
    assert sorted(p.name for p in corpus.iterdir()) == ["green-light.md", "pact.md"]
