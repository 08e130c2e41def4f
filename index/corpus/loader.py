"""Loading and validating article files.

Every bad file is skipped with a message that names it and says why; the good ones load. Nothing
here raises for a single bad file: problems are collected so `tumen check` can show them all.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.corpus.usertext import shown
from index.errors import CorpusError
from index.models import Article, ArticleMeta

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".md", ".txt")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A dateline is looked for only this many non-empty lines from the top.
DATELINE_WINDOW = 3
# A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 200

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_RE = (r"(?P<mon>" + "|".join(_MONTHS)
             + r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_LEAD = r"^(?:(?:published|posted|updated)(?: on)?:?\s*)?"
# "February 18, 2015", "Feb. 18 2015", "18 February 2015", "2015-02-18", optionally behind
# "Published"/"Updated" and a colon, alone on its line.
_DATELINE_RES = [
    re.compile(rf"{_LEAD}{_MONTH_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\.?$", re.I),
    re.compile(rf"{_LEAD}(?P<day>\d{{1,2}})\s+{_MONTH_RE},?\s+(?P<year>\d{{4}})\.?$", re.I),
    re.compile(rf"{_LEAD}(?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})$", re.I),
]
_DATE_VALUE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_FRONT_MATTER_FENCE = "---"
# Why a corpus entry that is a symbolic link is never read, wherever it points: a link is how a
# host file (/etc/passwd) would reach the index and every reader of /cite.
LINK_REFUSED = ("a symbolic link, refused: only regular files inside the corpus folder are read "
                "(put the file itself there)")


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text, so that a bad one ("2015-02-30")
    is reported by our own validation instead of crashing inside the YAML library."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    """One file that was skipped, and why, in a sentence for the admin."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class LoadReport:
    """The articles that loaded, the files that did not, and those known to be unchanged."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # doc ids of files not read again
    stats: dict[str, FileStat] = field(default_factory=dict)  # file name -> what was seen


@dataclass(frozen=True)
class FileStat:
    """What a build saw of one article file: enough to tell next time that it is unchanged."""

    doc_id: str
    size: int
    mtime_ns: int
    sha256: str


def _not_a_date(value: object) -> ValueError:
    return ValueError(f"date {shown(repr(value))} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")


def normalize_date(value: object) -> str:
    """Turn a front-matter date into ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises:
        ValueError: with a sentence saying what is wrong.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _not_a_date(value)
    text = value.strip()
    m = _DATE_VALUE_RE.match(text)
    if not m:
        raise _not_a_date(value)
    year, month, day = m.groups()
    try:
        if day:
            dt.date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            raise ValueError
    except ValueError:
        raise ValueError(f"date {shown(repr(value))} is not a real calendar date") from None
    return text


def find_dateline(lines: Iterable[str]) -> tuple[int, str] | None:
    """Find a dateline among the first non-empty lines.

    Returns:
        ``(index of the line in the non-empty lines, ISO date)`` or ``None``.
    """
    for i, line in enumerate(lines):
        if i >= DATELINE_WINDOW:
            break
        text = line.strip()
        for rx in _DATELINE_RES:
            m = rx.match(text)
            if not m:
                continue
            groups = m.groupdict()
            if groups.get("mnum"):
                month = int(groups["mnum"])
            else:
                month = _MONTH_ABBR[groups["mon"][:3].lower()]
            try:
                return i, dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
            except ValueError:
                return None
    return None


