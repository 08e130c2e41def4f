"""One quoted passage as a citation in the formats analysts paste elsewhere.

Every style gives the outlet, the title, the article's date, the URL, the access date, the
passage id and the quoted sentence verbatim. Choices that are the same in every style:

- Tumen never knows a personal author, so the outlet is the *site* (APA "site name", Chicago
  "website", biblatex ``organization``) and each entry starts with the title: what APA 7 and
  Chicago 17 prescribe for a work without an author.
- An unknown outlet is left out, as the styles do for a missing publisher. "Unknown publisher"
  would read like an organisation's name in a bibliography.
- An undated article is "n.d." ("(n.d.)" in APA). BibTeX leaves ``date`` out instead: biblatex
  styles print that as n.d., while ``date = {n.d.}`` is an error for biber.
- A date is exactly as precise as the article's (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).
- APA and Chicago are plain text (no italics): line one is the reference entry, line two the
  passage id and the quote.
"""

from __future__ import annotations

import datetime
import hashlib
import re

from index.models import Citation, Source

STYLES = ("markdown", "plain", "chicago", "apa", "bibtex")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def format_citation(citation: Citation, style: str = "markdown", *,
                    accessed: datetime.date) -> str:
    """``citation`` formatted in ``style`` (one of `STYLES`); ``ValueError`` for any other."""
    key = style.strip().lower()
    if key not in _FORMATTERS:
        raise ValueError(f"unknown citation style {style!r}; choose one of: {', '.join(STYLES)}")
    return _FORMATTERS[key](citation, accessed)


# --- dates ------------------------------------------------------------------------------------


def _date_parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` with the missing precision as None; None if undated or invalid."""
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def _date_text(value: str | None, order: str) -> str:
    """The date in words: ``order`` "mdy" gives "February 18, 2015", "dmy" "18 February 2015"."""
    parts = _date_parts(value)
    if parts is None:
        # A value we cannot read is shown as written rather than dropped or guessed.
        return value if value else "n.d."
    year, month, day = parts
    if month is None:
        return str(year)
    if day is None:
        return f"{_MONTHS[month - 1]} {year}"
    if order == "mdy":
        return f"{_MONTHS[month - 1]} {day}, {year}"
    return f"{day} {_MONTHS[month - 1]} {year}"


def _apa_date(value: str | None) -> str:
    """APA's parenthesised date: "(2015, February 18)", "(2015, February)", "(2015)", "(n.d.)"."""
    parts = _date_parts(value)
    if parts is None:
        return f"({value})" if value else "(n.d.)"
    year, month, day = parts
    if month is None:
        return f"({year})"
    if day is None:
        return f"({year}, {_MONTHS[month - 1]})"
    return f"({year}, {_MONTHS[month - 1]} {day})"


def _long(day: datetime.date, order: str) -> str:
    return _date_text(day.isoformat(), order)


# --- helpers ----------------------------------------------------------------------------------


def _title(source: Source) -> str:
    return source.title.strip() or "Untitled"


def _sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it already ends in terminal punctuation."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _web_url(url: str | None) -> str | None:
    """The URL if it is one a reader can follow (http/https), else None."""
    url = (url or "").strip()
    return url if url.startswith(("http://", "https://")) else None


# --- plain, APA, Chicago ----------------------------------------------------------------------


def _plain(c: Citation, accessed: datetime.date) -> str:
    src = c.source
    parts = [p for p in (src.publisher, f"“{_title(src)}”", _date_text(src.date, "dmy"),
                         (src.url or "").strip()) if p]
    line = ", ".join(parts) + f" (accessed {_long(accessed, 'dmy')}) · {c.passage_id}"
    return f"“{c.quote}”\n— {line}"


def _apa(c: Citation, accessed: datetime.date) -> str:
    src = c.source
    # APA 7 §9.12: without an author the title moves to the author position, date after it.
    parts = [_sentence(_title(src)), _sentence(_apa_date(src.date))]
    if src.publisher:
        parts.append(_sentence(src.publisher.strip()))
    url = (src.url or "").strip()
    retrieved = f"Retrieved {_long(accessed, 'mdy')}"
    # APA puts no full stop after a URL: a trailing period would become part of the link.
    parts.append(f"{retrieved}, from {url}" if url else f"{retrieved}.")
    return " ".join(parts) + f"\nPassage {c.passage_id}: “{c.quote}”"


def _chicago(c: Citation, accessed: datetime.date) -> str:
    src = c.source
    title = _title(src)
    # Chicago puts the title's own ? or ! inside the quotation marks instead of a full stop.
    quoted = f"“{title}”" if title.endswith(("?", "!")) else f"“{title.rstrip('.')}.”"
    date = _date_text(src.date, "mdy")
    where = f"{src.publisher.strip()}, {date}" if src.publisher else date
    parts = [quoted, _sentence(where), f"Accessed {_long(accessed, 'mdy')}."]
    if src.url and src.url.strip():
        parts.append(_sentence(src.url.strip()))
    return " ".join(parts) + f"\nPassage {c.passage_id}: “{c.quote}”"


# --- markdown (Discord) -----------------------------------------------------------------------

# Characters Discord (and CommonMark) give a meaning anywhere in a line: emphasis, strike,
# spoiler, code, masked links, and <…> mentions/timestamps/emoji.
_MD_ANYWHERE = frozenset("\\*_~`|[]<>")
# At the start of a line: headings, block quotes and lists.
_MD_LINE_START = re.compile(r"^(\s*)(#|-|\+|\d+\.)")


