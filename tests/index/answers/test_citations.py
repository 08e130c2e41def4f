"""Citation styles: hand-written expected strings, one per style and date precision."""

from __future__ import annotations

import datetime

import pytest

from index.answers.citations import STYLES, bibtex_key, escape_markdown, format_citation
from index.models import Citation, Source

ACCESSED = datetime.date(2026, 11, 24)
VW_URL = "https://www.valuewalk.com/2015/02/russia-north-korea-military-ties/"
VW_QUOTE = ("The last year has seen a true warming in relations between the countries including "
            "legislation that Putin signed in May 2014 that forgives 90 percent of North Korea’s "
            "Soviet-era debt.")
VALUEWALK = Citation(
    "001_fb27f336a89ec95e:p12", "001_fb27f336a89ec95e", VW_QUOTE,
    Source("001_fb27f336a89ec95e", "Russia Strengthens Business, Military Ties With North Korea",
           "ValueWalk", "2015-02", VW_URL))
UNDATED = Citation(
    "002_31d9f8584a3e5bef:p4", "002_31d9f8584a3e5bef", "Moscow moved towards Pyongyang.",
    Source("002_31d9f8584a3e5bef", "Russia, North Korea Enter a ‘Year of Friendship’", None,
           None, None))
CNAS = Citation(
    "000_991db22383b8adc6:p2", "000_991db22383b8adc6", "Kim Yong-nam attended the opening.",
    Source("000_991db22383b8adc6", "Moscow and Pyongyang: From Disdain to Partnership?", "CNAS",
           "2015-02-18", "https://www.cnas.org/publications/commentary/moscow-and-pyongyang"))
YEAR_ONLY = Citation(
    "004_aa:p1", "004_aa", "Trade grew.",
    Source("004_aa", "Trade Ties", "NK News", "2019", "https://example.org/trade"))


def cite(c: Citation, style: str) -> str:
    return format_citation(c, style, accessed=ACCESSED)


def test_markdown_dated() -> None:
    assert cite(VALUEWALK, "markdown") == (
        f"> {VW_QUOTE}\n"
        "— ValueWalk, *Russia Strengthens Business, Military Ties With North Korea*, "
        f"February 2015, <{VW_URL}> (accessed 24 November 2026) · `001_fb27f336a89ec95e:p12`")


def test_markdown_is_the_default_style() -> None:
    assert format_citation(VALUEWALK, accessed=ACCESSED) == cite(VALUEWALK, "markdown")


def test_plain_dated() -> None:
    assert cite(VALUEWALK, "plain") == (
        f"“{VW_QUOTE}”\n"
        "— ValueWalk, “Russia Strengthens Business, Military Ties With North Korea”, "
        f"February 2015, {VW_URL} (accessed 24 November 2026) · 001_fb27f336a89ec95e:p12")


def test_chicago_dated() -> None:
    assert cite(VALUEWALK, "chicago") == (
        "“Russia Strengthens Business, Military Ties With North Korea.” ValueWalk, "
        f"February 2015. Accessed November 24, 2026. {VW_URL}.\n"
        f"Passage 001_fb27f336a89ec95e:p12: “{VW_QUOTE}”")


def test_apa_dated() -> None:
    assert cite(VALUEWALK, "apa") == (
        "Russia Strengthens Business, Military Ties With North Korea. (2015, February). "
        f"ValueWalk. Retrieved November 24, 2026, from {VW_URL}\n"
        f"Passage 001_fb27f336a89ec95e:p12: “{VW_QUOTE}”")


def test_bibtex_dated() -> None:
    assert cite(VALUEWALK, "bibtex") == (
        "@online{001_fb27f336a89ec95e,\n"
        "  title = {Russia Strengthens Business, Military Ties With North Korea},\n"
        "  organization = {ValueWalk},\n"
        "  date = {2015-02},\n"
        f"  url = {{{VW_URL}}},\n"
        "  urldate = {2026-11-24},\n"
        f"  note = {{Passage 001\\_fb27f336a89ec95e:p12: ``{VW_QUOTE}''}},\n"
        "}")


@pytest.mark.parametrize(("style", "expected"), [
    ("markdown", "> Moscow moved towards Pyongyang.\n"
                 "— *Russia, North Korea Enter a ‘Year of Friendship’*, n.d. "
                 "(accessed 24 November 2026) · `002_31d9f8584a3e5bef:p4`"),
    ("plain", "“Moscow moved towards Pyongyang.”\n"
              "— “Russia, North Korea Enter a ‘Year of Friendship’”, n.d. "
              "(accessed 24 November 2026) · 002_31d9f8584a3e5bef:p4"),
    ("chicago", "“Russia, North Korea Enter a ‘Year of Friendship’.” n.d. "
                "Accessed November 24, 2026.\n"
                "Passage 002_31d9f8584a3e5bef:p4: “Moscow moved towards Pyongyang.”"),
    ("apa", "Russia, North Korea Enter a ‘Year of Friendship’. (n.d.). "
            "Retrieved November 24, 2026.\n"
            "Passage 002_31d9f8584a3e5bef:p4: “Moscow moved towards Pyongyang.”"),
    ("bibtex", "@online{002_31d9f8584a3e5bef,\n"
               "  title = {Russia, North Korea Enter a ‘Year of Friendship’},\n"
               "  urldate = {2026-11-24},\n"
               "  note = {Passage 002\\_31d9f8584a3e5bef:p4: ``Moscow moved towards "
               "Pyongyang.''},\n"
               "}"),
])
def test_undated_without_publisher_or_url(style: str, expected: str) -> None:
    out = cite(UNDATED, style)
    assert out == expected
    assert "nknown" not in out  # a missing outlet is left out, never invented


