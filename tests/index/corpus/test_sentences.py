"""The sentence splitter: exact spans, and the hard cases of news prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.corpus.clean import clean
from index.corpus.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def _sents(text: str) -> list[str]:
    spans = split_sentences(text)
    for (s, e), nxt in zip(spans, [*spans[1:], (len(text), len(text))], strict=True):
        assert s < e <= nxt[0], spans  # ordered, non-empty, non-overlapping
        piece = text[s:e]
        assert piece == piece.strip(), repr(piece)  # no surrounding whitespace
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(("text", "expected"), [
    # abbreviations inside a sentence
    ("Dr. Kim met Gen. Gerasimov and Mr. Lavrov. They talked.",
     ["Dr. Kim met Gen. Gerasimov and Mr. Lavrov.", "They talked."]),
    ("He flew to St. Petersburg on Jan. 28 and Sept. 11. It rained.",
     ["He flew to St. Petersburg on Jan. 28 and Sept. 11.", "It rained."]),
    ("Russia vs. the West, e.g. Ukraine, is the issue. Feb. 3 was quiet.",
     ["Russia vs. the West, e.g. Ukraine, is the issue.", "Feb. 3 was quiet."]),
    ("He said no. The talks ended. Jan. The month was cold.",
     ["He said no.", "The talks ended.", "Jan.", "The month was cold."]),
    ("Acme Inc. and Rosneft Corp. signed. Resolution No. 2 passed.",
     ["Acme Inc. and Rosneft Corp. signed.", "Resolution No. 2 passed."]),
    ("The deal was signed by Acme Inc. The talks went on.",
     ["The deal was signed by Acme Inc.", "The talks went on."]),
    # acronyms: split after "U.S." only before a common sentence starter
    ("He met U.S. President Obama and U.N. envoys. It ended.",
     ["He met U.S. President Obama and U.N. envoys.", "It ended."]),
    ("Sanctions were imposed by the U.S. The talks failed. Aid came from the U.N. In May it rose.",
     ["Sanctions were imposed by the U.S.", "The talks failed.", "Aid came from the U.N.",
      "In May it rose."]),
    ("Faced with U.S.-led sanctions, Moscow waited.",
     ["Faced with U.S.-led sanctions, Moscow waited."]),
    # initials
    ("Kremlin spokesperson, Dmitri S. Peskov, confirmed it. The visit is set.",
     ["Kremlin spokesperson, Dmitri S. Peskov, confirmed it.", "The visit is set."]),
    ("J. R. R. Tolkien and V. I. Lenin are cited. So is Harry S. Truman.",
     ["J. R. R. Tolkien and V. I. Lenin are cited.", "So is Harry S. Truman."]),
    # numbers
    ("Russia could use the remaining $1.09 billion. Growth was 3.5% in 2014. It fell.",
     ["Russia could use the remaining $1.09 billion.", "Growth was 3.5% in 2014.", "It fell."]),
    ("It happened in 2011. 90 percent of the debt was forgiven.",
     ["It happened in 2011.", "90 percent of the debt was forgiven."]),
    # quotes
    ("“The North Korean leader’s participation has been confirmed, and we are getting ready for "
     "his arrival,”said Peskov. Kim has held few meetings.",
     ["“The North Korean leader’s participation has been confirmed, and we are getting ready for "
      "his arrival,”said Peskov.", "Kim has held few meetings."]),
    ("“We are entering negotiations with the Democratic People’s Republic of Korea.” Then he left.",
     ["“We are entering negotiations with the Democratic People’s Republic of Korea.”",
      "Then he left."]),
    ("The program is titled the “year of friendship.” The deep links remain.",
     ["The program is titled the “year of friendship.”", "The deep links remain."]),
    ("“Are you ready?” he asked. “Yes!” Kim said. “Why?” The answer came.",
     ["“Are you ready?” he asked.", "“Yes!” Kim said.", "“Why?”", "The answer came."]),
    ("The idea is “to mark ‘Korea’s liberation.’” Next came the parade.",
     ["The idea is “to mark ‘Korea’s liberation.’”", "Next came the parade."]),
    ("It ended.”Then Moscow replied.", ["It ended.”", "Then Moscow replied."]),
    # ?, !, ellipses
    ("Did Kim’s Visit Reshape Relations? Despite this, no! Moscow waits.",
     ["Did Kim’s Visit Reshape Relations?", "Despite this, no!", "Moscow waits."]),
    # an ellipsis ends a sentence only before a sentence starter: otherwise it is an omission
    ("Moscow is launching assaults on... The West waits… Putin said the goal … Russia’s aim.",
     ["Moscow is launching assaults on...", "The West waits… Putin said the goal … Russia’s aim."]),
    ("the talks went on… and on.", ["the talks went on… and on."]),
    # whitespace and layout
    ("  Leading space.   Trailing space.  ", ["Leading space.", "Trailing space."]),
    ("No terminal punctuation here", ["No terminal punctuation here"]),
    ("First block\n\nSecond block.", ["First block", "Second block."]),
])
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert _sents(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_spans_are_exact_slices_of_the_text() -> None:
    text = "Kim\u00a0arrived. \u00a0It was\u2009cold.\n  Putin waited."
    assert _sents(text) == ["Kim\u00a0arrived.", "It was\u2009cold.", "Putin waited."]


def test_seed_paragraphs_cover_their_text() -> None:
    """Over every seed paragraph: spans cover all non-space text, and known sentences appear."""
    found: set[str] = set()
    for path in sorted(CORPUS.glob("*.md")):
        _, _front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        for para in clean(body).paragraphs:
            sents = _sents(para)
            assert "".join("".join(sents).split()) == "".join(para.split())
            found.update(sents)
    assert "It will be the first international trip for Kim Jong-un since he took over in " \
        "December 2011." in found
    assert "Faced with the long-term effects of its own U.S.-led sanctions, Moscow appears an " \
        "enticing prospect for a Kim regime eager for political and economic support." in found
