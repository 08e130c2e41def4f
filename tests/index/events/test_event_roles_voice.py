"""Who is the guest when the verb is the host's: passive voice, things received, troops."""

from __future__ import annotations

from tests.index.events.test_events import events_of, only


def _visits(body: str) -> list[tuple[list[str], list[str]]]:
    return [([a.name for a in e.actors], [t.name for t in e.targets])
            for e in events_of(body, "2024-10-29") if e.action == "visit"]


def test_the_subject_of_a_passive_host_verb_is_the_guest() -> None:
    ((actors, targets),) = _visits("Sergei Shoigu was welcomed by Kim Jong-un at the airport.")
    assert actors == ["Sergei Shoigu"] and "Kim Jong-un" in targets


def test_a_passive_with_no_named_guest_makes_no_host_the_visitor() -> None:
    assert _visits("He was welcomed by North Korean officials, including Marshal Park Chong "
                   "Chon.") == []


def test_a_thing_received_is_no_visit() -> None:
    assert _visits("Russia is receiving artillery shells from North Korea.") == []
    ((actors, _),) = _visits("Vladimir Putin received Kim Jong-un in the Kremlin.")
    assert actors == ["Kim Jong-un"]


def test_forces_being_somewhere_are_no_visit_but_a_person_is() -> None:
    assert _visits("North Korean forces were in Kursk.") == []
    ((actors, _),) = _visits("Kim Jong-un was in Vladivostok on Tuesday.")
    assert actors == ["Kim Jong-un"]


def test_a_meeting_in_a_framing_phrase_is_the_subjects() -> None:
    (e,) = [e for e in events_of("Kim Jong-un reiterated his support for the war in Ukraine "
                                 "during a meeting with Sergei Shoigu in Pyongyang.",
                                 "2025-03-22") if e.action == "meeting"]
    assert [a.name for a in e.actors] == ["Kim Jong-un"]
    assert [t.name for t in e.targets] == ["Sergei Shoigu"]


def test_a_name_not_known_keeps_the_doers_after_it_in_the_chain() -> None:
    # "Kim" alone is no one known: many are called Kim.
    e = only(events_of("The pact, signed by Kim and Russian Deputy Minister Ivan Zubov in May, "
                       "took effect.", "2016-06-02"), "agreement")
    assert [a.name for a in e.actors] == ["Ivan Zubov"]


def test_a_phrase_opening_the_sentence_is_the_setting_of_its_subjects_act() -> None:
    e = only(events_of("At a press conference after the talks, Sergei Lavrov said the plan "
                       "was sound.", "2016-06-02"), "statement")
    assert [a.name for a in e.actors] == ["Sergei Lavrov"]


def test_a_place_before_the_comma_of_a_setting_is_not_listed_with_the_subject() -> None:
    e = only(events_of("During the talks in Minsk, Sergei Lavrov praised the hosts.",
                       "2016-06-02"), "statement")
    assert [a.name for a in e.actors] == ["Sergei Lavrov"]