@pytest.mark.parametrize(("style", "date_text"), [
    ("markdown", "18 February 2015"), ("plain", "18 February 2015"),
    ("chicago", "February 18, 2015"), ("apa", "(2015, February 18)"),
    ("bibtex", "date = {2015-02-18}"),
])
def test_day_precision(style: str, date_text: str) -> None:
    assert date_text in cite(CNAS, style)


def test_day_precision_full_apa_and_chicago() -> None:
    # A title ending in "?" keeps it instead of taking a full stop.
    url = CNAS.source.url
    assert cite(CNAS, "apa").splitlines()[0] == (
        "Moscow and Pyongyang: From Disdain to Partnership? (2015, February 18). CNAS. "
        f"Retrieved November 24, 2026, from {url}")
    assert cite(CNAS, "chicago").splitlines()[0] == (
        "“Moscow and Pyongyang: From Disdain to Partnership?” CNAS, February 18, 2015. "
        f"Accessed November 24, 2026. {url}.")


@pytest.mark.parametrize(("style", "first_line"), [
    ("apa", "Trade Ties. (2019). NK News. Retrieved November 24, 2026, from "
            "https://example.org/trade"),
    ("chicago", "“Trade Ties.” NK News, 2019. Accessed November 24, 2026. "
                "https://example.org/trade."),
    ("plain", "— NK News, “Trade Ties”, 2019, https://example.org/trade "
              "(accessed 24 November 2026) · 004_aa:p1"),
])
def test_year_precision(style: str, first_line: str) -> None:
    assert first_line in cite(YEAR_ONLY, style).splitlines()
    assert "date = {2019}," in cite(YEAR_ONLY, "bibtex")


SPECIAL = Citation(
    "005_x_y:p3", "005_x_y",
    "Moscow wrote off $10 billion (90% & more) of #debt_{old} ~ ^ \\ *now*",
    Source("005_x_y", "Debt & Deals: 100% *Done*_", "A_B", "2015-02",
           "https://example.org/a_b?x=1&y=%20"))


def test_bibtex_escapes_special_characters() -> None:
    out = cite(SPECIAL, "bibtex")
    assert "  title = {Debt \\& Deals: 100\\% *Done*\\_},\n" in out
    assert "  organization = {A\\_B},\n" in out
    assert ("``Moscow wrote off \\$10 billion (90\\% \\& more) of \\#debt\\_\\{old\\} "
            "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} *now*''") in out
    # url is a verbatim field in biblatex: escaping would put backslashes into the link.
    assert "  url = {https://example.org/a_b?x=1&y=%20},\n" in out
    assert out.startswith("@online{005_x_y,\n")


def test_bibtex_key_is_stable_and_valid_for_awkward_ids() -> None:
    key = bibtex_key("report {draft}, 2015")
    assert key == bibtex_key("report {draft}, 2015")
    assert key.startswith("report-draft-2015-")
    assert not set(key) & set("{}, %#~\\")
    assert bibtex_key("report (draft) 2015") != key  # same cleaned text, different id


def test_markdown_escapes_quote_and_title() -> None:
    out = cite(SPECIAL, "markdown")
    assert out.splitlines()[0] == (
        "> Moscow wrote off $10 billion (90% & more) of #debt\\_{old} \\~ ^ \\\\ \\*now\\*")
    assert "— A\\_B, *Debt & Deals: 100% \\*Done\\*\\_*, February 2015, " in out


def test_markdown_escapes_line_starts_and_mentions() -> None:
    assert escape_markdown("# not a heading\n- not a list\n1. nor this") == (
        "\\# not a heading\n\\- not a list\n\\1. nor this")
    assert escape_markdown("<@123> ||spoiler|| `code`") == (
        "\\<@123\\> \\|\\|spoiler\\|\\| \\`code\\`")


def test_multiline_quote_stays_inside_the_block_quote() -> None:
    c = Citation("006:p1", "006", "First line.\n# Second line.", UNDATED.source)
    assert cite(c, "markdown").splitlines()[:2] == ["> First line.", "> \\# Second line."]


def test_quote_is_verbatim_in_plain_apa_and_chicago() -> None:
    for style in ("plain", "apa", "chicago"):
        assert f"“{SPECIAL.quote}”" in cite(SPECIAL, style)


def test_style_name_is_case_insensitive() -> None:
    assert cite(VALUEWALK, " APA ") == cite(VALUEWALK, "apa")


def test_unknown_style_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match="mla") as err:
        cite(VALUEWALK, "mla")
    for style in STYLES:
        assert style in str(err.value)


@pytest.mark.parametrize("style", STYLES)
def test_every_style_gives_every_part(style: str) -> None:
    out = cite(CNAS, style)
    for part in ("CNAS", "Moscow and Pyongyang", "2015", "cnas.org", "2026",
                 "Kim Yong-nam attended the opening."):
        assert part in out
    assert "000_991db22383b8adc6" in out.replace("\\_", "_")
