"""Extracting events from an article's sentences: action, who, whom, where, when, status.

Rules over the clause a trigger sits in, using the time tagger for dates and the actor recognizer
for participants. Dates come from the clause itself; a date is carried over from earlier text
only when the text refers back ("After that trip …" → after the trip's date) or when the
paragraph opened with a framing date ("In 2014, …") that the sentence continues.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.corpus.passages import ArticlePassages
from index.events.annotate import Sentence, annotate
from index.events.clause_dates import (
    SINCE,
    clause_date,
    date_of,
    echoed_date,
    placed_by_tense,
)
from index.events.clauses import (
    SAME,
    frames,
    in_quotation,
    is_heading,
    is_invited_visit,
    is_means,
    judged_objects,
    judges_beside,
    split_clauses,
    triggers_in,
    yields,
)
from index.events.dates import compatible, event_date, more_specific
from index.events.lexicon import lexicon
from index.events.model import Event, Mentioned
from index.events.parties import the_two
from index.events.places import date_by_occasion, date_talks, place_visits
from index.events.roles import assign, country_actor, is_state
from index.events.status import (
    clause_status,
    is_background,
    is_habitual,
    is_speculation,
    is_talk_of_ties,
    is_unsaid,
)
from index.events.summary import summarize
from index.models import EventDate, Span

# "After that trip …", "Following the visit, …": the event is dated relative to the last one.
_BACK_REF = re.compile(r"^\W*(?P<rel>after|following|during|since|before|at)\s+"
                       r"(?:that|this|the|his|her|their)\s+"
                       r"(?:trip|visit|meeting|talks|summit|event|visits|announcement|stay)\b",
                       re.I)
# A trigger noun after a definite determiner names an event told before ("the planned visit").
# "Shoigu's visit" too: a possessive name is as definite as "his visit".
_DEFINITE = re.compile(r"(?:\b(?i:the|this|these|those|such|his|her|its|their)\s+"
                       r"(?:[\w-]+\s+){0,3}|\b(?i:that)\s+|\b[A-Z][\w-]*[’']s\s+(?:[\w-]+\s+){0,2})$")
_VERB_BEFORE = re.compile(r"\b(?:would|will|to|could|should|can|may|might|did|does|do|not)\s+$",
                          re.I)
_AGAIN = re.compile(r"\b(?:again|another|once more|a second|a new|second|third|fourth|fifth|"
                    r"\d+(?:st|nd|rd|th))\b", re.I)
# The present perfect right before a trigger: "has inaugurated", "have now resumed".
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:also|now|already|just|recently|officially|"
                      r"finally|reportedly|allegedly)\s+)?(?:been\s+)?$", re.I)
# The present progressive right before a trigger: "Shoigu is visiting North Korea".
_PROGRESSIVE = re.compile(r"\b(?:is|are)\s+(?:(?:now|currently|also|still)\s+)?$", re.I)
# "This marks …", "It was his second visit …": the clause describes the event just told.
_MARKS = re.compile(r"^\W*(?:this|it|that)\s+(?:also\s+)?(?:marks|marked|is|was|will be|"
                    r"represents|represented|becomes|became)\b", re.I)
# Actions told together of one occasion: a visit and the talks held during it.
_KIN = {"visit": {"visit", "meeting"}, "meeting": {"visit", "meeting"}}
_ONCE_MORE = re.compile(r"\b(?:again|once more)\b", re.I)
_FIRST = re.compile(r"\bfor the first time\b|\bfirst (?:meeting|visit|summit|trip|talks)\b",
                    re.I)
_FIGURE = re.compile(r"\$\s?\d[\d,.]*(?:\s*(?:billion|million|trillion|bn|m)\b)?"
                     r"|\b\d[\d,.]*\s?(?:%|percent\b|per cent\b)")
# A following sentence that continues the same event ("this action", "the remaining $1.09
# billion") is quoted with it.
_CONTINUES = re.compile(r"\b(?:this|that|the) (?:action|move|decision|step|deal|visit|trip|"
                        r"agreement|write-off)\b|\bthe remaining\b", re.I)
_NOUN_TRIGGER = re.compile(r"^(?:visit|visits|trip|trips|stay|stays|meeting|talks|summit|"
                           r"invitation|agreement|treaty|accord|pact|declaration|announcement|exercises|"
                           r"military exercises|drills|demands|proposal|shipments?|"
                           r"(?:road |railway |rail )?bridge(?: construction)?|construction)\b",
                           re.I)
# Being somewhere ("was in", "were seen in") is a visit of people, not of a state's forces.
# A vehicle as the subject of a verb of coming and going ("the first train that left Pyongyang
# arrived in Moscow").
_VEHICLE = re.compile(r"\b(?:trains?|flights?|planes?|aircraft|jets?|ships?|vessels?|ferry|"
                      r"ferries|bus|buses|trolley|railcar)\b(?:\s+(?:that|which)\b[^,;]*)?"
                      r"\s+(?:(?:has|had|have)\s+)?(?:also\s+)?$", re.I)
_SAID = re.compile(r"\b(?:said|says|told\s+(?:reporters|journalists))\b")
_BEING_IN = re.compile(r"(?:was|were|had been|has been|have been)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|I|my)\b")
# Abstract actions need someone doing them: "what little trade persists" is no event.
_NEEDS_ACTOR = {"trade", "military", "statement", "sanctions", "visit", "meeting", "deployment"}
# "during his visit", "after their summit": a noun trigger in a prepositional phrase refers to
# an event as background to another; it is no new event of its own.
_IN_PHRASE = re.compile(r"\b(?:during|after|before|at|following|since|ahead of|on|amid|"
                        r"despite|of|for|from|with|by)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
# Nouns that may name the same event or document when one refers back to the other ("signed a
# treaty … the agreement"); a protocol is not the treaty it implements.
_REFERS_ALIKE = (
    frozenset({"visit", "visits", "trip", "trips"}),
    frozenset({"meeting", "talks", "summit"}),
    frozenset({"agreement", "treaty", "accord", "pact", "deal"}),
)


def _same_noun(trigger: str, earlier: str) -> bool:
    """Whether a definite noun trigger ("the treaty") can refer to an earlier trigger's event."""
    noun = (re.findall(r"[\w-]+", trigger.lower()) or [""])[0]  # "treaty, signed" → "treaty"
    words = set(re.findall(r"[\w-]+", earlier.lower()))
    alike = next((c for c in _REFERS_ALIKE if noun in c), frozenset({noun}))
    return bool(words & alike) or not words & frozenset().union(*_REFERS_ALIKE, {"protocol",
                                                                                "memorandum"})


