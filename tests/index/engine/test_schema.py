"""The one-pass analyzer gives exactly what Whoosh's chain of filters gives."""

from __future__ import annotations

import itertools
import pickle

import pytest

from index.engine.schema import TumenAnalyzer, analyzer, reference_analyzer, terms_of, word_spans
from tests.conftest import SEED_CORPUS

TRICKY = ["", "a", "The US and the EU", "Pyŏngyang’s visits, 28-30 April 2014 (U.S.-led)",
          "Æsir straße ÉCOLE", "is it of to", "x y z visited", "3.5 bn $10 billion 90%"]


def tokens(an, text: str, **kw: object) -> list[tuple[object, ...]]:
    out = []
    for t in an(text, **kw):
        out.append((t.text, t.stopped, getattr(t, "pos", None), getattr(t, "startchar", None),
                    getattr(t, "endchar", None), getattr(t, "original", None), t.boost))
    return out


@pytest.mark.parametrize("flags", list(itertools.product([False, True], repeat=4)))
def test_same_tokens_as_whoosh_chain(flags: tuple[bool, ...]) -> None:
    positions, chars, removestops, keeporiginal = flags
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEED_CORPUS.glob("*.md"))]
    kw = dict(positions=positions, chars=chars, removestops=removestops,
              keeporiginal=keeporiginal, start_pos=3, start_char=7)
    for text in texts:
        assert tokens(TumenAnalyzer(), text, **kw) == tokens(reference_analyzer(), text, **kw)
    for text in TRICKY:
        assert (tokens(TumenAnalyzer(), text, tokenize=False, **kw)
                == tokens(reference_analyzer(), text, tokenize=False, **kw))


def test_the_analyzer_survives_the_schema_pickle() -> None:
    # Whoosh pickles the schema, analyzer included, into every index's table of contents.
    again = pickle.loads(pickle.dumps(analyzer()))
    assert [t.text for t in again("Visits to Pyongyang")] == terms_of("Visits to Pyongyang") \
        == ["visit", "pyongyang"]


def test_word_spans_are_the_analyzers_words_and_offsets() -> None:
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEED_CORPUS.glob("*.md"))]
    for text in texts:
        expected = [(t.text, t.startchar, t.endchar)
                    for t in reference_analyzer()(text, chars=True, positions=True)]
        assert word_spans(text) == expected
    assert word_spans("Pyŏngyang visits") == [("pyongyang", 0, 9), ("visit", 10, 16)]
