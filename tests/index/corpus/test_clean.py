"""Boilerplate cleaning: the five seed articles and unseen fixtures in other sites' wording."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from index.corpus import clean_rules as rules
from index.corpus.clean import Cleaned, clean, split_paragraphs
from index.models import Dropped

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "data" / "clean"


def _load(path: Path) -> tuple[str, str]:
    """(title, body) of an article file with YAML front matter between ``---`` lines."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front)["title"], body


def _clean_file(path: Path) -> Cleaned:
    title, body = _load(path)
    return clean(body, title=title)


def _seed(prefix: str) -> Path:
    (path,) = CORPUS.glob(f"{prefix}_*.md")
    return path


def _assert_kept(cleaned: Cleaned, starts: list[str]) -> None:
    """The kept paragraphs are exactly the expected ones, in order (by their first words)."""
    assert len(cleaned.paragraphs) == len(starts), cleaned.paragraphs
    for para, start in zip(cleaned.paragraphs, starts, strict=True):
        assert para.startswith(start), (para, start)


def _assert_dropped(cleaned: Cleaned, expected: list[tuple[str, str]]) -> None:
    """Each (line start, reason) was dropped for that reason and is not among the kept."""
    for start, reason in expected:
        hits = [d for d in cleaned.dropped if d.text.startswith(start)]
        assert hits, f"not dropped: {start!r}"
        assert {d.reason for d in hits} == {reason}, (start, hits)
        if reason != rules.DUPLICATE:  # a duplicate's first occurrence is kept on purpose
            assert not any(p.startswith(start) for p in cleaned.paragraphs), start


# --- seeds -------------------------------------------------------------------------------------

SEED_KEPT = {
    "000": ["A few weeks ago, the Foreign Ministry", "If Kim does come"],
    "001": [
        "The last couple of weeks", "Last week, Interfax", "“The North Korean leader’s",
        "Kim Jong-un has held very few", "Russia’s planned military exercises",
        "Yesterday, numerous news outlets", "“We are planning an expansion",
        "“We are going to conduct", "$1 billion trade goal", "In addition to the planned visit",
        "“This is undoubtedly", "The last year has seen",
    ],
    "002": [
        "Russia and North Korea continue", "The “year of friendship” means",
        "Russian President Vladimir Putin invited", "In 2014, Moscow moved",
        "“It is still an open question", "North Korea needs a connection",
        "China barely disguised", "This declaration occurred",
    ],
    "003": [
        "So, you are the leader", "This week Vladimir Putin", "According to a report by the Voice",
        "The agreement came during", "Some analysts are skeptical", "Still, reports indicate",
    ],
    "004": [
        "A little less than a year ago", "This first “Putin-Kim Summit”",
        "Of course, the potential",
        "While such rhetoric", "Russian Ambassador Alexander Matsegora", "Diplomacy, as a result",
        "A visit by the North’s", "The China factor", "This approach, of course",
    ],
}

SEED_DROPPED = {
    "000": [
        ("February 18, 2015", rules.DATELINE),
        ("Moscow and Pyongyang: From Disdain", rules.TITLE),
        ("Read the full op-ed at The Diplomat.", rules.POINTER),
        ("More from CNAS", rules.RELATED),
        ("-", rules.RELATED),
        ("Ukraine War Update", rules.RELATED),
        ("During the past several weeks", rules.RELATED),
        ("NATO's Biggest Threats", rules.RELATED),
        ("In the wake of a very short", rules.RELATED),
        ("How Russia Could Exploit", rules.RELATED),
        ("Putin would assume", rules.RELATED),
        ("Transatlantic Security", rules.RELATED),
        ("From Russia with RiskHere", rules.RELATED),
        ("By Andrea Kendall-Taylor", rules.RELATED),
        ("By Rachel Ziemba", rules.RELATED),
    ],
    "001": [
        ("Russia Strengthens Business, Military Ties", rules.TITLE),
        ("Updated on", rules.EMPTY_STAMP),
        ("Leave a Comment", rules.COMMENT),
    ],
    "002": [
        ("Russia, North Korea Enter a ‘Year of Friendship’", rules.TITLE),
        ("Please let us know if you're having issues", rules.COMMENT),
    ],
    "003": [
        ("Russia and North Korea Discuss", rules.TITLE),
        ("Please note that we are not authorised", rules.DISCLAIMER),
        ("So, you are the leader", rules.DUPLICATE),
    ],
    "004": [
        ("A year after Kim Jong Un’s first summit", rules.TITLE),
        ("The Diplomat", rules.MASTHEAD),
        ("10425 views", rules.SHARE),
        ("Поделиться:", rules.SHARE),
        ("Print:", rules.SHARE),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_KEPT))
def test_seed_keeps_every_real_paragraph(prefix: str) -> None:
    _assert_kept(_clean_file(_seed(prefix)), SEED_KEPT[prefix])


