"""What a `/when` or `/who` question asks: the names an answer must involve, the action, and
the words that only rank.

A question is answered by events that match all of it. Names are the selective part: a person
must take part in the event (as doer, target, companion or host), a place or body must be its
place, a participant or in its sentence. Words that mean an action ("visited", "treaty")
select that action. Other words rank the events found; without any name or action they must
all be in the event, as in `/search`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from whoosh import query as wq

from index.engine.query import ParsedQuery
from index.engine.schema import terms_of
from index.events.lexicon import lexicon
from index.events.model import Event
from index.events.roles import country_actor
from index.names.actors import Mention, find_mentions

_PARTICIPANT_KINDS = {"person", "country", "org", "group", "place"}
# A typed verb in the past ("visited", "met", "signed") asks what happened, not what was planned.
_PAST = re.compile(r"^(?:\w+ed|met|went|came|left|sent|held|took|gave|made|struck|began|saw|"
                   r"spoke|told|said|paid|flew|wrote|forgave|won|led|fought|drove|ran|set)$",
                   re.I)
_WORD = re.compile(r"[\w’'.-]+")


@dataclass(frozen=True)
class Need:
    """One name an answer must involve, and how an event document shows it."""

    typed: str
    query: wq.Query
    # Typed before the question's verb ("Kim visited …"): the one who acts, not the one visited.
    doer: bool = False
    terms: frozenset[str] = frozenset()  # its words, as typed and as the gazetteer spells it
    country: str | None = None  # a state: any of its people or bodies acting counts

    def acts_in(self, event: Event) -> bool:
        """Whether the event has this name among those who act (doers and companions)."""
        for a in (*event.actors, *event.companions):
            if self.country and a.country == self.country:
                return True
            if self.terms & set(terms_of(a.name)):
                return True
            if a.role and self.terms & set(terms_of(a.role)):
                return True  # "Pentagon spokesman Pat Ryder" speaks for the Pentagon
        return False



@dataclass(frozen=True)
class Question:
    """A `/when` or `/who` question, read."""

    parsed: ParsedQuery | None
    needs: tuple[Need, ...]
    actions: tuple[str, ...]
    rest: tuple[str, ...]  # analyzed words that are neither names nor actions
    past: bool  # an action was typed in the past tense
    # Actions named only by nouns when a verb named the asked one ("ratified the treaty"):
    # they rank, they do not select.
    also: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()  # analyzed terms of the typed verbs ("thank" of "thanked")

    def narrowing(self) -> wq.Query | None:
        """For a broad action asked by a verb that names a kind of it ("/who thanked": the
        thanks among statements), what the event's sentence must hold; else None."""
        lex = lexicon()
        kinds = [v for v in self.verbs if any(v in lex.get(a).narrow for a in self.actions)]
        return wq.Or([wq.Term("text", v) for v in kinds]) if kinds else None

    def names_kind(self, event: Event) -> bool:
        """Whether the event's own verb is one the question typed."""
        verbs = set(self.verbs)
        return any(verbs & set(terms_of(m.trigger)) for m in event.evidence)

    def fits(self, event: Event) -> bool:
        """Whether the event's own roles fit the question (who acts is who was typed first)."""
        return all(n.acts_in(event) for n in self.needs if n.doer)

    @property
    def selective(self) -> bool:
        """Whether names or actions select the events (the other words then only rank)."""
        return bool(self.needs or self.actions)

    def required(self) -> wq.Query | None:
        """What every answer must match (None: nothing is required)."""
        parts: list[wq.Query] = [n.query for n in self.needs]
        if self.actions:
            parts.append(wq.Or([wq.Term("action", a) for a in self.actions]))
        if not self.selective and self.parsed is not None:
            parts.append(wq.Or([self.parsed.whoosh_query("text"),
                                self.parsed.whoosh_query("names")]))
        return wq.And(parts) if parts else None

    def whole(self) -> wq.Query | None:
        """Events that hold every word typed (in their sentence or their names)."""
        if self.parsed is None or not self.parsed.terms():
            return None
        return wq.And([wq.Or([wq.Term("text", t), wq.Term("names", t)])
                       for t in sorted(self.parsed.terms())])

    def ranking(self) -> wq.Query | None:
        """What orders the answers: every typed word, and the typed words as a phrase."""
        if self.parsed is None:
            return None
        parts: list[wq.Query] = [wq.Term(f, t) for t in self.parsed.terms()
                                 for f in ("text", "names")]
        words = list(self.parsed.words)
        if len(words) > 1:
            # A phrase typed by the user outranks the same words scattered over a sentence.
            parts.append(wq.Phrase("text", words, boost=3.0))
        if self.rest and len(self.rest) > 1 and list(self.rest) != words:
            parts.append(wq.Phrase("text", list(self.rest), boost=2.0))
        parts += [wq.Term("action", a, boost=2.0) for a in self.also]
        return wq.Or(parts) if parts else None


