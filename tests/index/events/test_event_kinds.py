"""The kinds of events this field reports, each on sentences written for the test, with the
cases that must not become events (a sender, a host, a commentator, a conditional, a denial)."""

from __future__ import annotations

import pytest

from index.events.model import Event
from tests.index.events.test_events import events_of

CONTEXT = "Russia and North Korea have grown closer. "


def kinds(body: str, date: str | None = "2022-03-10") -> dict[str, Event]:
    """The events of ``body``, in an article that has named the two states first."""
    return {e.action: e for e in events_of(CONTEXT + body, date)}


@pytest.mark.parametrize(("sentence", "action"), [
    ("The State Duma ratified the defence pact on March 8.", "ratification"),
    ("President Putin signed into law the accord on cooperation on March 9.", "ratification"),
    ("Russia's upper house approved the treaty on March 9.", "ratification"),
    ("The agreement came into force on March 9.", "entry_into_force"),
    ("The treaty took effect on March 9 when both sides exchanged instruments.",
     "entry_into_force"),
    ("North Korea has deployed troops to the border region, officials said.", "deployment"),
    ("North Korea sent about 3,000 soldiers to Russia in February.", "deployment"),
    ("Pyongyang supplied artillery shells to Moscow last year.", "arms"),
    ("The two navies held joint naval exercises in the Sea of Japan on March 2.", "exercise"),
    ("Russia vetoed a Security Council resolution on March 9.", "sanctions"),
    ("The two railways resumed passenger trains between the capitals on March 1.",
     "infrastructure"),
    ("The first direct flight from Moscow to Pyongyang departed on March 4.", "infrastructure"),
    ("Foreign Minister Sergei Lavrov left North Korea on March 9.", "visit"),
    ("The Kremlin confirmed on Tuesday that the minister had travelled to Pyongyang.",
     "statement"),
])
def test_each_kind_of_event_is_found(sentence: str, action: str) -> None:
    assert action in kinds(sentence)


def test_a_passive_signing_is_an_agreement_with_its_signers() -> None:
    e = kinds("The protocol was signed by Deputy Foreign Minister Andrei Rudenko on March 3.")
    assert "agreement" in e and e["agreement"].date.value == "2022-03-03"


def test_a_funding_remark_about_a_railway_is_no_transport_event() -> None:
    assert "infrastructure" not in kinds("The minister said the money could fund a railway.")


def test_troops_sent_are_a_deployment_not_a_visit() -> None:
    found = kinds("North Korea sent 12,000 troops to Russia in October.")
    assert "deployment" in found and "visit" not in found


def test_a_possible_visit_is_planned_never_happened() -> None:
    found = kinds("Talks focused on Putin's possible visit to Pyongyang.")
    assert all(e.status != "happened" for e in found.values())


def test_a_conditional_states_no_event() -> None:
    assert kinds("If Kim travels to Moscow, he will meet Putin.") == {}


def test_the_parties_of_a_treaty_taking_effect_are_the_two_states() -> None:
    e = kinds("The agreement came into force on March 9.")["entry_into_force"]
    assert {a.name for a in e.actors} == {"Russia", "North Korea"}
    assert e.date.value == "2022-03-09" and e.status == "happened"


def test_the_signers_named_in_an_aside_do_not_take_effect_their_states_do() -> None:
    e = kinds("The pact, signed by Russian Deputy Minister Ivan Zubov and North Korean Vice "
              "Minister Pak Chol-su in May, came into force on Monday.")["entry_into_force"]
    assert {a.name for a in e.actors} == {"Russia", "North Korea"}
    assert e.summary.startswith("Entry into force for ")


def test_a_denial_is_denied() -> None:
    e = kinds("Moscow denied that it had sent weapons to Pyongyang.")
    assert all(x.status == "denied" for x in e.values() if x.action != "statement")


def test_a_reporter_is_not_the_visitor_but_speaks_the_statement() -> None:
    found = kinds("Kim Jong Un will visit Vladivostok on March 20, the Kremlin confirmed on "
                  "Tuesday.")
    assert {a.name for a in found["visit"].actors} == {"Kim Jong-un"}
    assert found["statement"].actors[0].name != "Kim Jong-un"


