"""From a loaded article to its passages: clean, number the paragraphs, split sentences."""

from __future__ import annotations

from dataclasses import dataclass

from index.corpus.clean import clean
from index.corpus.sentences import split_sentences
from index.models import Article, Dropped, Passage


@dataclass(frozen=True)
class ArticlePassages:
    """An article's passages and what cleaning dropped from it."""

    article: Article
    passages: tuple[Passage, ...]
    dropped: tuple[Dropped, ...]


def passage_id(doc_id: str, n: int) -> str:
    """The stable id of paragraph ``n`` (from 1) of the cleaned body."""
    return f"{doc_id}:p{n}"


def make_passages(article: Article) -> ArticlePassages:
    """Clean the article body and cut it into numbered passages with sentence spans."""
    cleaned = clean(article.body, title=article.meta.title)
    doc_id = article.meta.doc_id
    passages = tuple(
        Passage(passage_id=passage_id(doc_id, n), doc_id=doc_id, n=n, text=text,
                sentences=tuple(split_sentences(text)))
        for n, text in enumerate(cleaned.paragraphs, start=1)
    )
    return ArticlePassages(article=article, passages=passages, dropped=tuple(cleaned.dropped))
