"""Which date in a sentence is its event's: the clause's own, not an aside's, not another
occasion's, not what was said; or the date of the sentence before, when this one takes up its
words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.events.annotate import Sentence
from index.events.article_date import dateline_end
from index.events.dates import event_date
from index.events.model import Event
from index.models import EventDate, Span
from index.timex import Timex

# A verb of saying and the "that" opening what was said ("have stated that", "said on Monday that").
_SAID_THAT = re.compile(r"[\w’'-]+(?:\s+[\w’'-]+){0,3}?\s+that\b", re.I)
# "said the new pact would replace the treaty signed in 1961": what follows a plain "said" is
# what was said, unless it is the saying's own date ("said on Monday", "said Tuesday").
_SAID_PLAIN = re.compile(r"(?:said|says)\s+(?!(?:on|late|early|earlier|last|this|in)\b|"
                         r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                         r"yesterday)\b)", re.I)
# A clause of its own after a verb of saying, "that" left out: "announced she will …".
_SAID_CLAUSE = re.compile(r"\b(?:he|she|they|it|we|I)\s+(?:will|would|had|has|have|was|were|is|"
                          r"are|could|should|might|may|plans?|intends?|wants?)\b")
_REPORTED_THAT = re.compile(r"\b(?:confirmed|confirms|said|says|announced|announces|reported|"
                            r"reports|stated|states|indicated|noted|told \w+|added) that\b", re.I)
_REPORT_DATE = re.compile(r"\b(?:said|says|reported|reports|confirmed|announced|stated|added|"
                          r"told (?:reporters|journalists)|quoted)\s+(?:on\s+|late\s+|"
                          r"early\s+)?$", re.I)
_YEARLESS = re.compile(r"^XXXX-\d{2}(?:-\d{2})?$")
SINCE = re.compile(r"\bsince\b[^,;]{0,40}$", re.I)
# ", suspended in February 2020 due to the pandemic,": an aside between commas (a participle or
# a relative clause) tells of something else, and its date is that thing's.
_ASIDE = re.compile(r",\s+(?:who|which|(?!dated\b)[a-z]+ed)\b(?:[^,;]|(?<=\d),(?=\d))*")
# "invited Kim to visit again, following on from his last visit in 2023": a date inside a phrase
# naming another occasion dates that occasion, not the event the clause tells.
_OTHER_OCCASION = re.compile(
    r"\b(?:following(?:\s+on)?(?:\s+from)?|after|before|ahead\s+of|since)\s+(?:[\w’'-]+\s+){0,6}?"
    r"(?:visit|visits|trip|trips|summit|meeting|talks|signing|stay|arrival)\b[^,;]{0,40}$", re.I)
# "a train that departed …": a relative clause opening inside the trigger's noun phrase.
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+(?=[\w’'-])", re.I)


# "The resumption came about a year after the two countries signed a pact … in June 2024": a
# date in a clause after "after", "before" or "since" is that clause's.
_AFTER_CLAUSE = re.compile(
    r"\b(?:after|before|since|when)\s+(?:the\s+|both\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w’'-]+\s+){0,4}?(?:signed|met|held|visited|agreed|took|made|paid|launched|"
    r"returned|arrived|left|announced|[a-z]+ed)\b[^;]{0,200}$", re.I)


def date_of(tx: Timex) -> EventDate | None:
    """The calendar date a DATE/TIME expression names, or None if it names none."""
    return _date_of(tx)


def _date_of(tx: Timex) -> EventDate | None:
    if tx.type not in ("DATE", "TIME"):
        return None
    value = tx.range_value or tx.value
    if tx.type == "TIME":
        value = value.split("T", 1)[0]
    basis = {"explicit": "explicit", "dct": "relative", "context": "anaphoric"}.get(tx.anchor)
    if basis is None and _YEARLESS.match(value):
        basis = "explicit"  # "On September 13" where the article gives no year: as written
    if basis is None:
        return None
    mod = tx.mod if tx.mod in ("START", "MID", "END", "APPROX") else None
    return event_date(value, basis, mod)


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|has\s+been|had\s+been|have\s+been)\s+"
                             r"(?:(?:also|officially|publicly|first)\s+)?$", re.I)


def clause_date(sent: Sentence, clause: Span, trigger_at: int,
                 statement: bool = False, trigger_end: int | None = None) -> EventDate | None:
    """The date stated in the clause (nearest the trigger), else elsewhere in the sentence.

    A date after "since" bounds something else ("first visit since taking power in 2011"); a
    date right after a reporting verb ("…, state media reported Saturday") dates the report,
    so only a statement takes it.
    """
    said = (_SAID_THAT.match(sent.text, trigger_at) or _SAID_PLAIN.match(sent.text, trigger_at)) \
        if statement else None
    asides = _asides(sent.text, trigger_at)
    dateline = dateline_end(sent.text)  # "BEIJING. Dec 5 (Interfax) -": the report's day
    relative = _relative_in(sent.text, trigger_at, trigger_end)
    if relative is not None:
        trigger_at = relative[1]  # the main verb is the event: measure from it
    content = _SAID_CLAUSE.search(sent.text, trigger_at) if statement else None
    # "Kim's visit for the Victory Day parade was confirmed on Monday": in a passive statement
    # what comes before the verb is what was said, dates included.
    passive = statement and bool(_PASSIVE_BEFORE.search(sent.text, 0, trigger_at))

    def usable(t: Timex) -> bool:
        if passive and t.start < trigger_at:
            return False
        if said is not None and t.start >= said.end():
            return False  # "stated that they would reach $1 billion by 2020": what was said
        if content is not None and t.start >= content.start():
            return False  # "announced she will skip the parade on May 9": the same
        if t.start > trigger_at and (_OTHER_OCCASION.search(sent.text, trigger_at, t.start)
                                     or _AFTER_CLAUSE.search(sent.text, trigger_at, t.start)):
            return False
        if any(a.start() <= t.start < a.end() and not a.start() <= trigger_at < a.end()
               for a in asides):
            return False
        if relative is not None and relative[0] <= t.start < relative[1]:
            return False
        return _date_of(t) is not None and not SINCE.search(sent.text[:t.start])

    def nearest(cands: list[Timex]) -> EventDate | None:
        dated = [(abs(t.start - trigger_at), t) for t in cands if usable(t)]
        if not statement:
            # The event's own date if the sentence has one; the report's only as a last resort
            # (what was reported had happened by then, and no more precisely).
            own = [x for x in dated if not _REPORT_DATE.search(sent.text[:x[1].start])
                   and not (dateline is not None and x[1].start < dateline)]
            if not own and dated:
                d = _date_of(min(dated, key=lambda x: x[0])[1])
                return replace(d, basis="report", mod="ON_OR_BEFORE") \
                    if d is not None and d.mod is None and d.precision == "day" else d
        return _date_of(min(dated, key=lambda x: x[0])[1]) if dated else None

    # "Last week, Peskov confirmed that Kim would visit …": the date dates the confirming, not
    # the visit. A trigger inside a reported clause takes only dates from that clause.
    reported = None
    for m in _REPORTED_THAT.finditer(sent.text, 0, trigger_at):
        reported = m
    if reported is not None:
        return nearest([t for t in sent.timexes if t.start >= reported.end()])
    inside = [t for t in sent.timexes if clause[0] <= t.start < clause[1]]
    # Failing its own, a clause takes a date of the clauses before it ("On Monday, Kim arrived;
    # he met Putin"), never of one after it, which tells its own event ("…, and the Federation
    # Council did the same on November 6").
    return nearest(inside) or nearest([t for t in sent.timexes if t.start < clause[0]])


def _relative_in(text: str, start: int, end: int | None) -> Span | None:
    """A relative clause inside the trigger, before its final verb: "train that departed …
    last week arrived" tells the arrival, and the departure's date is not the arrival's.

    Returns the clause's span (pronoun to final verb), or None where the trigger's verb is
    itself the relative clause's ("train that departed").
    """
    if end is None:
        return None
    rel = _RELATIVE.search(text, start, end)
    last = re.search(r"[\w’'-]+$", text[start:end])
    if rel is None or last is None or start + last.start() <= rel.end():
        return None
    return rel.start(), start + last.start()


def _asides(text: str, trigger_at: int) -> list[re.Match[str]]:
    """The asides of a sentence that tell of something other than the trigger's event.

    An aside right after the trigger describes it ("The accord, signed in June, …"); one right
    after another aside is the sentence's verb resuming ("The government, which had denounced
    …, condemned …").
    """
    out: list[re.Match[str]] = []
    end = -1
    for m in _ASIDE.finditer(text):
        adjacent = m.start() == end
        end = m.end()
        if adjacent or (m.start() >= trigger_at
                         and re.fullmatch(r"[\w-]*", text[trigger_at:m.start()])):
            continue
        out.append(m)
    return out


# Words too common in this field to tie two sentences to one occasion.
_COMMON_WORDS = frozenset([
    "treaty", "agreement", "relations", "countries", "country", "between", "their", "which",
    "would", "other", "about", "after", "before", "military", "cooperation", "strategic",
    "partnership", "comprehensive", "support", "russian", "korean", "north", "south", "official",
    "officials", "leader", "leaders", "president", "minister", "state", "states", "according",
    "there", "these", "those", "since", "while", "where", "sides", "both", "parties", "being",
    "under", "itself", "within", "without", "further",
])
_ECHO_WORDS = 3  # distinct shared word stems that make a sentence go on about the one before


def _stems(text: str) -> set[str]:
    """The distinctive lower-case words of a sentence, cut to a stem ("exchanged", "exchanging"
    → "exchan"); names (capitalized) and common words are left out."""
    return {w[:6] for w in re.findall(r"\b[a-z][a-z-]{4,}\b", text) if w not in _COMMON_WORDS}


def echoed_date(events: list[Event], before: Sentence, sent: Sentence,
                 passages: list) -> EventDate | None:
    """The date of an event told in the sentence just before, when this sentence takes up its
    words ("… when the ratification instruments were exchanged." → "The protocol on
    exchanging the ratification instruments was signed …")."""
    pid = passages[before.passage_idx].passage_id
    dated = [e.date for e in events if e.date is not None and any(
        ev.passage_id == pid and tuple(ev.sentence) == tuple(before.span) for ev in e.evidence)]
    if len(set(dated)) != 1:
        return None
    return dated[0] if len(_stems(before.text) & _stems(sent.text)) >= _ECHO_WORDS else None


# A verb in the simple past that is the trigger itself ("visited", "met", "signed").
_SIMPLE_PAST = re.compile(r"(?:\w+ed|met|went|came|left|sent|held|took|paid|flew|began|made)$",
                          re.I)
_VERB_OF_NOUN = re.compile(r"\b(\w+)\s+(?:(?:a|an|the|their|its|his|her)\s+)?"
                           r"(?:(?:first|second|new|joint|large-scale|annual)\s+){0,3}$", re.I)
# Verbs in the past form that put what they govern ahead: "planned drills in August".
_NOT_PAST_VERB = re.compile(r"(?:planned|scheduled|expected|proposed|intended|agreed|announced|"
                            r"promised|pledged|called|wanted|needed|discussed)$", re.I)
_NOT_PAST_BEFORE = re.compile(r"\b(?:will|would|to|could|should|may|might|shall)\s+"
                              r"(?:\w+\s+)?$", re.I)


def placed_by_tense(date: EventDate | None, trigger: str, before: str,
                    dct: str | None, perfect: bool = False) -> EventDate | None:
    """"Kim visited Moscow in May" in an April story is last May: a month the event's own verb
    puts in the past cannot lie wholly after the story's day (the tagger, for all words,
    leaves a couple of months' slack for deadlines such as "was extended to Nov. 16")."""
    # "visited …"; "the first flight between the capitals landed …" (noun to verb)
    words = trigger.split()
    past = any(_SIMPLE_PAST.search(w) and not _NOT_PAST_VERB.match(w)
               for w in (words[0], words[-1])) or (
        # "held their first joint drills in August": a past verb governing a noun trigger
        (m := _VERB_OF_NOUN.search(before)) is not None and _SIMPLE_PAST.search(m[1])
        and not _NOT_PAST_VERB.match(m[1]))
    if perfect and date is not None and dct is not None and len(dct) == 10 \
            and date.basis == "relative" and date.precision in ("month", "day") \
            and date.start is not None and date.start > dct:
        # "have been visiting the resort since July 1", told in June: a perfect tells what
        # has gone on until now, so its month or day is the last one before the story.
        past = True
    elif date is None or dct is None or date.precision not in ("month", "day") or len(dct) < 7 \
            or date.basis != "relative" or not past \
            or _NOT_PAST_BEFORE.search(before) or date.start is None \
            or (date.precision == "day" and (len(dct) < 10 or date.start <= dct)) \
            or (date.precision == "month" and date.start[:7] <= dct[:7]):
        return date
    year = int(date.value[:4]) - 1
    return event_date(f"{year}{date.value[4:]}", date.basis, date.mod) or date