def _terms_query(field: str, terms: list[str]) -> wq.Query | None:
    if not terms:
        return None
    return wq.And([wq.Term(field, t) for t in terms]) if len(terms) > 1 else \
        wq.Term(field, terms[0])


def _need(m: Mention, doer: bool, destination: bool) -> Need | None:
    """How an event shows that it involves the mention typed (``destination``: typed after a
    verb of going, so the event's place or target, not just a word of its sentence)."""
    typed = terms_of(m.text)
    canonical = terms_of(m.name)
    if not typed and not canonical:
        return None
    alts: list[wq.Query | None] = []
    state = m.country if m.kind == "country" else None
    terms = frozenset(typed) | frozenset(canonical)
    if m.kind == "person" or (destination and m.kind in ("place", "country")):
        # A person takes part: the names field holds the participants (and their spellings).
        alts += [_terms_query("names", typed), _terms_query("names", canonical)]
    elif m.kind == "group":
        # "North Korean troops": the state they belong to takes part, or the words are there.
        alts += [_terms_query("text", typed)]
        if (state := country_actor(m.country)) is not None:
            alts.append(_terms_query("names", terms_of(state.name)))
    else:
        alts += [_terms_query("names", canonical), _terms_query("names", typed),
                 _terms_query("text", typed)]
        if m.form == "capital" and (capital_of := country_actor(m.country)) is not None:
            # "Moscow Pyongyang train": a capital also stands for its state.
            alts.append(_terms_query("names", terms_of(capital_of.name)))
    found = [a for a in alts if a is not None]
    if not found:
        return None
    return Need(m.text, wq.Or(found) if len(found) > 1 else found[0], doer=doer, terms=terms,
                country=state)


def _mentions(text: str) -> list[Mention]:
    """Names in the question as typed; a lower-case question is read capitalised as well."""
    found = [m for m in find_mentions(text) if m.kind in _PARTICIPANT_KINDS]
    taken = [(m.start, m.end) for m in found]
    for m in find_mentions(string.capwords(text)):
        if m.kind in _PARTICIPANT_KINDS and m.known and m.form not in ("title", "unresolved") \
                and not any(s < m.end and m.start < e for s, e in taken):
            found.append(m)
    return sorted(found, key=lambda m: m.start)


def read_question(text: str, parsed: ParsedQuery | None) -> Question:
    """The names, actions and other words of a question (``parsed`` is its `/search` form)."""
    if parsed is None or not text.strip():
        return Question(parsed, (), (), (), False)
    mentions = _mentions(text)
    name_terms = {t for m in mentions for t in terms_of(m.text)}
    lex = lexicon()
    words = [w for w in parsed.words if w not in name_terms]
    actions = lex.actions_for_terms(words)
    action_terms = {w for w in words if lex.by_word.get(w)}
    rest = [w for w in words if w not in action_terms]
    # The question's verb ("ratified", "visited") names the action asked about; nouns of
    # other actions ("the treaty") then only rank.
    verbs = [(w.start(), t) for w in _WORD.finditer(text) if _PAST.match(w.group())
             and (t := terms_of(w.group())) and lex.by_word.get(t[0])
             and not any(m.start <= w.start() < m.end for m in mentions)]
    also: list[str] = []
    if verbs:
        asked = lex.actions_for_terms([t[0] for _, t in verbs])
        also = [a for a in actions if a not in asked]
        actions = asked
    verb_at = verbs[0][0] if verbs else None
    going = bool(set(actions) & {"visit"})
    needs = [n for m in mentions if (n := _need(
        m, doer=verb_at is not None and m.end <= verb_at and m.kind != "place",
        destination=going and verb_at is not None and m.start > verb_at)) is not None]
    if needs and not verbs:
        # Names select; nouns of actions ("rail trolley", "summit") only rank: the diplomats'
        # journey by rail trolley may be told as their departure.
        also, actions = actions, []
    # Capitalised words that are no known name are still names ("Aurus", "Nordwind"): an
    # answer must contain at least one of them.
    spans = [(m.start, m.end) for m in mentions]
    unknown: list[str] = []
    for w in _WORD.finditer(text):
        if not w.group()[:1].isupper() or any(s <= w.start() < e for s, e in spans):
            continue
        for t in terms_of(w.group()):
            if t in rest and t not in unknown:
                unknown.append(t)
    if unknown and (needs or actions):
        needs.append(Need(" ".join(unknown), wq.Or(
            [wq.Term(f, t) for t in unknown for f in ("text", "names")])))
    return Question(parsed, tuple(needs), tuple(actions), tuple(rest), bool(verbs),
                    tuple(also), tuple(t[0] for _, t in verbs))
