"""Adding articles to the corpus from a URL or an uploaded file, and removing them (no Discord).

A new article becomes ``<corpus>/<doc id>.md`` with YAML front matter (title, publisher, date,
url, added_by, added_at) and the text as found. Every file is validated with the loader the index
build uses before it replaces anything, and written atomically, so a half-written or unusable
file never reaches the corpus. Refusals are `IngestError`s with one sentence for the admin.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from yarl import URL

from index.corpus.ids import unique_prefix
from index.corpus.ingest.extract import Extracted, extract_html
from index.corpus.ingest.fetch import FetchedPage, IngestError, human_size
from index.corpus.loader import (
    DEFAULT_MAX_BYTES,
    article_paths,
    corpus_entries,
    load_article,
    normalize_date,
    split_front_matter,  # the loader's own parser: uploads are read exactly as builds read them
)
from index.corpus.usertext import shown
from index.errors import NotFound
from index.models import Article

log = logging.getLogger(__name__)

MAX_ID_CHARS = 80
DOC_ID_RE = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{MAX_ID_CHARS - 1}}}")
TEXT_SUFFIXES = (".md", ".txt")
HTML_SUFFIXES = (".html", ".htm")
UPLOAD_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
# Front-matter keys written first, in this order; anything else an upload had is kept after them.
_KEY_ORDER = ("title", "publisher", "date", "url", "author")
# One corpus writer at a time in this process: the "already exists?" check and the write must not
# interleave with another add or remove of the same id.
_WRITE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Overrides:
    """Metadata the admin typed; each one wins over what the file or page says."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None


@dataclass
class Draft:
    """An article ready to be saved: front matter fields and the body text."""

    front_matter: dict[str, object]
    body: str
    source: str  # file name or URL, for messages


@dataclass(frozen=True)
class Saved:
    """What was written."""

    doc_id: str
    path: Path
    article: Article
    replaced: list[str]


@dataclass(frozen=True)
class Removed:
    """What was deleted."""

    doc_id: str
    files: list[str]


# -- ids ---------------------------------------------------------------------------------------

