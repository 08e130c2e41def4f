"""Rendering answers to embeds: inside every Discord limit, whatever the text."""

from __future__ import annotations

import pytest

from bot import budget
from bot.render_discord import highlighted, render
from index.models import Answer, Citation, Item, Source

SRC = Source("doc", "T" * 400, "P" * 300, "2015-02", "https://example.org/a_(b)")


def passage(quote: str, n: int = 1, highlights: tuple[tuple[int, int], ...] = ()) -> Item:
    return Item(kind="passage", citations=(Citation(f"doc:p{n}", "doc", quote, SRC, highlights),))


def check_limits(embed: dict) -> None:
    assert len(embed.get("title", "")) <= budget.TITLE
    assert len(embed.get("description") or "") <= budget.DESCRIPTION
    assert len(embed.get("fields", [])) <= budget.FIELDS
    for f in embed.get("fields", []):
        assert 0 < len(f["name"]) <= budget.FIELD_NAME
        assert 0 < len(f["value"]) <= budget.FIELD_VALUE
    assert budget.embed_size(embed) <= budget.TOTAL


@pytest.mark.parametrize("trimmed", [budget.trim("word " * 100, 50), budget.trim("x" * 100, 10)])
def test_trim_respects_the_limit_and_marks_the_cut(trimmed: str) -> None:
    assert trimmed.endswith("…")
    assert len(trimmed) <= 50


def test_trim_cuts_at_a_word_boundary_and_closes_no_dangling_bold() -> None:
    text = "alpha beta **gamma delta epsilon** zeta"
    out = budget.trim(text, 25)
    assert out == "alpha beta…"
    assert budget.trim("short", 10) == "short"


def test_highlight_escapes_markdown_in_the_quote() -> None:
    quote = "Kim *said* __no__ to @everyone"
    out = highlighted(quote, ((0, 3),))
    assert out.startswith("**Kim**")
    assert "\\*said\\*" in out and "\\_\\_no\\_\\_" in out


def test_huge_answers_stay_inside_every_limit() -> None:
    big = ("Lorem ipsum dolor sit amet " * 400).strip()
    items = tuple(passage(big, n, ((0, 5), (6, 11))) for n in range(1, 13))
    answer = Answer("search", "q" * 600, items, notes=("n" * 3000, "m" * 3000))
    pages = render(answer)
    assert len(pages) == 3
    for e in pages:
        check_limits(e.to_dict())
    assert pages[0].fields[0].value.startswith("> **Lorem** **ipsum**") or \
        pages[0].fields[0].value.startswith("> **Lorem ipsum**")


def test_cite_of_a_long_passage_fits() -> None:
    answer = Answer("cite", "doc:p1", (passage("word " * 2000),))
    (e,) = render(answer)
    check_limits(e.to_dict())
    assert "%29" in e.fields[0].value  # a ")" in the URL cannot end the markdown link early


def test_nothing_found_says_so_with_the_suggestion() -> None:
    (e,) = render(Answer("search", "zanzibar", (), suggestion="Try fewer words."))
    assert e.title == "/search zanzibar — nothing found"
    assert "Try fewer words." in e.description


def test_a_cut_list_says_how_many_of_how_many_on_every_page() -> None:
    items = tuple(passage("Lavrov visited.", n) for n in range(1, 11))
    pages = render(Answer("search", "Lavrov", items, total=250))
    assert len(pages) == 2
    assert all(e.title == "/search Lavrov — 10 of 250 passages" for e in pages)
    (guess,) = render(Answer("search", "x", items[:1], total=30, total_exact=False))
    assert guess.title == "/search x — 1 of about 30 passages"
    (whole,) = render(Answer("search", "x", items[:2], total=2))
    assert whole.title == "/search x — 2 passages"
