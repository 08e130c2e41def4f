"""Who takes part and who only stands in the sentence: topics, senders, destinations, states
their people stand for."""

from __future__ import annotations

from tests.index.events.test_events import events_of, only


def _parties(body: str, action: str) -> tuple[list[str], list[str]]:
    e = only(events_of(body, "2025-06-05"), action)
    return [a.name for a in e.actors], [t.name for t in e.targets]


def test_what_a_meeting_discusses_is_its_topic_not_a_party() -> None:
    assert _parties("Sergei Lavrov met Kim Jong Un to discuss relations between Japan and "
                    "China.", "meeting") == (["Sergei Lavrov"], ["Kim Jong-un"])


def test_the_other_side_of_a_war_spoken_of_is_no_party_to_the_statement() -> None:
    _, targets = _parties("Kim Jong Un praised Russia's soldiers for the war against Ukraine "
                          "on Monday.", "statement")
    assert "Ukraine" not in targets


def test_the_leader_who_sent_an_envoy_is_not_the_one_visited() -> None:
    assert _parties("Sergei Shoigu visited Pyongyang on a special mission from Vladimir Putin.",
                    "visit") == (["Sergei Shoigu"], ["North Korea"])


def test_where_an_invited_visit_would_go_is_not_an_invitee() -> None:
    assert _parties("Vladimir Putin invited Kim Jong Un to visit Russia.", "invitation") == \
        (["Vladimir Putin"], ["Kim Jong-un"])


def test_a_state_its_leader_stands_for_is_not_listed_beside_him() -> None:
    assert _parties("Sergei Lavrov held talks with North Korea and Kim Jong Un.", "meeting") == \
        (["Sergei Lavrov"], ["Kim Jong-un"])


def test_a_visit_keeps_the_country_it_went_to() -> None:
    _, targets = _parties("Sergei Lavrov visited North Korea and met Kim Jong Un.", "visit")
    assert "North Korea" in targets


def test_troops_are_sent_to_places_not_to_people() -> None:
    e = only(events_of("North Korea sent troops to help Vladimir Putin in Kursk.", "2025-06-05"),
             "deployment")
    assert [t.name for t in e.targets] == [] and e.place == "Kursk"


def test_a_transport_link_joins_the_states_of_the_people_named() -> None:
    e = only(events_of("Passenger trains resumed a year after Vladimir Putin and Kim Jong Un "
                       "signed a pact.", "2025-06-05"), "infrastructure")
    assert {a.name for a in (*e.actors, *e.targets)} == {"Russia", "North Korea"}


def test_the_country_of_an_outlet_that_reported_is_no_party() -> None:
    assert _parties("Sergei Lavrov arrived in Vladivostok on Monday, Japan's Asahi newspaper "
                    "reported.", "visit") == (["Sergei Lavrov"], ["Russia"])


def test_who_a_speculation_names_is_no_party_of_the_event_before_it() -> None:
    assert _parties("Sergei Lavrov was seen in Vladivostok on Sunday, fuelling speculation of a "
                    "summit between Putin and Kim Jong Un.", "visit") == \
        (["Sergei Lavrov"], ["Russia"])


def test_the_two_leaders_are_the_last_named_of_each_state() -> None:
    events = events_of("Vladimir Putin met Kim Jong Un in Beijing on Wednesday.\n\n"
                       "The two leaders then held talks at a guest house.", "2025-09-04")
    talks = [e for e in events if e.evidence[0].passage_id.endswith("p2")]
    assert talks and {a.name for a in talks[0].actors} == {"Vladimir Putin", "Kim Jong-un"}


def test_the_two_leaders_name_no_one_before_both_are_named() -> None:
    events = events_of("Vladimir Putin flew to Beijing on Wednesday.\n\n"
                       "The two leaders then held talks at a guest house.", "2025-09-04")
    assert not [e for e in events if e.evidence[0].passage_id.endswith("p2")
                and len(e.actors) == 2]


def test_an_aside_keeps_its_names_to_itself() -> None:
    events = events_of("Kim Jong Un, who visited Moscow in May, met Vladimir Putin in "
                       "Vladivostok.", "2025-06-28")
    visit, meeting = only(events, "visit"), only(events, "meeting")
    assert [t.name for t in visit.targets] == ["Russia"]
    assert [a.name for a in meeting.actors] == ["Kim Jong-un"]


def test_the_subject_of_a_relative_clause_is_the_noun_before_that() -> None:
    found = events_of("Vladimir Putin thanked the Russian troops who defeated the groups that "
                      "invaded the region last summer.", "2025-04-28")
    assert not [e for e in found if e.action == "offensive"
                and any(a.name == "Russian troops" for a in e.actors)]


