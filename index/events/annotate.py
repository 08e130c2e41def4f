"""An article's sentences, annotated once: the names they mention, their time expressions, and
the two states the article is about so far.

The article is tagged as one text, so that "the following month" sees the dates before it; its
dateline ("MOSCOW, June 19 (AFP) –") anchors "on Wednesday", and an undated page's "On June 19"
takes a year from its own text (`index.events.article_date`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from index.corpus.passages import ArticlePassages
from index.events.article_date import dateline_date, fill_years
from index.models import Span
from index.names.actors import ActorContext, Mention
from index.timex import Timex, tag


@dataclass
class Sentence:
    """One sentence of an article, annotated once for every later use."""

    passage_idx: int
    span: Span  # in the passage text
    text: str
    mentions: list[Mention]
    timexes: list[Timex]  # offsets relative to the sentence
    # The two states the article has named most so far: what "both countries" refers to.
    pair: tuple[str, ...] = ()


def annotate(ap: ArticlePassages) -> list[Sentence]:
    """Every sentence of the article with its mentions and time expressions, in reading order."""
    passages = ap.passages
    offsets, pos = [], 0
    for p in passages:
        offsets.append(pos)
        pos += len(p.text) + 2
    # Tag the article as one text so that anaphora ("the following month") see earlier dates.
    dct = ap.article.meta.date
    opening = [p.text[s:e] for p in passages[:2] for s, e in p.sentences[:1]]
    dct = next((d for t in opening if (d := dateline_date(t, dct)) is not None), dct)
    timexes = tag("\n\n".join(p.text for p in passages), dct)
    if ap.article.meta.date is None:
        timexes = fill_years(timexes)
    ctx = ActorContext()
    seen: Counter[str] = Counter()
    out = []
    ti = 0
    for pi, p in enumerate(passages):
        base = offsets[pi]
        for s, e in p.sentences:
            text = p.text[s:e]
            local = []
            while ti < len(timexes) and timexes[ti].start < base + e:
                t = timexes[ti]
                if t.start >= base + s:
                    local.append(Timex(t.start - base - s, t.end - base - s, t.text, t.type,
                                       t.value, t.mod, t.anchor, t.range_value))
                ti += 1
            mentions = ctx.find_mentions(text)
            seen.update(m.country for m in mentions if m.country and m.country != "IGO"
                        and m.kind in ("country", "place", "org", "person"))
            pair = tuple(code for code, _ in seen.most_common(2))
            out.append(Sentence(pi, (s, e), text, mentions, local, pair))
    return out