def test_the_envoy_visits_not_the_sender_and_the_host_is_visited() -> None:
    found = kinds("Moscow sent Deputy Prime Minister Yuri Trutnev to Pyongyang in April.")
    assert [a.name for a in found["visit"].actors] == ["Yuri Trutnev"]
    assert "sent" in found["visit"].evidence[0].trigger  # the citation still says who sent
    hosted = kinds("Putin hosted Kim Jong Un in Vladivostok on March 1.")
    assert [a.name for a in hosted["visit"].actors] == ["Kim Jong-un"]


def test_a_commentator_inside_a_quotation_makes_no_event() -> None:
    found = kinds("“A visit to Moscow would help relations,” an analyst said.")
    assert "visit" not in found


def test_a_visit_in_a_prepositional_phrase_is_background() -> None:
    found = kinds("The two sides signed the protocol during Putin's visit to Pyongyang.")
    assert "agreement" in found and "visit" not in found


def test_being_met_on_arrival_is_no_meeting() -> None:
    assert "meeting" not in kinds("On arrival the diplomats were met by colleagues.")


def test_the_date_of_a_report_is_not_the_date_of_what_it_reports() -> None:
    # 2022-03-10 is a Thursday: Monday is the 7th, Wednesday the 9th.
    found = kinds("Kim Jong Un met Sergei Shoigu in Pyongyang on Monday, state media reported "
                  "on Wednesday.")
    assert found["meeting"].date.value == "2022-03-07"


def test_a_report_date_is_the_last_resort_for_what_it_reports() -> None:
    found = kinds("North Korean troops have been deployed to Russia, officials said Wednesday.")
    assert found["deployment"].date.value == "2022-03-09"


def test_an_undated_statement_is_dated_by_its_report() -> None:
    e = kinds("Foreign Minister Sergei Lavrov condemned the missile launch.")["statement"]
    assert e.date.value == "2022-03-10" and e.date.mod == "ON_OR_BEFORE"
    assert e.date.basis == "report"


def test_a_protocol_of_exchange_signed_is_a_signing_and_the_exchange_itself() -> None:
    # Instruments of ratification are exchanged by signing a protocol of the exchange: its
    # signers exchanged them, and the treaty took effect.
    found = kinds("The protocol on exchanging the ratification instruments was signed by Deputy "
                  "Minister Ivan Zubov and Vice Minister Pak Chol Su, it said.")
    assert set(found) == {"agreement", "entry_into_force"}
    for action in found:
        assert {a.name for a in found[action].actors} == {"Ivan Zubov", "Pak Chol Su"}


def test_talks_on_an_action_are_not_that_action() -> None:
    assert "infrastructure" not in kinds(
        "The ministers signed an agreement on resuming direct flights on March 3.")


def test_who_announces_a_visit_is_neither_visitor_nor_host() -> None:
    found = kinds("President Ivan Zubov will visit North Korea on March 18, the Kremlin "
                  "announced on Monday.")
    visit, statement = found["visit"], found["statement"]
    assert [a.name for a in visit.targets] == ["North Korea"]
    assert visit.status == "planned"
    # The announcing was done: "will" belongs to what was announced.
    assert statement.status == "happened" and [a.name for a in statement.actors] == ["Kremlin"]


def test_a_treaty_named_after_its_protocol_is_a_new_signing() -> None:
    found = events_of(CONTEXT + "A protocol was signed by Deputy Minister Ivan Zubov on March 4. "
                      "The treaty was signed in Pyongyang on June 19, 2021.", "2022-03-10")
    dates = sorted(e.date.value for e in found if e.action == "agreement" and e.date)
    assert dates == ["2021-06-19", "2022-03-04"]


def test_a_possessive_visit_refers_back_and_an_ordinal_one_is_new() -> None:
    back = events_of("Minister Ivan Zubov visited Pyongyang on March 4. Zubov's visit also "
                     "comes as Seoul swears in a new president.", "2022-03-10")
    assert len([e for e in back if e.action == "visit"]) == 1
    second = events_of("Minister Ivan Zubov visited Pyongyang on March 4. It marks Zubov's "
                       "second visit to Pyongyang in two months.", "2022-03-10")
    assert len([e for e in second if e.action == "visit"]) == 2


