"""Events as wire copy of this field phrases them, on sentences written for the test: judged and
accused acts, plans told on a day, travel and goods, passive doers, titles, repeated captions."""

from __future__ import annotations

from tests.index.events.test_event_kinds import kinds
from tests.index.events.test_events import events_of


def test_a_statement_participle_before_a_noun_is_no_statement() -> None:
    assert "statement" not in kinds("Russia counted its first three confirmed cases on Monday.")
    assert "statement" not in kinds("Russia said the announced measures were working.")
    assert "statement" in kinds("The Russian Foreign Ministry confirmed the measures on Monday.")
    assert "statement" in kinds("Russia announced on Monday that flights would stop.")


def test_a_treaty_named_with_a_list_is_signed_by_its_parties() -> None:
    e = kinds("The treaty of trade, navigation and fisheries concluded by Russia and North "
              "Korea on May 4, 1991 lapses this year.")["agreement"]
    assert e.date is not None and e.date.value == "1991-05-04"
    assert {a.name for a in e.actors} == {"Russia", "North Korea"}


def test_a_sentence_the_page_repeats_is_one_account() -> None:
    caption = "Russia said Monday that ferries will stop sailing to North Korea."
    events = events_of(f"{caption} Photo by Agency\n\n{caption} Photo by Agency | License\n\n"
                       "Officials gave no reason.", "2022-03-14")
    assert len({ev.passage_id for e in events for ev in e.evidence}) == 1, \
        [(e.action, [ev.passage_id for ev in e.evidence]) for e in events]


def test_journeys_messages_and_goods_as_news_tells_them() -> None:
    e = kinds("Kim Jong Un travelled by train to Khabarovsk in 2019 for talks with Vladimir "
              "Putin.")["visit"]
    assert [a.name for a in e.actors] == ["Kim Jong-un"] and e.companions == []
    sent = kinds("Kim Jong Un sent a New Year message to Vladimir Putin on Monday.")
    assert "visit" not in sent and "statement" in sent
    aid = kinds("Russia shipped 50,000 tons of flour to North Korea in February.")["aid"]
    assert [a.name for a in aid.actors] == ["Russia"]


def test_a_perfect_told_by_hearsay_begins_at_its_since() -> None:
    e = kinds("North Korea has allegedly sent 3,000 troops to Russia since October 2021.")
    assert e["deployment"].date is not None and e["deployment"].date.value == "2021-10"


def test_the_first_to_do_something_did_it() -> None:
    e = kinds("In 2000, Vladimir Putin became the first Russian leader to visit Pyongyang.")
    assert e["visit"].status == "happened" and e["visit"].date.value == "2000"
    assert [a.name for a in e["visit"].actors] == ["Vladimir Putin"]
    planned = kinds("Vladimir Putin hopes to be the first Russian leader to visit Wonsan.")
    assert planned["visit"].status == "planned"
    assert [a.name for a in planned["visit"].actors] == ["Vladimir Putin"]


def test_those_who_judge_an_act_are_not_its_doers() -> None:
    e = kinds("Japan and South Korea condemned the arms shipments on Friday.")
    assert [a.name for a in e["statement"].actors] == ["Japan", "South Korea"]
    assert all(a.name not in ("Japan", "South Korea")
               for a in (e["arms"].actors if "arms" in e else []))
    thanks = kinds("Vladimir Putin thanked Kim Jong Un for sending troops on Monday.")
    assert "statement" in thanks and "deployment" in thanks


def test_flights_decrees_delegations_and_plans_told_on_a_day() -> None:
    e = kinds("Choe Son Hui flew to Moscow on Sunday for talks.", "2025-06-13")["visit"]
    assert [a.name for a in e.actors] == ["Choe Son-hui"] and e.date.value == "2025-06-08"
    decree = kinds("Vladimir Putin signed a decree ratifying the pact on Saturday.")
    assert "ratification" in decree and "agreement" not in decree
    visit = kinds("Kim Jong Un hosted a delegation of the Federation Council headed by "
                  "Valentina Matviyenko on Monday.")["visit"]
    assert all("headed" not in a.name for a in visit.actors)
    plan = kinds("Moscow will host Kim Jong Un for talks, the Kremlin said on Monday.")["visit"]
    assert plan.status == "planned" and plan.date is None


def test_passive_doers_titles_escorts_and_ruled_out_visits() -> None:
    e = kinds("The accord was signed on Monday by Russian Deputy Prime Minister Alexander Novak "
              "and North Korean External Economic Relations Minister Yun Jong Ho.")
    assert {a.name for a in e["agreement"].actors} == {"Alexander Novak", "Yun Jong Ho"}
    assert "trade" not in e  # "Economic Relations" is a word of a title
    tour = kinds("Kim Jong Un arrived in Russia. Kim Jong Un, accompanied by his sister Kim Yo "
                 "Jong, toured a warship in Vladivostok.")["visit"]
    assert [a.name for a in tour.actors] == ["Kim Jong-un"]
    ruled_out = kinds("A visit by Vladimir Putin to Pyongyang is not on the agenda, Dmitry "
                      "Peskov said.")
    assert ruled_out["visit"].status == "denied"
    expected = kinds("Sergei Lavrov is expected in Pyongyang on Friday.")["visit"]
    assert expected.status == "planned"


def test_a_past_verb_after_its_noun_places_a_later_day_last_year() -> None:
    e = kinds("The first direct flight between Moscow and Pyongyang landed on July 27.",
              "2025-06-13")["infrastructure"]
    assert e.date.value == "2024-07-27" and e.status == "happened"
