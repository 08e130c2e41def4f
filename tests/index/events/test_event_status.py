"""Status and what is no event at all: hedges, schedules, talk of ties, modals inside a
trigger; and the newer kinds (offensives, border closures, "did the same")."""

from __future__ import annotations

from tests.index.events.test_event_kinds import CONTEXT, kinds
from tests.index.events.test_events import events_of


def test_a_hedged_past_is_reported_and_a_modal_inside_the_trigger_counts() -> None:
    assert kinds("Ferries between the two ports might have already been halted.")[
        "infrastructure"].status == "reported"
    assert kinds("Ferries between the two ports will be halted.")[
        "infrastructure"].status == "planned"
    assert kinds("Ferries between the two ports were halted on March 9.")[
        "infrastructure"].status == "happened"


def test_bilateral_trade_is_between_the_two_states_of_the_article() -> None:
    e = kinds("Bilateral trade grew fourfold in 2021.")["trade"]
    assert {a.name for a in e.actors} == {"Russia", "North Korea"}


def test_an_offensive_into_a_region_is_against_its_state() -> None:
    e = kinds("In May 2021, Ukrainian units launched a night assault into the Kursk region, "
              "taking villages held by North Korean troops.", "2022-03-10")["offensive"]
    assert e.summary.startswith("Ukraine launched an offensive against Russia")
    assert e.date.value == "2021-05"


def test_a_border_closure_is_an_event_of_its_own() -> None:
    e = kinds("North Korea sealed its borders in January 2020.")["border"]
    assert [a.name for a in e.actors] == ["North Korea"] and e.date.value == "2020-01"


def test_a_name_the_trigger_starts_inside_is_its_subject() -> None:
    e = kinds("Units of the North Korean armed forces had taken part in the fighting in "
              "Kursk.")["deployment"]
    assert e.actors and e.actors[0].country == "PRK"


def test_a_schedule_is_no_event_but_a_dated_start_of_one_is() -> None:
    assert "infrastructure" not in kinds("Air Baikal operates three flights a week between "
                                         "Irkutsk and Pyongyang.")
    assert kinds("Air Baikal launched three flights a week between Irkutsk and Pyongyang on "
                 "March 9.")["infrastructure"].status == "happened"


def test_a_modal_right_after_a_noun_trigger_makes_it_planned() -> None:
    assert kinds("The ferry services will be operated by a state company.")[
        "infrastructure"].status == "planned"


def test_troops_sent_a_long_way_after_the_verb_are_still_sent() -> None:
    e = kinds("Pyongyang is expected to send to Russia a further 5,000 to 8,000 troops.")
    assert e["deployment"].status == "planned" and "visit" not in e


def test_a_vehicle_arriving_is_no_visit_and_travel_by_train_no_link() -> None:
    found = kinds("The first train that left Khasan on March 2 arrived in Vladivostok on "
                  "March 4.")
    assert "visit" not in found and found["infrastructure"].date.value == "2022-03-04"
    found = kinds("Kim Jong Un arrived in Vladivostok by train on Wednesday.")
    assert "infrastructure" not in found and "visit" in found


def test_a_plain_said_dated_by_the_opening_phrase_is_a_statement() -> None:
    e = kinds("On Monday, Sergei Lavrov said the sanctions had failed.")["statement"]
    assert e.date.value == "2022-03-07" and [a.name for a in e.actors] == ["Sergei Lavrov"]
    assert "statement" not in kinds("Sergei Lavrov said the sanctions had failed.")


def test_a_document_signed_long_ago_after_a_modal_was_signed() -> None:
    e = kinds("Sergei Lavrov said the new pact would replace the Treaty of Friendship between "
              "Moscow and Pyongyang signed in 1961.")
    assert e["agreement"].status == "happened" and e["agreement"].date.value == "1961"
    assert e["statement"].date is None or e["statement"].date.value != "1961"
    assert kinds("Sergei Lavrov said a treaty between Moscow and Pyongyang will be signed in "
                 "April.")["agreement"].status == "planned"


