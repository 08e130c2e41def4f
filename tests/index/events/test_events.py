"""Event extraction, merging and dates on small literal articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.corpus.passages import make_passages
from index.events.dates import compatible, event_date, human, more_specific
from index.events.extract import extract_events
from index.events.lexicon import lexicon, load_lexicon
from index.events.model import Event
from index.events.timerange import parse_time_range
from index.merge.merge import _Cluster, combine, merge_events
from index.models import Article, ArticleMeta


def article(doc_id: str, body: str, date: str | None = "2015-03-12",
            publisher: str = "Outlet") -> Article:
    meta = ArticleMeta(doc_id=doc_id, title=f"Title {doc_id}", path=f"{doc_id}.md",
                       publisher=publisher, date=date)
    return Article(meta=meta, body=body, sha256=doc_id)


def events_of(body: str, date: str | None = "2015-03-12", doc_id: str = "a") -> list[Event]:
    return extract_events(make_passages(article(doc_id, body, date)))


def only(events: list[Event], action: str) -> Event:
    found = [e for e in events if e.action == action]
    assert len(found) == 1, [(e.action, e.summary) for e in events]
    return found[0]


def test_visit_with_place_companion_and_range_date() -> None:
    e = only(events_of("From April 28-30, 2014, Deputy Prime Minister Yuri Trutnev spent three "
                       "days in North Korea along with Rustam Minnikhanov."), "visit")
    assert [a.name for a in e.actors] == ["Yuri Trutnev"]
    assert e.actors[0].role == "Deputy Prime Minister" and e.actors[0].country == "RUS"
    assert [a.name for a in e.companions] == ["Rustam Minnikhanov"]
    assert e.place == "North Korea"
    assert e.date is not None and e.date.value == "2014-04-28/2014-04-30"
    assert human(e.date) == "28–30 Apr 2014"
    assert e.status == "happened"


def test_host_makes_the_guest_the_visitor() -> None:
    e = only(events_of("In February 2014, Putin hosted North Korean official Kim Yong-nam in "
                       "Sochi."), "visit")
    assert [a.name for a in e.actors] == ["Kim Yong-nam"]
    assert "Vladimir Putin" in [t.name for t in e.targets]
    assert e.place == "Sochi"


def test_planned_and_denied_status() -> None:
    planned = only(events_of("Kim Jong-un will visit Moscow on May 9, 2015."), "visit")
    assert planned.status == "planned"
    assert planned.targets[0].name == "Russia"  # the capital stands for the state
    denied = only(events_of("In March 2015, Kim Jong-un did not visit Moscow."), "visit")
    assert denied.status == "denied"


def test_background_and_conditional_are_not_events() -> None:
    assert events_of("Kim Jong-un has held very few meetings with prominent leaders.") == []
    assert events_of("If Kim does come, it will mark the culmination of the interaction.") == []


def test_debt_relief_target_is_the_debtor_and_figures_are_kept() -> None:
    e = only(events_of("In 2014 Moscow canceled $10 billion of Pyongyang’s $11 billion debt."),
             "debt_relief")
    assert [a.name for a in e.actors] == ["Russia"]
    assert [t.name for t in e.targets] == ["North Korea"]
    assert e.evidence[0].figures == ("$10 billion", "$11 billion")


def test_anaphoric_after_that_trip_is_a_bound() -> None:
    evs = events_of("In April 2014, Moscow sent Yuri Trutnev to Pyongyang. After that trip, "
                    "Russia eliminated 90% of North Korea’s $10 billion debt.")
    debt = only(evs, "debt_relief")
    assert debt.date is not None and debt.date.mod == "AFTER" and debt.date.basis == "anaphoric"
    assert human(debt.date) == "after April 2014"
    visit = only(evs, "visit")
    assert "Yuri Trutnev" in [a.name for a in visit.actors]
    assert visit.place == "Pyongyang"


def test_a_definite_reference_adds_a_date_not_an_event() -> None:
    evs = events_of("Peskov confirmed that Kim Jong-un would visit Russia. The visit is to take "
                    "place on May 9, 2015.")
    visit = only(evs, "visit")
    assert visit.date is not None and visit.date.value == "2015-05-09"


def test_undated_article_never_gets_todays_date() -> None:
    e = only(events_of("Yesterday, Sergei Lavrov met with Ri Su-yong.", date=None), "meeting")
    assert e.date is None


def test_merge_keeps_every_citation_and_the_most_specific_date() -> None:
    a = events_of("From April 28-30, 2014, Deputy Prime Minister Yuri Trutnev spent three days "
                  "in North Korea.", doc_id="a")
    b = events_of("In April 2014, Moscow sent Deputy Prime Minister Yuri Trutnev to Pyongyang.",
                  doc_id="b")
    merged = merge_events(a + b)
    visits = [e for e in merged if e.action == "visit"]
    assert len(visits) == 1
    assert visits[0].doc_ids == ["a", "b"]
    assert visits[0].date is not None and visits[0].date.value == "2014-04-28/2014-04-30"


def test_merge_notes_disagreeing_figures() -> None:
    a = events_of("In May 2014 Putin signed legislation that forgives 90 percent of North "
                  "Korea’s debt.", doc_id="a")
    b = events_of("In 2014 Moscow canceled $10 billion of Pyongyang’s $11 billion debt.",
                  doc_id="b")
    (debt,) = [e for e in merge_events(a + b) if e.action == "debt_relief"]
    assert debt.doc_ids == ["a", "b"]
    assert debt.date is not None and debt.date.value == "2014-05"
    assert any("disagree on the amount" in n for n in debt.notes)


def test_different_people_are_not_merged() -> None:
    a = events_of("In March 2014, Alexander Galushka visited North Korea.", doc_id="a")
    b = events_of("In March 2014, Yuri Trutnev visited North Korea.", doc_id="b")
    assert len([e for e in merge_events(a + b) if e.action == "visit"]) == 2


def test_incompatible_dates_are_not_merged() -> None:
    a = events_of("In April 2019, Putin met with Kim Jong-un in Vladivostok.", doc_id="a")
    b = events_of("In March 2015, Putin met with Kim Jong-un.", doc_id="b")
    assert len([e for e in merge_events(a + b) if e.action == "meeting"]) == 2


@pytest.mark.parametrize(("value", "text", "precision"), [
    ("2014", "2014", "year"), ("2014-05", "May 2014", "month"),
    ("2014-04-28", "28 April 2014", "day"), ("2014-09/2014-10", "Sep–Oct 2014", "month"),
    ("2015-W05", "the week of 26 January 2015", "week"), ("201", "the 2010s", "decade")])
def test_dates_as_people_write_them(value: str, text: str, precision: str) -> None:
    d = event_date(value, "explicit")
    assert d is not None and human(d) == text and d.precision == precision


def test_unplaceable_values_are_no_date() -> None:
    assert event_date("PAST_REF", "relative") is None
    assert event_date("XXXX-02-30", "explicit") is None
    assert human(None) == "undated"


def test_a_day_of_no_given_year_is_kept_but_has_no_place_on_the_calendar() -> None:
    d = event_date("XXXX-09-13", "explicit")
    assert d is not None and (d.precision, d.start, d.end) == ("day", None, None)
    assert human(d) == "13 September (year not given)"
    assert human(event_date("XXXX-05", "explicit")) == "May (year not given)"
    # It fits any year when merging, and is less specific than any placed date.
    year = event_date("2014", "explicit")
    assert year is not None and compatible(d, year) and more_specific(year, d)


def test_compatibility_and_specificity() -> None:
    year, month = event_date("2014", "explicit"), event_date("2014-05", "explicit")
    other = event_date("2013", "explicit")
    assert year and month and other
    assert compatible(year, month) and not compatible(month, other)
    assert more_specific(month, year) and not more_specific(year, month)


@pytest.mark.parametrize(("typed", "start", "end", "rest"), [
    ("visited 2014", "2014-01-01", "2014-12-31", "visited"),
    ("2014-2015 visit", "2014-01-01", "2015-12-31", "visit"),
    ("met since 2019", "2019-01-01", None, "met"),
    ("signed before 2016", None, "2015-12-31", "signed"),
    ("visit May 2015", "2015-05-01", "2015-05-31", "visit"),
])
def test_time_ranges_users_type(typed: str, start: str | None, end: str | None,
                                rest: str) -> None:
    tr, left, _ = parse_time_range(typed)
    assert tr is not None and (tr.start, tr.end) == (start, end)
    assert left == rest


def test_user_words_map_to_actions() -> None:
    lex = lexicon()
    assert lex.actions_for_terms(["visit"]) == ["visit"]
    assert lex.actions_for_terms(["went"]) == ["visit"]
    assert "debt_relief" in lex.actions_for_terms(["debt"])
    assert "agreement" in lex.actions_for_terms(["sign"])


def test_malformed_lexicon_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "actions.yaml"
    bad.write_text("actions:\n  visit:\n    cameo: ['042']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="action 'visit' lacks"):
        load_lexicon(bad)
    bad.write_text("actions:\n  visit: {cameo: [1], label: v, verb: v, words: [v], "
                   "triggers: ['(']}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid pattern"):
        load_lexicon(bad)


def test_a_lone_source_against_several_is_named() -> None:
    evs = (events_of("In March 2015, Putin will meet with Kim Jong-un.", doc_id="a")
           + events_of("In March 2015, Putin is to meet with Kim Jong-un.", doc_id="b")
           + events_of("In March 2015, Putin met with Kim Jong-un.", doc_id="c"))
    (meeting,) = [e for e in merge_events(evs) if e.action == "meeting"]
    assert sorted(meeting.doc_ids) == ["a", "b", "c"]
    assert meeting.status == "planned"
    assert "Only c says it happened; a, b say otherwise." in meeting.notes


def test_both_countries_are_the_two_states_the_article_is_about() -> None:
    evs = events_of("Russia and North Korea held talks in Moscow in March 2015. Both countries "
                    "have stated that they would reach $1 billion in trade by 2020.")
    trade = only(evs, "trade")
    assert {a.name for a in trade.actors} == {"Russia", "North Korea"}
    assert trade.status == "planned"


def test_an_event_before_what_others_call_the_first_is_flagged() -> None:
    early = events_of("In March 2015 Vladimir Putin met with Kim Jong-un.", doc_id="early")
    first = events_of("In April 2019, Vladimir Putin held talks with Kim Jong-un in Vladivostok. "
                      "This was the first meeting between Vladimir Putin and Kim Jong-un.",
                      date="2020-04", doc_id="later")
    merged = [e for e in merge_events(early + first) if e.action == "meeting"]
    by_doc = {e.doc_ids[0]: e for e in merged}
    assert by_doc["later"].first
    assert "Only early reports this meeting; later calls the one of April 2019 the first." \
        in by_doc["early"].notes
    assert "early reports an earlier meeting (March 2015)." in by_doc["later"].notes


def test_a_status_tie_goes_to_the_account_told_first() -> None:
    planned = only(events_of("In March 2015, Putin will meet with Kim Jong-un.", doc_id="a"),
                   "meeting")
    denied = replace(only(events_of("In March 2015, Putin will meet with Kim Jong-un.",
                                    doc_id="b"), "meeting"), status="denied")
    for first, second in [(planned, denied), (denied, planned)]:
        c = _Cluster()
        c.add(first)
        c.add(second)
        # Whatever order a set of the two would have in this process.
        assert combine(c).status == first.status


def test_figure_note_groups_sources_by_the_figure_they_give() -> None:
    bodies = ["In 2014 Moscow canceled $10 billion of Pyongyang’s $11 billion debt."] * 6 + [
        "In 2014 Russia wrote off 90 per cent of North Korea’s debt.",
        "In 2014 Russia wrote off 90% of North Korea’s debt."]
    accounts = [e for i, body in enumerate(bodies) for e in events_of(body, doc_id=f"d{i}")]
    (debt,) = [e for e in merge_events(accounts) if e.action == "debt_relief"]
    (note,) = [n for n in debt.notes if "disagree on the amount" in n]
    # Two figures, each quoted once; six sources of one figure are counted, not listed.
    assert note.count("“") == 2
    assert "(d0, d1, d2 and 3 more)" in note
    assert "(d6, d7)" in note  # "90 per cent" and "90%" are the same figure


def test_statements_of_one_state_are_one_only_when_of_the_same_day() -> None:
    a = events_of("Kim Jong-un will visit Vladivostok on April 25, the Kremlin confirmed on "
                  "Tuesday.", "2019-04-23", doc_id="a")
    b = events_of("Putin praised the talks with Kim in Vladivostok.", "2019-04-25", doc_id="b")
    statements = [e for e in merge_events(a + b) if e.action == "statement"]
    assert len(statements) == 2  # the Kremlin's Tuesday notice is not Putin's Thursday praise
    c = events_of("The Kremlin confirmed on Tuesday that the summit will be held.",
                  "2019-04-23", doc_id="c")
    same = [e for e in merge_events(a + c) if e.action == "statement"]
    assert len(same) == 1 and same[0].doc_ids == ["a", "c"]


def test_an_undated_account_joins_the_event_its_own_article_dates() -> None:
    a = events_of("Sergei Lavrov met Ri Yong-ho in Moscow on May 4, 2016.", "2016-05-05",
                  doc_id="a")
    b = events_of("Sergei Lavrov met Ri Yong-ho in Pyongyang on Tuesday.\n\n"
                  "Lavrov and Ri Yong-ho met at the Kumsusan residence.", "2017-09-14",
                  doc_id="b")
    meetings = [e for e in merge_events(a + b) if e.action == "meeting"]
    # Of the two meetings of the same pair, the undated one is the one its article dates.
    assert sorted(e.doc_ids for e in meetings) == [["a"], ["b"]]
    (in_b,) = [e for e in meetings if e.doc_ids == ["b"]]
    assert len(in_b.evidence) == 2


def test_a_passing_mention_joins_the_signing_most_articles_tell() -> None:
    told = [events_of("Vladimir Putin and Kim Jong-un signed a treaty in Pyongyang on June 19, "
                      "2024.", "2024-06-20", doc_id=f"t{i}") for i in range(3)]
    other = events_of("Russia and North Korea signed a fisheries protocol on March 3, 2024.",
                      "2024-03-04", doc_id="o")
    passing = events_of("Russia and North Korea grew closer after the signing of a treaty in "
                        "2024.", "2025-06-04", doc_id="p")
    merged = [e for e in merge_events([e for t in told for e in t] + other + passing)
              if e.action == "agreement"]
    (treaty,) = [e for e in merged if "t0" in e.doc_ids]
    assert "p" in treaty.doc_ids and "o" not in treaty.doc_ids
    # The leaders stand for their states; no state is listed beside them.
    assert [a.name for a in treaty.actors] == ["Vladimir Putin", "Kim Jong-un"]


def test_a_name_only_one_of_many_accounts_gives_is_left_out() -> None:
    bodies = ["Vladimir Putin and Kim Jong-un signed a treaty in Pyongyang on June 19, 2024."] * 3
    bodies.append("Vladimir Putin, Kim Jong-un and Sergei Lavrov signed a treaty in Pyongyang "
                  "on June 19, 2024.")
    accounts = [e for i, b in enumerate(bodies) for e in events_of(b, "2024-06-20",
                                                                   doc_id=f"d{i}")]
    (treaty,) = [e for e in merge_events(accounts) if e.action == "agreement"]
    assert [a.name for a in treaty.actors] == ["Vladimir Putin", "Kim Jong-un"]
    assert treaty.doc_ids == ["d0", "d1", "d2", "d3"]


def test_a_day_of_no_given_year_fits_only_dates_that_can_hold_it() -> None:
    day = event_date("XXXX-09-13", "explicit")
    assert not compatible(day, event_date("2023-SU", "explicit"))
    assert compatible(day, event_date("2024-09", "explicit"))
    assert compatible(day, event_date("XXXX-09", "explicit"))
    assert not compatible(day, event_date("XXXX-06-04", "explicit"))
    summer = events_of("In summer 2023, Sergei Shoigu visited Pyongyang.", "2023-09-01",
                       doc_id="a")
    september = events_of("On September 13, Sergei Shoigu visited Pyongyang.", None,
                          doc_id="b")
    visits = [e for e in merge_events(summer + september) if e.action == "visit"]
    assert sorted(e.doc_ids for e in visits) == [["a"], ["b"]]