@pytest.mark.parametrize("prefix", sorted(SEED_DROPPED))
def test_seed_drops_boilerplate_with_reason(prefix: str) -> None:
    _assert_dropped(_clean_file(_seed(prefix)), SEED_DROPPED[prefix])


@pytest.mark.parametrize("prefix", sorted(SEED_KEPT))
def test_seed_every_line_is_kept_or_dropped_verbatim(prefix: str) -> None:
    """Nothing is lost silently and nothing is rewritten: kept + dropped = all lines."""
    title, body = _load(_seed(prefix))
    cleaned = clean(body, title=title)
    lines = split_paragraphs(body)
    assert sorted(cleaned.paragraphs + [d.text for d in cleaned.dropped]) == sorted(lines)
    assert all(p in body for p in cleaned.paragraphs)


def test_seed_003_keeps_the_first_of_the_duplicates() -> None:
    cleaned = _clean_file(_seed("003"))
    dup = [d for d in cleaned.dropped if d.reason == rules.DUPLICATE]
    assert len(dup) == 1
    assert cleaned.paragraphs[0] == dup[0].text


def test_seed_004_drops_both_title_repeats() -> None:
    cleaned = _clean_file(_seed("004"))
    assert [d.reason for d in cleaned.dropped[:3]] == [rules.TITLE, rules.MASTHEAD, rules.TITLE]


# --- unseen fixtures: other wording, same rules ---------------------------------------------------

FIXTURE_KEPT = {
    "inline_links": [
        "The first shipment of Russian grain", "The shipment of 2,000 tonnes",
        "Port officials expect two more deliveries",  # "Read more about" mid-paragraph stays
    ],
    "related_stories": [
        "A North Korean delegation arrived", "Officials said the visit",
        "Rail and port projects", "The ministry said it would seek legal advice",
    ],
    "comments_views": [
        "The two governments signed", "The plan covers", "Investors who asked for advice",
        "“We have no comment,” he said.",
    ],
    "keep_content": [
        "Russian President Vladimir Putin met", "He declined.", "“We will respond,” he said.",
        "Related talks in Beijing", "More from the ministry is expected", "From Reuters:",
        "The meeting lasted", "The summit in context", "Analysts said the meeting",
        "The Kremlin said Russia is not authorised", "March 2015", "Kim had been invited",
    ],
}

FIXTURE_DROPPED = {
    "inline_links": [
        ("Last updated 18.02.2015 14:05", rules.DATE_STAMP),
        ("Read more: Moscow forgives", rules.RELATED_LINK),
        ("Tags: Russia, North Korea", rules.TAGS),
        ("Most Read", rules.RELATED),
        ("Kim Jong Un inspects new orchard", rules.RELATED),
        ("Trade talks stall", rules.RELATED),
    ],
    "related_stories": [
        ("KREMLIN HOSTS NORTH KOREAN", rules.TITLE),
        ("By Ivan Petrov and Mary Lee", rules.BYLINE),
        ("Published: March 3, 2016", rules.DATE_STAMP),
        ("Share this article", rules.SHARE),
        ("Read the original article on Reuters.", rules.POINTER),
        ("Related Stories:", rules.RELATED),
        ("Moscow writes off", rules.RELATED),
        ("—", rules.RELATED),
        ("By Anna Smith & John Doe", rules.RELATED),
    ],
    "comments_views": [
        ("Russia and North Korea Sign “Year of Friendship” Plan", rules.TITLE),
        ("NK Review", rules.MASTHEAD),
        ("Updated:", rules.EMPTY_STAMP),
        ("Disclaimer: This article does not constitute financial advice.", rules.DISCLAIMER),
        ("Tweet", rules.SHARE),
        ("Email", rules.SHARE),
        ("***", rules.SEPARATOR),
        ("1,204 views", rules.SHARE),
        ("Comments (3)", rules.COMMENT),
        ("Be the first to comment", rules.COMMENT),
        ("© 2019 Example Media Ltd. All rights reserved.", rules.DISCLAIMER),
        ("We use cookies", rules.DISCLAIMER),
        ("You might also like", rules.RELATED),
        ("Trade between Russia and North Korea doubles", rules.RELATED),
    ],
    "keep_content": [
        ("Putin and Kim Meet in Vladivostok", rules.TITLE),
        ("April 25, 2019", rules.DATELINE),
        ("Updated on", rules.EMPTY_STAMP),
        ("Continue reading at NK News", rules.POINTER),
        ("Originally published at The Korea Herald.", rules.POINTER),
        ("Share on Facebook | Twitter | Email", rules.SHARE),
        ("Views: 2,310", rules.SHARE),
        ("Join the conversation", rules.COMMENT),
        ("Recommended for you", rules.RELATED),
        ("Kim’s armoured train", rules.RELATED),
    ],
}


@pytest.mark.parametrize("name", sorted(FIXTURE_KEPT))
def test_fixture_keeps_real_paragraphs(name: str) -> None:
    _assert_kept(_clean_file(FIXTURES / f"{name}.md"), FIXTURE_KEPT[name])