# "a protocol on exchanging the ratification instruments", "talks on resuming flights": a trigger
# in the complement of a document or talks noun is their topic, not an event of its own.
_TOPIC_OF = re.compile(r"\b(?:agreements?|treaty|treaties|protocols?|memorand(?:um|a)|accords?|"
                       r"deals?|pacts?|talks|negotiations|laws?|bills?|decrees?|documents?)"
                       r"\s+(?:on|about|concerning|regarding)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
_MAX_CONTINUATION = 2


def _quote(sents: list[Sentence], k: int) -> tuple[Span, list[Sentence]]:
    """The event sentence plus following sentences of the same passage that continue it."""
    s0 = sents[k]
    start, end = s0.span
    more = []
    j = k + 1
    while (j < len(sents) and j - k <= _MAX_CONTINUATION
           and sents[j].passage_idx == s0.passage_idx and _CONTINUES.search(sents[j].text)
           and not _BACK_REF.search(sents[j].text)):  # "After that trip, …" is the next event
        end = sents[j].span[1]
        more.append(sents[j])
        j += 1
    return (start, end), more


def extract_events(ap: ArticlePassages, sents: list[Sentence] | None = None) -> list[Event]:
    """Every event the article's sentences state, in reading order.

    ``sents`` is `annotate(ap)`, if the caller already has it.
    """
    sents = annotate(ap) if sents is None else sents
    passages = ap.passages
    dct = ap.article.meta.date
    events: list[Event] = []
    frame: tuple[int, EventDate] | None = None  # (passage index, date that opened the paragraph)
    last_date: EventDate | None = None
    per_passage: dict[str, int] = {}
    seen: set[str] = set()  # sentences already read, as words
    for k, sent in enumerate(sents):
        p = passages[sent.passage_idx]
        if frame is not None and frame[0] != sent.passage_idx:
            frame = None
        opening = next((t for t in sent.timexes if t.start <= 3), None)
        if opening is not None:
            # "In the coming months, …": a sentence opening with a time of its own, even one
            # with no calendar date, leaves the paragraph's earlier date behind.
            d = date_of(opening)
            frame = (sent.passage_idx, d) if d is not None else None
        if is_heading(sent, len(p.sentences)):
            continue
        words = " ".join(sent.text.split()).lower()
        if words in seen:
            continue  # a caption or pull quote repeated by the page is one account, not two
        seen.add(words)
        quote, continuation = _quote(sents, k)
        figures = tuple(m.group().strip() for m in _FIGURE.finditer(sent.text))
        clauses = split_clauses(sent.text)
        for ci, clause in enumerate(clauses):
            ctext = sent.text[clause[0]:clause[1]]
            if is_background(ctext, sent.text):
                continue
            taken: set[str] = set()
            candidates = []
            found = triggers_in(ctext)
            if ci > 0 and not found and (same := SAME.search(ctext)) and events and \
                    events[-1].evidence[0].sentence == sent.span:
                found = [(lexicon().get(events[-1].action), same, False)]
            if ci == 0 and opening is not None and not found:
                # "Last week, Zelensky said …": a plain "said" dated by the phrase opening the
                # sentence is a statement of that day, as "said on Monday" is (when it says no
                # event of its own).
                found += [(lexicon().get("statement"), m, False)
                          for m in _SAID.finditer(ctext, opening.end)][:1]
            # "External Economic Relations Minister Yun Jong Ho": a word of a title is no event.
            titles = [(m.start, m.end) for m in sent.mentions if m.kind == "person"]
            found = [f for f in found if not any(
                s <= clause[0] + f[1].start() and clause[0] + f[1].end() <= e for s, e in titles)]
            for action, trig, reverse in found:
                head = ctext[:trig.start()]
                # "It will be the first trip for Kim": a noun after "it is" names the event
                # just told, as a definite one does.
                definite = bool(_NOUN_TRIGGER.match(trig.group()) and (
                    _DEFINITE.search(head) or _MARKS.search(head))
                                and not _VERB_BEFORE.search(head))
                candidates.append((action, trig, reverse, definite))
            # Economic words and announcements often only describe another action of the
            # clause ("an economic delegation visited", "announced a visit").
            names = {a.name for a, _, _, definite in candidates if not definite}
            judged = judged_objects(ctext, candidates)
            judging = bool(judged) or judges_beside(ctext, candidates)
            for action, trig, reverse, definite in candidates:
                if action.name in taken:
                    continue
                if action.name == "visit" and any(
                        a.name == "deployment" and t.start() <= trig.start() < t.end()
                        for a, t, _, _ in candidates):
                    continue  # "send to Russia 5,000 troops": troops sent are no visitors
                if names - {action.name} and _TOPIC_OF.search(ctext[:trig.start()]):
                    continue
                if action.name == "infrastructure" and is_means(trig.group()):
                    continue  # "arrived aboard his armoured train": how one travelled
                if action.name == "visit" and "invitation" in names and \
                        is_invited_visit(ctext[:trig.start()]):
                    continue  # "invited Kim to visit Moscow": the invitation tells that visit
                if yields(action, names) and not (
                        action.name == "statement" and (frames(ctext, trig) or judging)):
                    continue
                if is_speculation(ctext, trig.start()) and not definite:
                    continue  # a reference to a known event in it still tells that event
                if action.name == "statement" and is_unsaid(ctext, trig.start()):
                    continue
                t0 = clause[0] + trig.start()
                date = clause_date(sent, clause, t0, statement=action.name == "statement",
                                   trigger_end=clause[0] + trig.end())
                if sent.text.lstrip()[:1] in "“\"" and not _FIRST_PERSON.search(sent.text) \
                        and in_quotation(sent.text, t0) and date is None:
                    # A quoted comment, not the speaker's own plan or deed; a quoted statement
                    # that dates what it tells ("“The treaty took effect on 4 December,” the
                    # agency said") still tells an event.
                    continue
                if date is None:
                    date = next((d for c in continuation for t in c.timexes
                                 if (d := date_of(t)) is not None), None)
                # "a second visit", "visited again"; not "a new president" elsewhere.
                again = bool(_AGAIN.search(ctext, max(0, trig.start() - 25), trig.start())
                             or _ONCE_MORE.search(ctext))
                previous = next((e for e in reversed(events) if e.action == action.name
                                 and e.evidence[0].doc_id == p.doc_id), None)
                if definite and previous is not None and \
                        not _same_noun(trig.group(), previous.evidence[0].trigger):
                    previous = None  # "the treaty" after "the protocol was signed"
                if definite and previous is not None and date is not None and \
                        previous.date is not None and not compatible(date, previous.date):
                    # "Putin signed the treaty into law on Saturday … The accord, signed in
                    # June": the document is the same, its signing another event.
                    previous = None
                if definite and previous is None and action.name == "visit":
                    # "Putin invited Kim to Moscow … It will be the first trip for Kim": the
                    # trip is the visit the invitation told of.
                    previous = next((e for e in reversed(events) if e.action == "invitation"
                                     and e.evidence[0].doc_id == p.doc_id), None)

                first = bool(_FIRST.search(ctext))
                if _NOUN_TRIGGER.match(trig.group()) and not again \
                        and _IN_PHRASE.search(ctext[:trig.start()]) \
                        and (previous is None or not definite) \
                        and (definite or names - {action.name}):
                    continue
                if definite and not again and previous is not None:
                    # A reference to an event told before: it may add a date, never a new event.
                    if previous.action != action.name:
                        continue  # the invited visit: the invitation keeps its own date
                    if first:
                        previous.first = True
                    if date is not None and (
                            previous.date is None or (compatible(date, previous.date)
                                                      and more_specific(date, previous.date))):
                        previous.date = date
                    if not previous.actors:
                        # "… the 2024 agreement signed with Moscow. That treaty, signed by Kim
                        # and Putin …": the later sentence says who.
                        roles = assign(sent.text, sent.mentions, clause,
                                       (t0, clause[0] + trig.end()), reverse, action,
                                       first_clause=ci == 0, pair=sent.pair)
                        if roles.actors:
                            previous.actors = roles.actors
                            previous.targets = roles.targets  # one account of who, not two
                            previous.summary = summarize(
                                action, previous.actors, previous.targets, previous.companions,
                                previous.place, previous.status)
                    said = events[-1] if events and events[-1].action == "statement" else None
                    if said is not None and said.place is None and previous.place and \
                            said.evidence[0].passage_id == p.passage_id and \
                            tuple(said.evidence[0].sentence) == tuple(sent.span):
                        # "Mishustin said the bridge construction marks …": the statement is
                        # about the bridge told before, and where it stands.
                        said.place = previous.place
                        said.summary = summarize(lexicon().get("statement"), said.actors,
                                                 said.targets, said.companions, said.place,
                                                 said.status)
                    if all(ev.sentence != sent.span for ev in previous.evidence):
                        # The sentence tells of the event too: it is cited with it.
                        previous.evidence.append(Mentioned(
                            p.passage_id, p.doc_id, quote, sent.span, trig.group(), figures,
                            previous.status, date or previous.date))
                    continue
                told = next((e.date for e in reversed(events) if e.date is not None
                             and e.action in _KIN.get(action.name, {action.name})), None)
                if told is not None and _MARKS.search(ctext) and not (
                        date is not None and compatible(date, told)
                        and more_specific(date, told)):
                    # "It marks Shoigu's second visit this month": "it" is the visit or talks
                    # just told, and its date is theirs ("this month" only narrows it).
                    date = replace(told, basis="anaphoric")
                if date is None and (ref := _BACK_REF.search(ctext)) and last_date is not None:
                    mod = {"after": "AFTER", "following": "AFTER", "since": "AFTER",
                           "before": "BEFORE"}.get(ref["rel"].lower())
                    date = replace(last_date, basis="anaphoric", mod=mod)
                if date is None and k > 0 and (told_before := echoed_date(
                        events, sents[k - 1], sent, passages)) is not None:
                    date = replace(told_before, basis="anaphoric")
                if date is None and frame is not None:
                    date = replace(frame[1], basis="context")
                perfect = bool(_PERFECT.search(ctext, max(0, trig.start() - 30), trig.start())
                               or re.match(r"(?:has|have) been\b", trig.group(), re.I))
                if date is None and perfect:
                    # "has sent troops since last year": it began then.
                    date = next((d for t in sent.timexes if clause[0] + trig.end() <= t.start
                                 < clause[1] and SINCE.search(sent.text[:t.start])
                                 and (d := date_of(t)) is not None), None)
                if date is None and dct and trig.group().lower().endswith("ing") \
                        and _PROGRESSIVE.search(ctext, max(0, trig.start() - 20), trig.start()):
                    # "Shoigu is visiting North Korea": under way on the article's day.
                    date = event_date(dct, "report")
                if date is None and dct and (action.name == "statement" or perfect):
                    # A statement the article reports without a date, or what it says "has"
                    # happened ("Russia has inaugurated flights"), is news of its day: it was
                    # done by then ("by 27 Apr 2025"), never dated more precisely.
                    date = event_date(dct, "report", "ON_OR_BEFORE")
                # "The US condemned the arms transfers": those who judge an act did not do it;
                # its doer is named after the verb ("the dispatch of troops by Pyongyang").
                own = (clause[0] + judged[id(trig)], clause[1]) if id(trig) in judged else clause
                roles = assign(sent.text, sent.mentions, own, (t0, clause[0] + trig.end()),
                               reverse, action, first_clause=ci == 0 or own != clause,
                               pair=sent.pair)
                actors, targets, companions = roles.actors, roles.targets, roles.companions
                if again and not (actors or targets) and previous is not None:
                    actors, targets = list(previous.actors), list(previous.targets)
                if not actors:
                    actors = the_two(ctext[:trig.start()], sents, k, sent.pair)
                if not (actors or targets or roles.place) and action.parties \
                        and len(sent.pair) == 2:
                    # "The treaty came into force": its parties are the two states the
                    # article is about.
                    actors = [a for a in (country_actor(c) for c in sent.pair) if a]
                elif action.name == "infrastructure" and len(sent.pair) == 2 and \
                        (actors or targets):
                    # "The first train that departed from Pyongyang": a link between the two
                    # states the article is about has both at its ends.
                    named = {a.country for a in (*actors, *targets)}
                    if named & set(sent.pair):
                        targets = targets + [a for c in sent.pair if c not in named
                                             and (a := country_actor(c)) is not None]
                if not (actors or targets or roles.place):
                    continue  # no participant: talk about relations, not an event
                if action.name in _NEEDS_ACTOR and not actors:
                    continue
                if action.name == "visit" and _BEING_IN.match(trig.group()) \
                        and all(is_state(a) for a in actors):
                    continue  # "North Korean forces were in Kursk": troops, not a visitor
                if action.name == "visit" and _VEHICLE.search(ctext, 0, trig.start()):
                    continue  # "the train arrived in Moscow": a journey, told as a link
                if is_habitual(ctext, date is not None) or is_talk_of_ties(
                        action.name, ctext, date is not None, bool(_FIGURE.search(ctext))):
                    continue  # "operates two flights per week", "trade persists"
                date = placed_by_tense(date, trig.group(), ctext[:trig.start()], dct, perfect)
                status = clause_status(ctext, trig.start(), date, dct, action.name, trig.end())
                if status == "planned" and date is not None and date.mod == "ON_OR_BEFORE":
                    # "Moscow will host Kim, the Kremlin said on Monday": a plan told on a day
                    # is to happen after it, on no day the text gives.
                    date = None
                if status == "planned" and not actors and date is None:
                    continue  # "a trilateral agreement would include …": talk, not a plan
                taken.add(action.name)
                per_passage[p.passage_id] = n = per_passage.get(p.passage_id, 0) + 1
                events.append(Event(
                    event_id=f"{p.passage_id}:e{n}", action=action.name, actors=actors,
                    targets=targets, companions=companions, place=roles.place, date=date,
                    status=status,
                    summary=summarize(action, actors, targets, companions, roles.place, status),
                    confidence=_confidence(date, actors, targets),
                    evidence=[Mentioned(p.passage_id, p.doc_id, quote, sent.span, trig.group(),
                                        figures, status, date)], first=first))
                if date is not None:
                    last_date = date
    place_visits(events)
    date_talks(events)
    date_by_occasion(events)
    return events


def _confidence(date: EventDate | None, actors: list, targets: list) -> float:
    score = 0.4 + (0.2 if date else 0) + (0.2 if actors else 0) + (0.2 if targets else 0)
    return round(score, 2)
