"""`tumen check`: every article of a corpus as the build would read and cut it, with problems.

The same loading and passage-making the build does, without building: what each file yields
and what cleaning drops, for a person to look at before indexing.
"""

from __future__ import annotations

from pathlib import Path

from index.corpus.loader import DEFAULT_MAX_BYTES, LoadReport, load_corpus
from index.corpus.passages import ArticlePassages, make_passages


def check_corpus(corpus_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES
                 ) -> tuple[LoadReport, list[ArticlePassages]]:
    """The load report of ``corpus_dir`` and the passages of each article that loaded."""
    report = load_corpus(corpus_dir, max_bytes=max_bytes)
    return report, [make_passages(article) for article in report.articles]