def test_exchanging_ratification_documents_is_no_ratification() -> None:
    found = kinds("The treaty will take effect when both sides exchange ratification documents.")
    assert "ratification" not in found and found["entry_into_force"].status == "planned"


def test_talk_of_ties_is_no_event_but_doing_something_about_them_is() -> None:
    assert "trade" not in kinds("What little trade persists between the two states is in oil.")
    assert "military" not in kinds("The two sides keep deepening their defence ties.")
    assert "trade" in kinds("The two sides set up a business council to expand trade.")
    assert "trade" in kinds("Trade between the two states fell by 40 percent.")


def test_did_the_same_repeats_the_action_with_its_own_subject_and_date() -> None:
    found = events_of(CONTEXT + "The State Duma approved the treaty on March 2, and the "
                      "Federation Council did the same on March 4.", "2022-03-10")
    told = sorted((e.date.value, e.actors[0].name) for e in found if e.action == "ratification")
    assert told == [("2022-03-02", "State Duma"), ("2022-03-04", "Federation Council")]


def test_meeting_someone_named_and_yet_to_meet() -> None:
    planned = kinds("Vladimir Putin will meet Kim Jong Un in Moscow next month.")["meeting"]
    assert planned.status == "planned" and planned.date.value == "2022-04"
    assert kinds("Xi Jinping has yet to meet Kim Jong Un.")["meeting"].status == "denied"
    assert "meeting" not in kinds("The new railway will meet the demand for freight.")


def test_what_was_agreed_to_is_planned() -> None:
    assert kinds("Russia and North Korea agreed to open a ferry route across the sea.")[
        "infrastructure"].status == "planned"


def test_a_perfect_since_a_later_day_began_last_year() -> None:
    e = kinds("North Korea has sent engineers and troops to Russia since August 1.",
              "2022-07-20")
    assert e["deployment"].date.value == "2021-08-01" and e["deployment"].status == "happened"


def test_the_outlet_that_reports_an_act_is_no_statement_of_the_doer() -> None:
    found = kinds("Kim Jong Un inspected a new ferry on Thursday, KCNA said on Friday.")
    assert "statement" not in found


def test_what_reports_or_rumours_say_is_reported() -> None:
    e = kinds("The Kremlin declined to comment on reports that North Korean troops were in "
              "Russia.")
    assert e["deployment"].status == "reported"


def test_air_defence_systems_and_roadmaps() -> None:
    assert kinds("Russia has supplied air defence systems to North Korea, officials said.")[
        "arms"].actors[0].name == "Russia"
    assert "agreement" in kinds("Russia and North Korea signed a roadmap for trade on Monday.")


def test_an_accusation_is_a_statement_and_what_it_alleges_is_reported() -> None:
    e = kinds("Japan and South Korea accused North Korea of supplying shells to Russia.")
    assert e["statement"].status == "happened"
    assert {a.name for a in e["statement"].actors} == {"Japan", "South Korea"}
    assert e["arms"].status == "reported" and e["arms"].actors[0].name == "North Korea"


def test_who_confirms_or_reports_a_visit_takes_no_part_in_it() -> None:
    e = kinds("Kim Jong Un's visit to Moscow for the Victory Day parade was confirmed by the "
              "Kremlin on Monday.", "2025-06-13")
    assert [t.name for t in e["visit"].targets] == ["Russia"]
    assert e["statement"].date.value == "2025-06-09"  # the confirming's day, not the parade's
    lavrov = kinds("Sergei Lavrov arrived in Pyongyang late Thursday on a two-day visit, "
                   "Russian news agencies said.", "2025-06-13")["visit"]
    assert [t.name for t in lavrov.targets] == ["North Korea"]


def test_consultations_held_are_a_meeting() -> None:
    e = kinds("Moscow and Pyongyang held consultations on regional security in Moscow on "
              "Tuesday.")["meeting"]
    assert {a.name for a in e.actors} == {"Russia", "North Korea"} and e.place == "Moscow"