def test_what_has_happened_is_dated_by_the_report_and_since_gives_its_start() -> None:
    flights = kinds("Russia has inaugurated regular flights between Moscow and Pyongyang.")
    d = flights["infrastructure"].date
    assert d is not None and (d.value, d.mod) == ("2022-03-10", "ON_OR_BEFORE")
    troops = kinds("North Korea has sent about 9,000 troops to Russia since last year.")
    assert troops["deployment"].date is not None
    assert troops["deployment"].date.value == "2021"


def test_it_marks_a_visit_takes_the_date_of_the_visit_just_told() -> None:
    found = events_of("Minister Ivan Zubov held talks with Kim Jong Un in Pyongyang on Tuesday. "
                      "It marks Zubov's second visit to North Korea this month.", "2022-03-10")
    visit = next(e for e in found if e.action == "visit")
    assert visit.date is not None and visit.date.value == "2022-03-08"


def test_who_comments_on_an_event_does_not_do_it() -> None:
    found = kinds("Prime Minister Ivan Zubov said the bridge construction marks a new stage.")
    assert "Ivan Zubov" not in {a.name for k, e in found.items() if k != "statement"
                                for a in e.actors}
    # He made a statement about it.
    assert [a.name for a in found["statement"].actors] == ["Ivan Zubov"]


def test_a_statement_made_is_not_planned_by_the_date_it_speaks_of() -> None:
    # What was announced lies ahead; the announcing was done, on the report's day at the latest.
    found = kinds("Chancellor Anna Berg announced she will not attend the parade on May 9.")
    statement = found["statement"]
    assert statement.status == "happened"
    assert statement.date is not None and statement.date.value == "2022-03-10"


def test_a_vague_future_with_nobody_doing_it_is_no_event() -> None:
    assert "agreement" not in kinds("A trilateral agreement would include Russia and North Korea.")


def test_it_will_be_the_first_trip_is_the_invited_visit_not_another() -> None:
    found = events_of("President Ivan Zubov invited Kim Jong-un to Moscow in May. It will be the "
                      "first international trip for Kim Jong-un since he took over in 2011.",
                      "2022-03-10")
    assert [e.action for e in found] == ["invitation"]


@pytest.mark.parametrize("sentence", [
    "Vice Minister Pak Chol Su was seen in Vladivostok on Sunday, March 6.",
    "Minister Ivan Zubov has been in Wonsan since Friday.",
])
def test_being_somewhere_abroad_is_a_visit(sentence: str) -> None:
    assert "visit" in kinds(sentence)


def test_a_comment_on_an_event_told_before_is_a_statement() -> None:
    from tests.index.events.test_events import events_of
    said = events_of("Sergei Lavrov said the visit marked a new stage in relations.",
                     "2016-05-01")
    assert [(e.action, e.actors[0].name) for e in said] == [("statement", "Sergei Lavrov")]
    # What is said with its own subject is that event, told by him; a plain remark is nothing.
    told = events_of("Sergei Lavrov said Russia and North Korea signed a treaty in Moscow.",
                     "2016-05-01")
    assert [e.action for e in told] == ["agreement"]
    assert events_of("Sergei Lavrov said the weather was fine.", "2016-05-01") == []


def test_what_is_speculation_is_no_event_nor_plan() -> None:
    from tests.index.events.test_events import events_of
    guessed = events_of("The anniversary has fueled speculation that Kim Jong-un may visit "
                        "Moscow for a summit with Vladimir Putin.", "2025-06-17")
    assert [e.action for e in guessed if e.action in ("visit", "meeting")] == []
    # A plan that someone states stays a plan.
    planned = events_of("Kim Jong-un will visit Moscow next month, the Kremlin said on Monday.",
                        "2025-06-17")
    assert [e.status for e in planned if e.action == "visit"] == ["planned"]


def test_a_statement_not_made_or_made_often_is_no_event() -> None:
    from tests.index.events.test_events import events_of
    for body in ("Russia has not confirmed the presence of the troops.",
                 "Ukraine has often claimed that Pyongyang supplied artillery shells."):
        assert [e for e in events_of(body, "2024-10-29") if e.action == "statement"] == []
    made = events_of("Russia confirmed on Monday that the troops are in Kursk.", "2024-10-29")
    assert [e.action for e in made] == ["statement"]


