"""Whose date a date is: asides, other occasions, and invitations told of a meeting."""

from __future__ import annotations

from index.events.dates import better_stated, event_date
from tests.index.events.test_events import events_of, only


def test_a_date_in_a_participle_aside_dates_the_aside_not_the_sentence() -> None:
    e = only(events_of("The ferry line, closed in March 2012 for repairs, reopened after "
                       "Moscow and Pyongyang signed an accord.", "2016-05-02"), "agreement")
    assert e.date is None or e.date.value != "2012-03"


def test_an_aside_right_after_its_noun_describes_the_noun() -> None:
    e = only(events_of("The accord, signed by Sergei Lavrov and Ri Yong-ho in May 2016, "
                       "calls on both sides to consult.", "2016-09-02"), "agreement")
    assert e.date is not None and e.date.value == "2016-05"


def test_the_verb_after_a_relative_clause_keeps_its_own_date() -> None:
    e = only(events_of("The Japanese government, which had protested the launch of 3,000 "
                       "rockets earlier, condemned the test on Monday.", "2016-09-07"),
             "statement")
    assert e.date is not None and e.date.value == "2016-09-05"


def test_a_date_of_another_occasion_after_following_is_not_the_events() -> None:
    e = only(events_of("Sergei Lavrov also invited Ri Yong-ho to visit Moscow, following on "
                       "from the minister's last visit to Russia in 2014.", "2016-09-02"),
             "invitation")
    assert e.date is None or e.date.value != "2014"


def test_an_undated_invitation_is_dated_by_the_meeting_of_the_two() -> None:
    events = events_of("Sergei Lavrov met Ri Yong-ho in Vladivostok on Tuesday.\n\n"
                       "Lavrov also invited Ri Yong-ho to visit Moscow.", "2016-09-08")
    e = only(events, "invitation")
    assert e.date is not None and e.date.value == "2016-09-06"
    assert e.date.basis == "context"


def test_an_invitation_with_two_possible_occasions_stays_undated() -> None:
    events = events_of("Sergei Lavrov met Ri Yong-ho in Vladivostok on Tuesday.\n\n"
                       "Lavrov and Ri Yong-ho met again in Moscow on Thursday.\n\n"
                       "Lavrov also invited Ri Yong-ho to visit Sochi.", "2016-09-09")
    assert only(events, "invitation").date is None


def test_during_his_stay_dates_by_the_stay_told_before() -> None:
    events = events_of("Ri Yong-ho paid a visit to Russia in April 2016. During his stay in "
                       "Vladivostok, Ri Yong-ho invited Sergei Lavrov to Pyongyang.",
                       "2016-09-09")
    e = only(events, "invitation")
    assert e.date is not None and e.date.value == "2016-04"


def test_a_later_sentence_about_the_same_event_is_cited_with_it() -> None:
    events = events_of("Sergei Lavrov and Ri Yong-ho signed a treaty in Moscow.\n\n"
                       "The treaty, signed on Tuesday, commits both sides to consult.",
                       "2016-09-08")
    e = only(events, "agreement")
    assert len(e.evidence) == 2  # both sentences tell the signing
    assert e.date is not None and e.date.value == "2016-09-06"


def test_a_document_signed_on_another_date_is_another_signing() -> None:
    events = events_of("Sergei Lavrov signed the treaty into law on Saturday.\n\n"
                       "The accord, signed by Lavrov and Ri Yong-ho in May, calls for "
                       "consultations.", "2016-09-12")
    dates = sorted((e.action, e.date.value) for e in events
                   if e.action in ("agreement", "ratification") and e.date)
    # Signing a treaty into law is ratifying it; the accord's signing in May is another event.
    assert dates == [("agreement", "2016-05"), ("ratification", "2016-09-10")]


def test_a_reference_that_says_who_gives_the_event_its_doers() -> None:
    events = events_of("Kim emphasized Pyongyang's commitment to the 2016 agreement signed with "
                       "Moscow.\n\n"
                       "That treaty, signed by Sergei Lavrov on May 4, 2016, calls for "
                       "consultations.", "2016-09-12")
    e = only(events, "agreement")
    assert [a.name for a in e.actors] == ["Sergei Lavrov"]
    assert e.date is not None and e.date.value == "2016-05-04"


def test_an_article_without_a_year_gives_its_days_without_one() -> None:
    events = events_of("On September 13, a delegation led by Sergei Shoigu visited Pyongyang.",
                       None)
    d = only(events, "visit").date
    assert d is not None and d.value == "XXXX-09-13" and d.start is None


def test_a_day_of_no_year_answers_no_question_about_a_year() -> None:
    from index.engine.event_search import overlaps
    from index.events.timerange import parse_time_range
    e = only(events_of("On September 13, Sergei Shoigu visited Pyongyang.", None), "visit")
    tr = parse_time_range("2023")
    assert tr is not None and not overlaps(e, tr)


def test_a_sentence_taking_up_the_words_of_the_one_before_takes_its_date() -> None:
    events = events_of("The pact of Russia and North Korea took effect on March 3, when the "
                       "border crossing permits were exchanged.\n\nThe protocol on exchanging "
                       "the crossing permits was signed "
                       "by Sergei Lavrov and Ri Yong-ho.", "2016-03-05")
    e = only(events, "agreement")
    assert e.date is not None and e.date.value == "2016-03-03" and e.date.basis == "anaphoric"


def test_a_sentence_sharing_only_common_words_keeps_no_date() -> None:
    events = events_of("The treaty between the two countries took effect on March 3.\n\n"
                       "A protocol on fishing quotas was signed by Sergei Lavrov and Ri Yong-ho.",
                       "2016-03-05")
    assert only(events, "agreement").date is None