def test_a_place_in_what_was_announced_is_not_where_it_was_announced() -> None:
    e = only(events_of("Chancellor Angela Merkel announced she will not be in Moscow for the "
                       "parade.", "2015-03-10"), "statement")
    assert e.place is None
    e = only(events_of("Sergei Lavrov announced in Minsk on Tuesday that the talks had "
                       "failed.", "2015-03-10"), "statement")
    assert e.place == "Minsk"


def test_an_attack_of_or_against_a_country_strikes_it() -> None:
    assert _parties("Russia launched its full-scale invasion of Japan in August 1945.",
                    "offensive") == (["Russia"], ["Japan"])
    assert _parties("Ukraine launched a counteroffensive against Russia in June 2023.",
                    "offensive") == (["Ukraine"], ["Russia"])


def test_the_visit_an_invitation_asks_for_is_no_event_of_its_own() -> None:
    events = events_of("Vladimir Putin invited Kim Jong Un to visit Moscow.", "2025-06-05")
    assert [e.action for e in events] == ["invitation"]
    events = events_of("During his stay in Khabarovsk, Kim Jong Un invited Vladimir Putin to "
                       "make a return visit.", "2025-06-05")
    assert [e.action for e in events] == ["invitation"]
    # A visit stated for itself stays one.
    events = events_of("Kim Jong Un will visit Moscow in May.", "2025-03-05")
    assert [e.action for e in events] == ["visit"]


def test_a_clause_naming_its_own_subject_does_not_borrow_the_sentence_s() -> None:
    events = events_of("The Federation Council ratified the pact on Wednesday, while the other "
                       "chamber endorsed it in October.", "2024-11-08")
    doers = sorted((e.date.value if e.date else "", [a.name for a in e.actors])
                   for e in events if e.action == "ratification")
    assert ("2024-11-06", ["Federation Council"]) in doers
    assert all(names != ["Federation Council"] for d, names in doers if d == "2024-10")


def test_a_reporter_far_after_a_fronted_setting_is_not_its_subject() -> None:
    events = events_of("After a meeting between Russian and Chinese delegations, the two "
                       "ministers talked alone for an hour, the Kremlin said.", "2025-06-05")
    assert all("Kremlin" not in [a.name for a in e.actors] for e in events if
               e.action == "meeting"), [(e.action, e.summary) for e in events]


def test_who_does_what_a_gerund_after_by_names_is_the_clause_subject() -> None:
    (e,) = [e for e in events_of("North Korea's help for Russia by sending shells is growing.",
                                 "2025-06-05") if e.action == "arms"]
    assert [a.name for a in e.actors] == ["North Korea"]


def test_the_two_leaders_are_the_two_last_named_together() -> None:
    # China is named most, but the two leaders just named together are Putin and Kim.
    events = events_of("Chinese President Xi Jinping opened the parade in Beijing, China's "
                       "capital, as China marked the anniversary.\n\n"
                       "Vladimir Putin met Kim Jong Un in Beijing on Wednesday.\n\n"
                       "The two leaders then held talks at a guest house.", "2025-09-04")
    talks = [e for e in events if e.evidence[0].passage_id.endswith("p3")]
    assert talks and {a.name for a in talks[0].actors} == {"Vladimir Putin", "Kim Jong-un"}


def test_an_apposition_after_a_name_describes_that_person() -> None:
    assert _parties("Kim Yo Jong, the younger sister of Kim Jong Un, met Sergei Lavrov on "
                    "Friday.", "meeting")[0] == ["Kim Yo-jong"]
    assert _parties("Vyacheslav Volodin, the speaker of the State Duma, visited Pyongyang on "
                    "Monday.", "visit")[0] == ["Vyacheslav Volodin"]
    # A list of states is no apposition.
    assert set(_parties("Russia, the United States and China signed a pact on Monday.",
                        "agreement")[0]) >= {"Russia", "China"}


def test_a_state_owning_a_name_is_not_the_subject_and_a_place_before_a_noun_is_where() -> None:
    assert _parties("Russia's Sergei Shoigu held talks with Kim Jong Un in Pyongyang on "
                    "Monday.", "meeting") == (["Sergei Shoigu"], ["Kim Jong-un"])
    (e,) = events_of("Kim Jong Un's Khabarovsk visit lasted a week.", "2025-06-05")
    assert e.place == "Khabarovsk"


def test_who_accepts_an_invitation_is_the_one_invited() -> None:
    assert _parties("Vladimir Putin has accepted an invitation to visit Pyongyang, Kim Jong Un "
                    "said.", "invitation") == ([], ["Vladimir Putin"])
    assert _parties("Kim Jong Un has accepted Putin's invitation to visit Moscow.",
                    "invitation") == (["Vladimir Putin"], ["Kim Jong-un"])