@pytest.mark.parametrize("name", sorted(FIXTURE_DROPPED))
def test_fixture_drops_boilerplate_with_reason(name: str) -> None:
    _assert_dropped(_clean_file(FIXTURES / f"{name}.md"), FIXTURE_DROPPED[name])


def test_fixture_duplicate_keeps_first_occurrence() -> None:
    cleaned = _clean_file(FIXTURES / "comments_views.md")
    assert cleaned.paragraphs[0].startswith("The two governments signed")
    assert [d.reason for d in cleaned.dropped].count(rules.DUPLICATE) == 1


# --- unit behaviour ------------------------------------------------------------------------


def test_split_paragraphs_single_and_blank_line_breaks() -> None:
    body = "  First para.  \nSecond para.\n\n\n\tThird para.\r\n   \n"
    assert split_paragraphs(body) == ["First para.", "Second para.", "Third para."]


def test_title_repeat_ignores_case_quotes_and_spacing() -> None:
    body = "RUSSIA’S  “NEW”  PLAN\nMoscow announced a new plan on Monday, officials said."
    cleaned = clean(body, title="Russia's \"new\" plan")
    assert cleaned.dropped == [Dropped("RUSSIA’S  “NEW”  PLAN", rules.TITLE)]
    assert cleaned.paragraphs == ["Moscow announced a new plan on Monday, officials said."]


def test_without_title_the_headline_is_kept() -> None:
    cleaned = clean("Russia's new plan\nMoscow announced a plan on Monday, officials said.")
    assert cleaned.paragraphs[0] == "Russia's new plan"


def test_header_rules_stop_at_the_first_real_paragraph() -> None:
    body = ("Moscow announced a plan on Monday, officials said.\nThe Diplomat\n"
            "February 18, 2015\nBy Ivan Petrov")
    assert clean(body).paragraphs == split_paragraphs(body)


def test_related_heading_before_any_paragraph_does_not_swallow_the_article() -> None:
    body = "Related\nMoscow announced a plan on Monday, officials said.\nIt was approved."
    cleaned = clean(body)
    assert cleaned.paragraphs[-2:] == ["Moscow announced a plan on Monday, officials said.",
                                       "It was approved."]


def test_heading_like_line_followed_by_long_paragraph_is_not_a_promo_block() -> None:
    long_para = "Moscow and Pyongyang signed " + "a long agreement " * 30 + "on Monday."
    body = f"Moscow announced a plan on Monday, officials said.\nRead more\n{long_para}"
    assert clean(body).paragraphs[-1] == long_para


@pytest.mark.parametrize("line", [
    "Discussion",  # a section heading, not a comment widget
    "Peskov declined to comment on the talks.",
    "The minister said the deal does not constitute a military alliance.",
    "Russia says it shares intelligence with Pyongyang, the report said.",
    "Read the statement in full below, officials urged.",
    "Copyright disputes are rare between the two countries, analysts said.",
    "Share prices in Moscow rose 3% after the visit.",
    "Updated figures show that trade fell in 2019.",
    "Comments by Lavrov angered Seoul.",
])
def test_content_mentioning_boilerplate_words_is_kept(line: str) -> None:
    body = f"Moscow announced a plan on Monday, officials said.\n{line}"
    assert clean(body).paragraphs[-1] == line


@pytest.mark.parametrize(("line", "reason"), [
    ("Read the full story on Reuters", rules.POINTER),
    ("This article first appeared in The Diplomat.", rules.POINTER),
    ("This content is for information purposes only.", rules.DISCLAIMER),
    ("The views expressed in this article are those of the author.", rules.DISCLAIMER),
    ("Add a comment", rules.COMMENT),
    ("12 comments", rules.COMMENT),
    ("Share:", rules.SHARE),
    ("—", rules.SEPARATOR),
    ("Tags: Russia, North Korea, Kim Jong Un", rules.TAGS),
    ("Read more: Kim’s armoured train reaches Vladivostok", rules.RELATED_LINK),
])
def test_boilerplate_families_anywhere_in_the_body(line: str, reason: str) -> None:
    body = f"Moscow announced a plan on Monday, officials said.\n{line}\nIt was approved."
    cleaned = clean(body)
    assert cleaned.dropped == [Dropped(line, reason)]


def test_a_related_block_in_mid_article_drops_its_links_and_keeps_the_story() -> None:
    body = ("The envoy arrived in the capital on Monday for two days of talks with the "
            "foreign minister.\n\n"
            "RELATED:\n\n"
            "Border Trade Slows As Winter Sets In\n\n"
            "The talks covered trade, transport links and the resumption of flights between "
            "the two capitals, the ministry said in a statement.\n\n"
            "He left on Wednesday.\n")
    out = clean(body)
    assert out.paragraphs[0].startswith("The envoy arrived")
    assert any(p.startswith("The talks covered") for p in out.paragraphs)
    assert "He left on Wednesday." in out.paragraphs
    assert {d.text for d in out.dropped} == {"RELATED:", "Border Trade Slows As Winter Sets In"}