def slugify(text: str, max_chars: int = MAX_ID_CHARS) -> str:
    """``"Putin’s visit to Pyongyang (2024)"`` → ``putins-visit-to-pyongyang-2024``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_chars:
        cut = slug[:max_chars]
        # Cut at a word boundary when there is one in the second half.
        slug = cut.rsplit("-", 1)[0] if cut.rfind("-") > max_chars // 2 else cut
    return slug.strip("-")


def check_doc_id(doc_id: str) -> str:
    """A doc id typed by an admin, lower-cased, or a refusal saying what ids look like.

    Raises:
        IngestError: not a safe id (paths, odd characters, too long).
    """
    candidate = doc_id.strip().lower()
    if DOC_ID_RE.fullmatch(candidate):
        return candidate
    raise IngestError(f"“{shown(doc_id)}” cannot be an article id: use up to {MAX_ID_CHARS} "
                      "lowercase letters, digits, '-' and '_', starting with a letter or digit")


def default_doc_id(title: str | None, url: str | None, body: str) -> str:
    """An id from the title, else from the URL's path, else from the text's hash."""
    if title and (slug := slugify(title)):
        return slug
    if url:
        try:
            parsed = URL(url)
        except ValueError:
            parsed = None
        if parsed is not None:
            name = parsed.path.rstrip("/").rsplit("/", 1)[-1]
            name = re.sub(r"\.(html?|php|aspx?)$", "", name, flags=re.I)
            if slug := slugify(name or (parsed.host or "")):
                return slug
    return "article-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def _inside(corpus: Path, path: Path) -> Path:
    """``path`` itself (never what a link points to), refused unless directly in ``corpus``."""
    if path.is_symlink():
        raise IngestError(f"{path.name} in the corpus folder is a symbolic link; "
                          "Tumen never writes through links (remove it on the server first)")
    if path.parent.resolve() != corpus:
        raise IngestError("that article id would point outside the corpus folder")
    return path


# -- drafts ------------------------------------------------------------------------------------

def _text_draft(text: str, source: str) -> Draft:
    try:
        fm, body = split_front_matter(text.removeprefix("\ufeff"))
    except ValueError as exc:
        raise IngestError(f"the text from {shown(source)} cannot be used: {exc}") from None
    return Draft(front_matter=dict(fm or {}), body=body, source=source)


def draft_from_upload(filename: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES,
                      max_html_bytes: int | None = None) -> Draft:
    """Read an uploaded ``.md``/``.txt`` (validated like a corpus file) or ``.html`` page.

    Raises:
        IngestError: wrong kind of file, too large, not UTF-8, broken front matter, no text.
    """
    name = Path(filename).name
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        limit = max_html_bytes or max_bytes
        if len(data) > limit:
            raise IngestError(f"the file {shown(name)} is larger than {human_size(limit)}")
        return _html_draft(extract_html(data), name)
    if suffix not in TEXT_SUFFIXES:
        raise IngestError(f"the file {shown(name)} is not a .md, .txt or .html file")
    if len(data) > max_bytes:
        raise IngestError(f"the file {shown(name)} is larger than {human_size(max_bytes)}")
    with tempfile.TemporaryDirectory(prefix="tumen-upload-") as tmp:
        # Validated by the loader itself: the same messages `tumen check` gives.
        staged = Path(tmp) / f"upload{suffix}"
        staged.write_bytes(data)
        try:
            load_article(staged, max_bytes=max_bytes)
        except ValueError as exc:
            raise IngestError(f"the file {shown(name)} cannot be used: {exc}") from None
    return _text_draft(data.decode("utf-8"), name)


def _html_draft(found: Extracted, source: str) -> Draft:
    date = None
    if found.date:
        try:
            date = normalize_date(found.date)
        except ValueError:
            log.info("ignoring the page's date %r from %s", found.date, source)
    fm = {"title": found.title, "publisher": found.publisher, "date": date, "url": found.url}
    return Draft(front_matter=fm, body=found.text, source=source)


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def draft_from_page(page: FetchedPage) -> Draft:
    """The article in a fetched page: HTML through trafilatura, plain text as it is.

    Raises:
        IngestError: not HTML or text, undecodable, or no article text found.
    """
    if page.is_html or (page.content_type == "application/octet-stream"
                        and _looks_like_html(page.body)):
        draft = _html_draft(extract_html(page.body, url=page.url), page.url)
        # The address we actually read, not the page's own canonical claim about itself.
        draft.front_matter["url"] = page.url
        return draft
    if b"\x00" in page.body[:8192] or not (page.content_type.startswith("text/")
                                           or page.content_type == "application/octet-stream"):
        raise IngestError("the page is not HTML or text; attach the article as a file instead")
    try:
        text = page.body.decode(page.charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise IngestError("the page's text is not in a readable encoding "
                          "(expected UTF-8)") from None
    draft = _text_draft(text, page.url)
    draft.front_matter.setdefault("url", page.url)
    return draft


# -- saving and removing -----------------------------------------------------------------------

def _front_matter(draft: Draft, overrides: Overrides, added_by: str | None,
                  now: dt.datetime) -> dict[str, object]:
    fm = dict(draft.front_matter)
    for key in ("title", "publisher"):
        value = getattr(overrides, key)
        if value is not None and value.strip():
            fm[key] = " ".join(value.split())
    if overrides.date is not None and overrides.date.strip():
        fm["date"] = overrides.date
    if fm.get("date") is not None:
        try:
            fm["date"] = normalize_date(fm["date"])
        except ValueError as exc:
            raise IngestError(f"the {exc}") from None
    ordered = {k: fm[k] for k in _KEY_ORDER if fm.get(k) is not None}
    ordered.update({k: v for k, v in fm.items() if k not in ordered and v is not None
                    and k not in ("added_by", "added_at")})
    if added_by is not None:
        ordered["added_by"] = added_by
    ordered["added_at"] = now.isoformat(timespec="seconds")
    return ordered


def _existing(corpus: Path, doc_id: str) -> list[Path]:
    """The files of ``doc_id``; a refused entry (a link) with that id stops the write."""
    listed = corpus_entries(corpus)
    for problem in listed.refused:
        if Path(problem.path).stem == doc_id:
            raise IngestError(f"cannot write “{doc_id}”: {problem.path} in the corpus folder is "
                              f"{problem.message}")
    return [p for p, _ in listed.files if p.stem == doc_id]


def save_article(corpus_dir: Path, draft: Draft, *, doc_id: str | None = None,
                 replace: bool = False, overrides: Overrides | None = None,
                 added_by: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 now: dt.datetime | None = None) -> Saved:
    """Write ``draft`` as ``<corpus_dir>/<doc id>.md``, validated and atomically.

    Raises:
        IngestError: bad id, the id exists and ``replace`` is false, or the result would not load.
        CorpusError: the corpus folder is missing.
    """
    fm = _front_matter(draft, overrides or Overrides(), added_by, now or dt.datetime.now(dt.UTC))
    body = draft.body if draft.body.endswith("\n") else draft.body + "\n"
    explicit = check_doc_id(doc_id) if doc_id and doc_id.strip() else None
    text = ("---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, width=1000)
            + "---\n" + body)
    corpus = corpus_dir.resolve()
    with _WRITE_LOCK:
        # A hidden folder inside the corpus: same file system (os.replace is atomic) and
        # ignored by the loader if a crash leaves it behind.
        staging = Path(tempfile.mkdtemp(prefix=".ingest-", dir=corpus))
        try:
            staged = staging / "article.md"
            staged.write_text(text, encoding="utf-8")
            try:
                article = load_article(staged, max_bytes=max_bytes)
            except ValueError as exc:
                raise IngestError(f"the article from {shown(draft.source)} "
                                  f"cannot be used: {exc}") from None
            # The loader's title: front matter, else the text's first line (a plain .txt).
            chosen = explicit or default_doc_id(article.meta.title, _str(fm.get("url")), body)
            existing = _existing(corpus, chosen)
            if existing and not replace:
                raise IngestError(f"an article with id “{chosen}” already exists "
                                  f"({existing[0].name}); add replace:true to overwrite it, "
                                  "or choose another id")
            target = _inside(corpus, corpus / f"{chosen}.md")
            os.replace(staged, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        # A .txt with the same id would now be a duplicate id: the new file replaces it.
        for old in existing:
            if old != target:
                _inside(corpus, old)
                old.unlink(missing_ok=True)
    log.info("saved article %s from %s (replaced %s)", chosen, draft.source,
             [p.name for p in existing])
    # Validated in the staging folder: give the metadata the article's real id and place.
    meta = dataclasses.replace(article.meta, doc_id=chosen, path=str(target))
    return Saved(doc_id=chosen, path=target, article=dataclasses.replace(article, meta=meta),
                 replaced=[p.name for p in existing])


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def resolve_doc_file(corpus_dir: Path, ref: str) -> tuple[str, list[Path]]:
    """The corpus files of the article ``ref`` names (exactly, or as a unique prefix).

    Raises:
        IngestError: no such article, or the prefix is ambiguous.
    """
    wanted = ref.strip()
    if not wanted or any(bad in wanted for bad in ("/", "\\", "\x00", "..")):
        raise IngestError(f"“{shown(ref)}” is not an article id; /sources lists them")
    by_id: dict[str, list[Path]] = {}
    for path in article_paths(corpus_dir):
        by_id.setdefault(path.stem, []).append(path)
    try:
        doc_id = unique_prefix(wanted, by_id)
    except NotFound as exc:
        raise IngestError(str(exc)) from None
    return doc_id, by_id[doc_id]


def remove_article(corpus_dir: Path, ref: str) -> Removed:
    """Delete the file(s) of one article (``.md`` and/or ``.txt`` with that id).

    Raises:
        IngestError: unknown or ambiguous id.
    """
    corpus = corpus_dir.resolve()
    with _WRITE_LOCK:
        doc_id, paths = resolve_doc_file(corpus, ref)
        for path in paths:
            _inside(corpus, path)
            path.unlink(missing_ok=True)
    log.info("removed article %s (%s)", doc_id, [p.name for p in paths])
    return Removed(doc_id=doc_id, files=[p.name for p in paths])


__all__ = ["UPLOAD_SUFFIXES", "Draft", "IngestError", "Overrides",
           "Removed", "Saved", "check_doc_id", "default_doc_id", "draft_from_page",
           "draft_from_upload", "remove_article", "resolve_doc_file", "save_article", "slugify"]