def escape_markdown(text: str) -> str:
    """``text`` with every markdown character escaped, so Discord shows it as written."""
    lines = []
    for line in text.split("\n"):
        line = "".join("\\" + ch if ch in _MD_ANYWHERE else ch for ch in line)
        lines.append(_MD_LINE_START.sub(lambda m: m[1] + "\\" + m[2], line))
    return "\n".join(lines)


def _md_url(url: str | None) -> str | None:
    """``<url>`` (the angle brackets stop Discord's link preview), characters that would end it
    early percent-encoded; None if it is not a web URL."""
    url = _web_url(url)
    if url is None:
        return None
    for ch, code in (("<", "%3C"), (">", "%3E"), (" ", "%20")):
        url = url.replace(ch, code)
    return f"<{url}>"


def _markdown(c: Citation, accessed: datetime.date) -> str:
    src = c.source
    quote = "\n".join("> " + line for line in escape_markdown(c.quote).split("\n"))
    url = _md_url(src.url)
    if url is None and src.url and src.url.strip():
        url = escape_markdown(src.url.strip())  # not a web link: shown as text, not followed
    parts = [escape_markdown(src.publisher.strip()) if src.publisher else None,
             f"*{escape_markdown(_title(src))}*", _date_text(src.date, "dmy"), url]
    pid = f"`{c.passage_id}`" if "`" not in c.passage_id else escape_markdown(c.passage_id)
    line = ", ".join(p for p in parts if p)
    return f"{quote}\n— {line} (accessed {_long(accessed, 'dmy')}) · {pid}"


# --- BibTeX (biblatex) ------------------------------------------------------------------------

_BIB_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIB_KEY_OK = re.compile(r"^[A-Za-z0-9_.:-]+$")


def escape_bibtex(text: str) -> str:
    """``text`` safe inside a braced BibTeX field: specials escaped in one pass (so an escape's
    own backslash is never escaped again), line breaks made spaces."""
    text = " ".join(text.split("\n"))
    return "".join(_BIB_ESCAPES.get(ch, ch) for ch in text)


def bibtex_key(doc_id: str) -> str:
    """A citation key for the article: the doc id when it is a valid key, else a cleaned id
    plus a short hash of the original, so distinct ids never collide and the key is stable."""
    if _BIB_KEY_OK.match(doc_id):
        return doc_id
    cleaned = re.sub(r"[^A-Za-z0-9_.:-]+", "-", doc_id).strip("-") or "article"
    return f"{cleaned}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}"


def _bib_url(url: str) -> str:
    # biblatex reads url verbatim (``\_`` would stay in the link), so only what would break the
    # field itself -- braces, backslash, spaces -- is percent-encoded.
    for ch, code in (("\\", "%5C"), ("{", "%7B"), ("}", "%7D"), (" ", "%20")):
        url = url.replace(ch, code)
    return url


def _bibtex(c: Citation, accessed: datetime.date) -> str:
    src = c.source
    fields: list[tuple[str, str]] = [("title", escape_bibtex(_title(src)))]
    if src.publisher:
        fields.append(("organization", escape_bibtex(src.publisher.strip())))
    if _date_parts(src.date) is not None:
        fields.append(("date", str(src.date)))  # already biblatex's ISO 8601 form
    if src.url and src.url.strip():
        fields.append(("url", _bib_url(src.url.strip())))
    fields.append(("urldate", accessed.isoformat()))
    fields.append(("note", f"Passage {escape_bibtex(c.passage_id)}: "
                           f"``{escape_bibtex(c.quote)}''"))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@online{{{bibtex_key(src.doc_id)},\n{body}}}"


_FORMATTERS = {
    "markdown": _markdown,
    "plain": _plain,
    "chicago": _chicago,
    "apa": _apa,
    "bibtex": _bibtex,
}