def test_an_event_dated_only_by_its_report_happened_by_then() -> None:
    e = only(events_of("Kim Jong-un met Sergei Shoigu in Pyongyang, state media reported "
                       "Saturday.", "2025-03-22"), "meeting")
    assert e.date is not None and (e.date.value, e.date.mod) == ("2025-03-22", "ON_OR_BEFORE")


def test_a_remark_reported_undated_is_dated_by_the_meeting_its_speaker_attended() -> None:
    events = events_of("Sergei Shoigu met Kim Jong-un in Pyongyang on Friday.\n\n"
                       "Shoigu, in turn, delivered a message from Vladimir Putin.", "2025-03-22")
    e = only(events, "statement")
    assert e.date is not None and e.date.value == "2025-03-21" and e.date.basis == "context"


def test_a_remark_of_one_who_attended_nothing_keeps_its_report_date() -> None:
    events = events_of("Sergei Shoigu met Kim Jong-un in Pyongyang on Friday.\n\n"
                       "Sergei Lavrov, in Moscow, delivered a message to the press.",
                       "2025-03-22")
    e = only(events, "statement")
    assert e.date is not None and e.date.mod == "ON_OR_BEFORE"


def test_a_dated_aside_dates_the_document_it_follows() -> None:
    e = only(events_of("The document signed by Vladimir Putin, dated November 9, ratifies the "
                       "treaty with North Korea.", "2024-11-10"), "ratification")
    assert e.date is not None and e.date.value == "2024-11-09"


def test_a_relative_clause_in_the_subject_keeps_its_date_to_itself() -> None:
    e = only(events_of("A cargo train that departed the Chinese capital last week arrived in "
                       "Ulan Bator on Wednesday after a long journey.", "2025-06-26"),
             "infrastructure")
    assert e.date is not None and e.date.value == "2025-06-25"
    assert "arrived" in e.evidence[0].trigger


def test_a_relative_clause_verb_is_the_event_when_no_main_verb_follows() -> None:
    e = only(events_of("The first train that departed from Beijing on June 17 had no "
                       "passengers on board.", "2025-06-26"), "infrastructure")
    assert e.date is not None and e.date.value == "2025-06-17"


def test_a_datelines_day_is_the_reports_the_event_happened_by_then() -> None:
    e = only(events_of("OSLO, March 4 (Reuters) - The pact between Russia and North Korea has "
                       "entered into force, the agency said.", "2023-03-04"), "entry_into_force")
    assert e.date is not None and e.date.value == "2023-03-04"
    assert e.date.mod == "ON_OR_BEFORE" and e.date.basis == "report"


def test_a_date_the_sentence_states_beats_the_same_date_inferred() -> None:
    stated, inferred = event_date("2024-12-04", "explicit"), event_date("2024-12-04", "anaphoric")
    assert better_stated(stated, inferred) and not better_stated(inferred, stated)
    assert better_stated(event_date("2024-12-04", "anaphoric"), event_date("2024-12", "explicit"))


def test_a_date_in_a_clause_after_after_is_that_clauses() -> None:
    events = events_of("Russia and North Korea have grown closer. The resumption of the ferry "
                       "services came about a year after the two countries signed a defence "
                       "pact during a summit in Pyongyang in May 2019.", "2020-06-02")
    link = only(events, "infrastructure")
    assert link.date is None or link.date.value != "2019-05"
    assert only(events, "agreement").date.value == "2019-05"


def test_a_month_the_events_own_past_verb_names_is_not_after_the_story() -> None:
    assert only(events_of("Kim Jong Un visited Moscow in May.", "2025-04-28"),
                "visit").date.value == "2024-05"
    assert only(events_of("Kim Jong Un will visit Moscow in May.", "2025-04-28"),
                "visit").date.value == "2025-05"
    # A past verb governing a noun trigger places it too; a verb of planning does not.
    held = only(events_of("Russia and North Korea held their first joint drills in August.",
                          "2025-06-13"), "exercise")
    assert held.date.value == "2024-08" and held.status == "happened"
    assert only(events_of("Russia and North Korea planned joint drills in August.",
                          "2025-06-13"), "exercise").date.value == "2025-08"


def test_the_train_one_travels_aboard_is_no_transport_link() -> None:
    events = events_of("Kim Jong Un arrived in Khabarovsk on Tuesday aboard his armoured "
                       "train.", "2025-06-13")
    assert [e.action for e in events] == ["visit"]
    assert [e.action for e in events_of("Russia and North Korea resumed passenger trains on "
                                        "Monday.", "2025-06-13")] == ["infrastructure"]


def test_a_clause_takes_no_date_from_a_later_clause_with_its_own_event() -> None:
    events = events_of("Russia and North Korea have grown closer. The State Duma approved the "
                       "treaty, and the Federation Council did the same on March 4.",
                       "2022-03-10")
    duma = [e for e in events if e.actors and e.actors[0].name == "State Duma"]
    assert duma and duma[0].date is None


def test_a_sentence_opening_with_its_own_time_leaves_the_paragraph_date() -> None:
    events = events_of("Last year, Russian officials visited Pyongyang twice. In the coming "
                       "months, Vladimir Putin will meet Kim Jong Un.", "2015-03-01")
    meeting = only(events, "meeting")
    assert meeting.status == "planned" and meeting.date is None


def test_a_past_verb_puts_a_later_day_of_the_month_last_year() -> None:
    launched = only(events_of("Russia and North Korea launched a ferry service between the "
                              "ports on June 17.", "2025-06-13"), "infrastructure")
    assert launched.date.value == "2024-06-17" and launched.status == "happened"
    scheduled = only(events_of("Russia and North Korea have grown closer. The ferry service "
                               "between the two countries is scheduled to start on June 17.",
                               "2025-06-13"), "infrastructure")
    assert scheduled.date.value == "2025-06-17"