def _decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 strictly, with a message that gives the byte offset of the first bad byte."""
    if (wide := _utf16_or_32(data)) is not None:
        raise ValueError(f"encoded as {wide}, not UTF-8; save the file as UTF-8")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte offset {exc.start} "
                         f"(byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None
    return text.removeprefix("\ufeff")


def _utf16_or_32(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" if the bytes are text in one of them (which is full of NUL bytes,
    but no binary file): by its byte-order mark, or by NULs on every other byte of ASCII."""
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                      (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if data.startswith(bom):
            return name
    head = data[:4096]
    pairs = len(head) // 2
    if pairs >= 8:
        for nul, other in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
            if nul.count(0) > 0.9 * pairs and other.count(0) < 0.1 * pairs:
                return "UTF-16"
    return None


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, opened without following a link (checked at open time)."""
    if path.is_symlink():
        raise ValueError(LINK_REFUSED)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since the check above
            raise ValueError(LINK_REFUSED) from None
        raise
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file")
        if st.st_size > max_bytes:
            raise ValueError(f"too large ({st.st_size:,} bytes; the limit is {max_bytes:,})")
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"too large (over {max_bytes:,} bytes; the limit is {max_bytes:,})")
    return data


def split_front_matter(text: str) -> tuple[dict[str, object] | None, str]:
    """Separate YAML front matter (if the file starts with ``---``) from the body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != _FRONT_MATTER_FENCE:
        return None, text
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() == _FRONT_MATTER_FENCE:
            raw = "".join(lines[1:i])
            body = "".join(lines[i + 1:])
            break
    else:
        raise ValueError("broken front matter: opened with '---' on line 1 but never closed")
    try:
        # A SafeLoader subclass: no arbitrary objects, as with yaml.safe_load.
        data = yaml.load(raw, Loader=_FrontMatterLoader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"broken front matter{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ValueError("broken front matter: expected 'key: value' lines, "
                         f"got a YAML {type(data).__name__}")
    return data, body


def _optional_str(fm: dict[str, object], key: str) -> str | None:
    value = fm.get(key)
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    raise ValueError(f"front matter field '{key}' must be text, not a {type(value).__name__}")


def load_article(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Load and validate one article file.

    Raises:
        ValueError: the file is not a usable article; the message says why.
    """
    data = _read_regular(path, max_bytes)
    if not data.strip():
        raise ValueError("empty file")
    text = _decode(path, data)
    fm, body = split_front_matter(text)
    if not body.strip():
        raise ValueError("no article text after the front matter")
    doc_id = path.stem
    body_lines = [ln for ln in body.splitlines() if ln.strip()]
    date: str | None = None
    basis = None
    title: str | None = None
    publisher = url = author = None
    if fm is not None:
        title = _optional_str(fm, "title")
        publisher = _optional_str(fm, "publisher")
        url = _optional_str(fm, "url")
        author = _optional_str(fm, "author")
        if fm.get("date") is not None:
            date, basis = normalize_date(fm["date"]), "front matter"
    if date is None:
        found = find_dateline(body_lines)
        if found is not None:
            date, basis = found[1], "dateline"
    if title is None:
        title = _title_from_body(body_lines, doc_id)
    meta = ArticleMeta(doc_id=doc_id, title=title, path=str(path), publisher=publisher,
                       date=date, url=url, author=author, date_basis=basis)
    return Article(meta=meta, body=body, sha256=hashlib.sha256(data).hexdigest())


def _title_from_body(body_lines: list[str], doc_id: str) -> str:
    """The first non-empty line that is not the dateline; a long first paragraph is shortened
    (with an ellipsis) so it reads as a title and is not mistaken for a title repeat."""
    found = find_dateline(body_lines)
    skip = found[0] if found is not None else -1
    candidates = [ln.strip() for i, ln in enumerate(body_lines) if i != skip]
    if not candidates:
        return doc_id
    first = candidates[0]
    if len(first) <= MAX_TITLE_CHARS:
        return first
    return " ".join(first[:MAX_TITLE_CHARS].split()[:-1]) + " …"


def _doc_id_problem(stem: str) -> str | None:
    if ":" in stem or any(ch.isspace() for ch in stem):
        return "file name cannot be a doc id (no ':' or spaces allowed)"
    return None


@dataclass(frozen=True)
class CorpusEntries:
    """The article files of a corpus folder (each with its stat, None if it vanished while
    listing) and the entries refused before anything is read."""

    files: list[tuple[Path, os.stat_result | None]]
    refused: list[Problem]


def article_paths(corpus_dir: Path) -> list[Path]:
    """The article files of a corpus directory, sorted; hidden files and links are left out.

    Raises:
        CorpusError: the directory is missing or not a directory.
    """
    return [path for path, _ in corpus_entries(corpus_dir).files]


def corpus_entries(corpus_dir: Path) -> CorpusEntries:
    """List a corpus folder once: the one place that decides which entries may be read.

    A symbolic link is refused wherever it points (inside, outside, nowhere). Any other entry
    is a direct child of the folder, so it cannot resolve outside it; the folder itself may be
    a link (a deployment's choice, not an article's).

    Raises:
        CorpusError: the directory is missing or not a directory.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus path {corpus_dir} is not a directory")
    files: list[tuple[Path, os.stat_result | None]] = []
    refused: list[Problem] = []
    # One pass with scandir: its entries know their type, and each stat is taken once.
    with os.scandir(corpus_dir) as entries:
        for entry in entries:
            if (os.path.splitext(entry.name)[1].lower() not in ARTICLE_SUFFIXES
                    or entry.name.startswith(".")):
                continue
            if entry.is_symlink():
                refused.append(Problem(entry.name, LINK_REFUSED))
                continue
            if not entry.is_file(follow_symlinks=False):
                continue
            try:
                st: os.stat_result | None = entry.stat(follow_symlinks=False)
            except OSError:
                st = None
            files.append((Path(entry.path), st))
    return CorpusEntries(sorted(files, key=lambda f: f[0]),
                         sorted(refused, key=lambda p: p.path))


def load_corpus(corpus_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                known: dict[str, FileStat] | None = None) -> LoadReport:
    """Load every article of a corpus directory, collecting problems instead of stopping.

    With ``known`` (what the last build saw), a file whose size and modification time (in
    nanoseconds) are unchanged is not read again: its doc id goes to ``unchanged``. Like git's
    index, this trusts the file system's clock; ``tumen index --full`` reads everything.
    """
    report = LoadReport()
    known = known or {}
    seen: dict[str, Path] = {}
    listed = corpus_entries(corpus_dir)
    report.problems.extend(listed.refused)
    for path, st in listed.files:
        name = path.name
        bad_id = _doc_id_problem(path.stem)
        if bad_id:
            report.problems.append(Problem(name, bad_id))
            continue
        if path.stem in seen:
            report.problems.append(Problem(
                name, f"same doc id '{path.stem}' as {seen[path.stem].name}; "
                      f"skipped (rename one of them)"))
            continue
        try:
            if st is None:
                st = path.stat()  # raises: the file vanished while listing
            before = known.get(name)
            if (before is not None and before.doc_id == path.stem and before.size == st.st_size
                    and before.mtime_ns == st.st_mtime_ns):
                seen[path.stem] = path
                report.unchanged.append(path.stem)
                report.stats[name] = before
                continue
            article = load_article(path, max_bytes=max_bytes)
        except (ValueError, OSError) as exc:
            report.problems.append(Problem(name, str(exc)))
            continue
        seen[path.stem] = path
        report.stats[name] = FileStat(path.stem, st.st_size, st.st_mtime_ns, article.sha256)
        if before is not None and before.sha256 == article.sha256:
            report.unchanged.append(path.stem)  # touched, not changed
            continue
        report.articles.append(article)
    for p in report.problems:
        log.info("skipped %s", p)
    return report
