"""Autocomplete choices for /cite ids and source names (issue 16.7)."""

from __future__ import annotations

from index.answers.completion import cite_choices, rank_names

ARTICLES = {
    "001_fb27f336a89ec95e": {"title": "Russia Strengthens Ties", "passages": 14},
    "002_31d9f8584a3e5bef": {"title": "Year of Friendship", "passages": 6},
    "010_aaaa": {"title": "Later", "passages": 2},
    "01": {"title": "Short id", "passages": 1},
}


def ids(typed: str, limit: int = 25) -> list[str]:
    return [pid for _, pid in cite_choices(ARTICLES, typed, limit)]


def test_a_prefix_of_the_article_id_completes_its_passages() -> None:
    assert ids("001:p") == [f"001_fb27f336a89ec95e:p{n}" for n in range(1, 15)]
    assert ids("001:") == ids("001:p") == ids("001")
    assert ids("001:P1") == [f"001_fb27f336a89ec95e:p{n}" for n in (1, 10, 11, 12, 13, 14)]
    assert ids("001:p12") == ["001_fb27f336a89ec95e:p12"]
    assert ids("001:12") == ["001_fb27f336a89ec95e:p12"]


def test_an_exact_article_id_comes_before_longer_ones_and_the_list_stops_at_25() -> None:
    assert ids("01") == ["01:p1", "010_aaaa:p1", "010_aaaa:p2"]
    assert len(ids("")) == 23 and len(ids("", limit=5)) == 5
    assert ids("0", limit=25)[:1] == ["001_fb27f336a89ec95e:p1"]


def test_the_label_names_the_article_and_nonsense_completes_nothing() -> None:
    ((label, pid),) = cite_choices(ARTICLES, "002:p6")
    assert pid == "002_31d9f8584a3e5bef:p6" and label == f"{pid} · Year of Friendship"
    assert ids("001:x") == [] and ids("zzz") == [] and ids("001:p1:p2") == []


def test_source_names_rank_starts_before_words_before_substrings() -> None:
    names = ["Pyongyang Times", "The Korea Times", "NK News", "Times of Asia", "CNAS"]
    assert rank_names(names, "times") == ["Times of Asia", "Pyongyang Times",
                                          "The Korea Times"]
    assert rank_names(names, "") == names and rank_names(names, "x", limit=1) == []
    assert rank_names(names, "ime") == ["Pyongyang Times", "The Korea Times", "Times of Asia"]
