"""The article in an HTML page: text and metadata, extracted with trafilatura.

Text is kept as trafilatura gives it, one paragraph per line turned into paragraphs separated by
blank lines; removing what boilerplate is left is the indexer's job (`index.corpus.clean`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

from index.corpus.ingest.fetch import IngestError

log = logging.getLogger(__name__)

# Only dates the page itself states (meta tags, <time>, structured data): an "extensive search"
# guesses from any date-like text on the page, and Tumen never invents a date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# trafilatura falls back to whatever text a page has (a menu, "enable JavaScript"); below this
# many characters that is not an article but a page whose article is not in its HTML.
MIN_ARTICLE_CHARS = 200


@dataclass(frozen=True)
class Extracted:
    """An article found in a page; every metadata field may be missing."""

    text: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def extract_html(html: bytes | str, url: str | None = None) -> Extracted:
    """Extract the article from an HTML page (bytes: trafilatura detects the encoding).

    Raises:
        IngestError: no article text could be found in the page.
    """
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, date_extraction_params=_DATE_PARAMS)
    except (ValueError, TypeError) as exc:  # malformed input deep inside lxml
        log.info("extraction failed for %s: %s", url or "an attached page", exc)
        doc = None
    text = (getattr(doc, "text", None) if doc is not None else None) or ""
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        raise IngestError("no article text could be extracted from that page (it may be "
                          "loaded by script); save the text and attach it as a .txt or .md file")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(
        text="\n\n".join(paragraphs) + "\n",
        title=_clean(getattr(doc, "title", None)),
        publisher=_clean(getattr(doc, "sitename", None)),
        date=_clean(getattr(doc, "date", None)),
        url=_clean(getattr(doc, "url", None)) or url,
    )