def test_an_open_question_or_a_doubt_states_no_event() -> None:
    from tests.index.events.test_events import events_of
    asked = events_of("No one confirmed whether any new agreements were signed by Sergei "
                      "Shoigu and Kim Jong-un.", "2025-03-21")
    assert [e for e in asked if e.action == "agreement"] == []
    doubt = events_of("It is highly unlikely that Kim Jong-un visited Moscow.", "2025-03-21")
    assert [e for e in doubt if e.action == "visit"] == []
    # The doubt is its own part of the sentence; what follows the comma still happened.
    told = events_of("While no one confirmed whether any agreements were signed, Sergei Shoigu "
                     "left Pyongyang on Friday.", "2025-03-22")
    assert [e.action for e in told] == ["visit"]


def test_a_comment_said_of_someone_is_a_statement_of_the_speaker() -> None:
    from tests.index.events.test_events import events_of
    found = events_of("“They are already there,” Pentagon spokesman Major General Pat Ryder "
                      "said of North Korean troops.", "2024-10-29")
    (e,) = [e for e in found if e.action == "statement"]
    assert [a.name for a in e.actors] == ["Pat Ryder"]  # not the troops spoken of
    assert [t.name for t in e.targets] == ["North Korean troops"]


def test_ranks_and_diplomatic_grades_are_titles_before_a_name() -> None:
    from index.names.actors import find_mentions
    found = find_mentions("Pentagon spokesman Major General Ivan Petrov said so, and Counsellor "
                          "Oleg Sidorov agreed.")
    assert [(m.name, m.kind) for m in found] == [("Ivan Petrov", "person"),
                                                 ("Oleg Sidorov", "person")]


def test_more_ways_of_telling_visits_deployments_and_links() -> None:
    from tests.index.events.test_events import events_of

    def acts(body: str) -> list[str]:
        return [e.action for e in events_of(body, "2025-07-12")]
    assert acts("Sergei Lavrov will pay a friendly state visit to the DPRK next week.") == \
        ["visit"]
    stay = events_of("Lavrov has been in the eastern North Korean city since Friday.",
                     "2025-07-12")
    assert [(e.action, e.date.value if e.date else None) for e in stay] == \
        [("visit", "2025-07-11")]
    assert acts("Sergei Lavrov has been in talks with Choe Son Hui.") == ["meeting"]
    assert "deployment" in acts("Around 10,000 North Korean troops are currently in Russia.")
    assert "infrastructure" in acts("Another railway route connecting the Tumen River to Khasan "
                                    "in Russia resumed operations.")


def test_a_comment_on_an_event_is_about_where_that_event_is() -> None:
    from tests.index.events.test_events import events_of
    found = events_of("Russia and North Korea started building a road bridge across the Tumen "
                      "River.\n\nPrime Minister Mikhail Mishustin said the bridge construction "
                      "shows the desire of Moscow and Pyongyang to grow closer.", "2025-05-01")
    (said,) = [e for e in found if e.action == "statement"]
    # Not Moscow, named in what he said: the bridge's river.
    assert said.place == "Tumen River"


def test_what_a_document_provides_for_is_no_event() -> None:
    from tests.index.events.test_events import events_of
    found = events_of("The accord, signed by Sergei Lavrov and Ri Yong-ho in May, calls on each "
                      "side to come to the other's aid in case of an armed attack.", "2016-09-01")
    assert [e.action for e in found] == ["agreement"]  # the signing, not the aid it promises
    assert events_of("The treaty sets out tasks in the fields of politics, trade and investment "
                     "between the two countries.", "2016-09-01") == []


def test_a_link_between_the_two_states_has_both_at_its_ends() -> None:
    from tests.index.events.test_events import events_of
    found = events_of("Russia and North Korea agreed to restore rail traffic.\n\nThe first train "
                      "that departed from Pyongyang on June 17 had no passengers.", "2025-06-26")
    (link,) = [e for e in found if e.action == "infrastructure"
               and e.evidence[0].passage_id.endswith(":p2")]
    names = {a.name for a in (*link.actors, *link.targets)}
    assert {"Russia", "North Korea"} <= names


def test_thanks_to_is_because_of_not_thanking() -> None:
    from tests.index.events.test_events import events_of
    assert events_of("Russia has lost support in the international community thanks to its "
                     "policies.", "2015-03-01") == []
    (e,) = events_of("Vladimir Putin thanks Kim Jong-un for the troops.", "2025-04-28")
    assert e.action == "statement"

