"""Who did it, to whom, with whom and where: roles of the mentions around one trigger.

Shallow syntax over the clause, not a parser: the subject is the nearest participant before the
trigger (possessives and reporting speakers skipped), objects follow it up to the next relative
clause, "by/of/for X" after a noun trigger names the doer, "with X" the companions of a visit,
"to/in/at X" the destination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.events.lexicon import Action
from index.events.parties import not_parties
from index.events.people import distinct
from index.events.status import FIRST_TO
from index.models import Actor
from index.names.actors import Mention, lookup
from index.names.gazetteer_file import default_gazetteer

_PARTICIPANTS = {"person", "country", "org", "group"}
_POSSESSIVE = re.compile(r"^[’']s?\b")
_REPORTER = re.compile(r"^\s*,?\s*(?:who\s+)?(?:says|said|say|reported|reports|confirmed|"
                       r"indicated|noted|told|added|stated|announced)\b", re.I)
_SAYS = re.compile(r"\b(?:said|says|say|told (?:reporters|journalists|\w+)|added|stated|noted|"
                   r"announced|confirmed|claimed|believes|believed|stressed|emphasized|"
                   r"emphasised|warned)\s+(?:that\s+)?", re.I)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$|\b(?:was|were|has\s+been|had\s+been|"
                        r"is|are)\s+(?:\w+\s+)?(?:confirmed|announced|reported|denied|disclosed|"
                        r"revealed)\s+by\s+(?:the\s+)?$", re.I)
_PREPOSED = re.compile(r"\b(?:in|at|from|to|into|during|after|before|since|of|for|by|with)"
                       r"\s+(?:the\s+)?$", re.I)
_COORD = re.compile(r"^\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?$", re.I)
_OBJECT_END = re.compile(r",\s*(?:which|who|whom|where|when|after|before|according|as well as|"
                         r"while|during|to continue|in order)\b|;|\s+(?:which|who)\s", re.I)
# A passive right before the trigger: "was welcomed", "were received", "has been hosted".
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", re.I)
_BY = re.compile(r"^\s*by\s+(?:the\s+)?$", re.I)
_OWN_SUBJECT = re.compile(r"\W*(?:the|a|an|this|that|these|those|its|their)\s+"
                          r"(?:[\w-]+\s+){1,3}$", re.I)
# "signed by X"; "was signed on Wednesday by X" (a date between the verb and "by").
_DOER = re.compile(r"^\s*(?:(?:on|in|at)\s+(?:[\w,]+\s+){1,3}(?=by\b))?(?:by|for|of|from)\s+"
                   r"(?:the\s+)?$", re.I)
_COMPANION = re.compile(r"\b(?:along with|together with|accompanied by|with)\s+(?:the\s+)?$",
                        re.I)
# "travelled to Vladivostok for his first summit with Putin": whom one meets, not a companion.
_TALKS_WITH = re.compile(r"\b(?:summit|talks|meetings?|negotiations|ties|relations|cooperation|"
                         r"agreement|deal|treaty)\s+with\s+(?:the\s+)?$", re.I)
_DESTINATION = re.compile(r"\b(?:to|in|at|into|for)\s+(?:the\s+)?$", re.I)
_SPEECH_BEFORE = re.compile(r"(?:said|says|added|stated|told)\s*$", re.I)
_SPEECH_AFTER = re.compile(r"^\s*,?\s*(?:said|says|added|stated)\b", re.I)
_QUOTES = "“”\""
_SHARED_SUBJECT = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?$", re.I)
_FRAMED_NOUN = re.compile(r"(?:visits?|trips?|meetings?|talks|summits?)\b", re.I)
_FRAME = re.compile(r"\b(?:during|at|in|after|before|following|ahead of)\s+(?:a|an|the|his|her|"
                    r"their|its)\s+(?:[\w-]+\s+){0,3}$", re.I)
_NOUN = re.compile(r"^(?:visits?|trips?|meetings?|talks|summits?)$", re.I)
# A phrase opening the clause: "At a news conference after the talks, …".
_FRONTED = re.compile(r"\W*(?:at|during|after|following|in)\s+(?:a|an|the|his|her|their|its)\s+"
                      r"(?:[\w-]+\s+){0,3}", re.I)
# "trade between the two countries": both of the article's states.
_ACCEPTED = re.compile(r"\baccept(?:s|ed|ing)?\s+(?:an?|the|his|her|their)?\s*$", re.I)
_NEAR_COMMA = 4  # words between a fronted setting's comma and the subject that follows it
_FIRST_ONE = re.compile(r"\b(?:be|become)\s+the\s+(?:first|second|last|only)\s+"
                        r"(?:[\w-]+\s+){0,4}to\s*$", re.I)
_BY_DOING = re.compile(r"\bby\s+$", re.I)
_BETWEEN_BOTH = re.compile(r"\s+(?:between|of)\s+(?:the\s+two|both)\s+(?:countries|states|"
                           r"governments|sides|nations|neighbou?rs)\b", re.I)
_ASIDE_WHO = re.compile(r",\s+(?:who|which|whose)\b[^,]*,")
_APPOSITION = re.compile(r",\s+(?:the|a|an|his|her)\s+(?:[\w’'-]+\s+){0,4}?(?:of|to|at)\s+[^,]*,")
_ASIDE_WITH = re.compile(r",\s+(?:accompanied|joined|flanked|escorted)\s+by\b[^,]*,", re.I)
# A relative clause about people ("the groups that invaded", "the man who left"); one about a
# thing ("legislation that forgives the debt") acts for whoever made it.
_RELATIVE_BEFORE = re.compile(r"(?:\b(?:groups?|forces|troops|soldiers|units|militants|fighters|"
                              r"people|men|countries|states|nations|officials|those)\s+"
                              r"(?:that|which|who)|\bwho)\s+(?:\w+ly\s+|also\s+|had\s+|has\s+|"
                              r"have\s+)?$", re.I)
_EXCHANGE = re.compile(r"(?:protocols?\s+\w+\s+(?:the\s+)?)?exchang", re.I)
_BOTH = re.compile(r"\b(?:both (?:countries|governments|states|sides|nations|regimes)|the two "
                   r"(?:countries|governments|states|sides|nations|regimes|neighbou?rs)|"
                   r"the regimes|bilateral)\b", re.I)


@dataclass(frozen=True)
class Roles:
    """The participants of one event."""

    actors: list[Actor]
    targets: list[Actor]
    companions: list[Actor]
    place: str | None


@lru_cache(maxsize=4096)
def _is_media(name: str) -> bool:
    entry = lookup(name)
    return entry is not None and entry.type == "media"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {e.country: e.name for e in default_gazetteer().entries
            if e.kind == "country" and e.country}


def as_actor(m: Mention) -> Actor:
    """A mention as an actor; a capital standing for its state ("Moscow sent …") is the state."""
    if m.form == "capital" and m.country:
        return Actor(name=_country_names().get(m.country, m.name), country=m.country)
    return Actor(name=m.name, country=m.country, role=m.role)


def country_actor(code: str | None) -> Actor | None:
    """The state with ISO-3 ``code`` as an actor."""
    if not code or code not in _country_names():
        return None
    return Actor(name=_country_names()[code], country=code)


def is_state(a: Actor) -> bool:
    """Whether an actor is a state itself ("North Korea"), not a person or body of it."""
    return a.country is not None and country_actor(a.country) == a


def _participant(m: Mention) -> bool:
    if m.form == "unresolved" or _is_media(m.name):
        return False
    return m.kind in _PARTICIPANTS or (m.kind == "place" and m.form == "capital")


def _subject(text: str, before: list[Mention], trig_start: int,
             speaks: bool = False) -> list[Mention]:
    """The nearest participant before the trigger, with any coordinated with it; one who
    only reports ("…, the ministry said") is the subject only of a statement (``speaks``)."""
    cands = [m for m in before if _participant(m)]
    if speaks and before and not _participant(before[-1]) and \
            re.fullmatch(r"[\s\w’'-]{0,20}", text[before[-1].end:trig_start]):
        # "Kim inspected the site, KCNA said": the outlet right before the verb is who spoke;
        # it reports, and the one it reports on made no statement.
        return []
    chosen: Mention | None = None
    for allow_reporters in ((True,) if speaks else (False, True)):
        for m in reversed(cands):
            if _POSSESSIVE.match(text[m.end:m.end + 2]):
                continue  # "Putin’s invitation to visit": Putin is not who visits
            if not allow_reporters and _REPORTER.match(text[m.end:]) and m is not cands[0]:
                continue
            chosen = m
            break
        if chosen is not None:
            break
    if chosen is None:
        return []
    group = [chosen]
    i = cands.index(chosen)
    while i > 0 and _COORD.match(text[cands[i - 1].end:group[0].start]):
        if text[cands[i - 1].end:group[0].start].strip() == "," and \
                _PREPOSED.search(text, 0, cands[i - 1].start):
            break  # "During the talks in Moscow, Lavrov praised …": a setting, not a list
        i -= 1
        group.insert(0, cands[i])
    return group


def _speaker(text: str, mentions: list[Mention], trig_start: int) -> list[Mention]:
    """The person quoted, when the trigger stands inside their quotation."""
    if not any(q in text[:trig_start] for q in _QUOTES):
        return []
    for m in mentions:
        if m.kind == "person" and (_SPEECH_BEFORE.search(text[max(0, m.start - 12):m.start])
                                   or _SPEECH_AFTER.match(text[m.end:])):
            return [m]
    return []


def assign(text: str, mentions: list[Mention], clause: tuple[int, int], trig: tuple[int, int],
           reverse: bool, action: Action, first_clause: bool,
           pair: tuple[str, ...] = ()) -> Roles:
    """Roles of the trigger at ``trig`` (sentence offsets) in ``clause``."""
    cs, ce = clause
    t0, t1 = trig
    end = ce
    if m_end := _OBJECT_END.search(text, t1, ce):
        end = m_end.start()
    for aside in _ASIDE_WHO.finditer(text, cs, ce):
        if aside.start() < t0 < aside.end():
            end = min(end, aside.end())  # "Kim, who visited Moscow, met Putin": not Putin
    in_clause = [m for m in mentions if cs <= m.start < ce]
    # A name the trigger starts inside ("the North Korean armed [forces had taken part]") is
    # the trigger's subject, as one before it is.
    before = [m for m in in_clause if m.end <= t0 or m.start < t0 < m.end]
    if action.name != "statement":
        # "Mishustin said the bridge construction marks …": what is said has its own subject;
        # the speaker before the verb of saying is not the one who builds.
        said = [m.end() for m in _SAYS.finditer(text, cs, t0)]
        if said:
            before = [m for m in before if m.start >= said[-1]]
    inside = [m for m in in_clause if t0 <= m.start and m.end <= t1]
    after = [m for m in in_clause if t1 <= m.start < end]

    if action.name != "statement":
        # "…, the Kremlin announced", "according to KCNA": who only reports the event after
        # the trigger takes no part in it.
        after = [m for m in after if not _REPORTER.match(text[m.end:])
                 and not _ACCORDING.search(text[max(0, m.start - 40):m.start])]
    # "signed by X", "a visit of X"; "said of the troops" is what was spoken about.
    # "the invasion of Ukraine", "an assault on Kursk": an attack's "of" names what it struck.
    doer = _BY if action.name in ("statement", "offensive") else _DOER
    doers = [m for m in after if doer.match(text[t1:m.start])]
    for m in after:  # "signed by X and Y": the doers coordinated with the first
        if doers and m.start >= doers[-1].end and _COORD.match(text[doers[-1].end:m.start]):
            doers.append(m)
    # A name not known ("signed by Kim and Putin" with no Kim before) keeps its place in the
    # chain, so that the names after it are doers too, but is no doer itself.
    doers = [m for m in doers if _participant(m)]
    # "Putin’s invitation", "Kim’s Vladivostok visit": the owner of a noun trigger is its doer.
    # ("Russia's Shoigu held talks": the name after the owner is the subject, not the owner.)
    adjacent_owner = [m for m in before if _POSSESSIVE.match(text[m.end:m.end + 2])
                      and len(text[m.end:t0].split()) <= 3 and _participant(m)
                      and not re.search(r"\bto\b", text[m.end:t0])
                      and not any(m.end <= o.start and o.end <= t0 and _participant(o)
                                  for o in before)]
    companions = ([m for m in after if _COMPANION.search(text[max(t1, m.start - 30):m.start])
                   and not _TALKS_WITH.search(text[max(t1, m.start - 30):m.start])]
                  if action.name in ("visit", "aid") else [])
    # The trigger may end in the preposition itself ("spent three days in", "travelled to").
    dest = [m for m in after if _DESTINATION.search(text[max(t0, m.start - 12):m.start])
            and m not in companions and m not in doers]
    objects = [m for m in inside + after if _participant(m) and m not in companions
               and m not in doers and not (m in dest and m.kind == "place")]

    if reverse and _PASSIVE.search(text, cs, t0) and \
            re.search(r"(?:ed|sent)$", text[t0:t1], re.I):
        # "Shoigu was welcomed by Kim": the subject is the guest, the one after "by" the host;
        # "He was welcomed by officials" names no guest, and no one else is made one.
        guests = _subject(text, before, t0) or ([] if first_clause else _sentence_subject(
            mentions, cs))
        where = [m for m in dest if _participant(m) or m.kind == "place"]
        actors, targets = guests, [m for m in doers if m not in guests] + where
    elif reverse:  # "Putin hosted Kim", "Moscow sent Trutnev to Pyongyang": the guest acts
        guests = [m for m in objects if m.kind in ("person", "group") and m not in dest]
        # "receiving weapons from North Korea": a thing received is no guest, and the state it
        # came from no visitor; only a name right after the verb can be one.
        direct = [m for m in objects if m not in dest
                  and re.fullmatch(r"\s*(?:the\s+)?", text[t1:m.start], re.I)]
        actors = guests or direct[:1]
        hosts = _subject(text, before, t0) or ([] if first_clause else _sentence_subject(
            mentions, cs))
        where = [m for m in dest if _participant(m) or m.kind == "place"]
        if text[t0:t1].lower().startswith("sen"):
            # "Moscow sent Trutnev to Pyongyang": the envoy visits; the sender only sent him
            # (the cited sentence says so), and takes no part in the visit. An envoy not
            # named ("sent a delegation") leaves the sender as the one whose visit it is.
            actors = actors or hosts
            targets = where
        else:  # "Putin hosted Kim in Sochi": the visit is to the host (and the host's state)
            targets = hosts + where
    else:
        # "Lavrov visited Pyongyang and met Kim": a second verb shares the first one's subject.
        shared = _SHARED_SUBJECT.search(text, cs, t0) and not _NOUN.match(text[t0:t1])
        # "Kim reiterated his support for the war in Ukraine during a meeting with Shoigu": the
        # one who meets is the clause's subject, not the last name before the noun.
        framed = _FRAMED_NOUN.match(text[t0:t1]) and _FRAME.search(text, cs, t0)
        # "Kim, who visited Moscow in May, met Putin": names inside an aside before the verb
        # are not its subject.
        before = [m for m in before if not any(a.start() < m.start and a.end() <= t0
                                                for a in _ASIDE_WHO.finditer(text, cs, t0)
                                                if a.start() < m.start < a.end())]
        # "Kim Yo Jong, the sister of Kim Jong Un, met …": an apposition after a person's name
        # describes that person; the names in it are not the subject.
        people_ends = {m.end for m in mentions if m.kind == "person"}
        described = [a for a in _APPOSITION.finditer(text, cs, t0) if a.start() in people_ends]
        before = [m for m in before if not any(a.start() < m.start < a.end() for a in described)]
        # "Kim, accompanied by his sister Kim Yo Jong, toured …": who goes with the subject.
        escorts = [m for m in before if any(a.start() < m.start < a.end() <= t0
                                            for a in _ASIDE_WITH.finditer(text, cs, t0))]
        before = [m for m in before if m not in escorts]
        if action.name in ("visit", "aid"):
            companions = companions + [m for m in escorts if m not in companions]
        if (rel := _RELATIVE_BEFORE.search(text, cs, t0)) is not None:
            # "the troops who defeated the groups that invaded the region": the subject of a
            # relative clause's verb is the noun right before "that", or no one named.
            before = [m for m in before if 0 <= rel.start() - m.end <= 2]
        # "North Korea's support for Russia by sending troops": who does what a gerund after
        # "by" names is the clause's subject, not the name just before it.
        by_doing = _BY_DOING.search(text, cs, t0) and text[t0:t1].split()[0].endswith("ing")
        # "Putin became (or wants to be) the first Russian leader to visit": the subject visits.
        first_to = FIRST_TO.search(text, cs, t0) or _FIRST_ONE.search(text, cs, t0)
        actors = doers or adjacent_owner or (_sentence_subject(mentions, t0, cs)
                                             if shared or framed or by_doing or first_to
                                             else []) or _subject(
            text, before, t0, speaks=action.name == "statement")
        if not actors and (fronted := _FRONTED.match(text, cs, t0)) and \
                fronted.end() == t0 and (comma := text.find(",", t1, ce)) != -1:
            # "At a news conference after the talks, Lavrov said …": the phrase opening the
            # sentence is the setting of what its subject did after the comma. A name far
            # after the comma ("…, the two leaders held talks, the Kremlin said") is not it.
            actors = [m for m in _sentence_subject(mentions, ce, comma)
                      if len(text[comma + 1:m.start].split()) <= _NEAR_COMMA]
        if not actors and not first_clause and not _OWN_SUBJECT.match(text, cs, t0):
            # "…, while the lower house endorsed it": a clause naming its own subject, even
            # one we cannot resolve, does not borrow the sentence's.
            actors = _sentence_subject(mentions, cs)
        if not actors:
            actors = _speaker(text, mentions, t0)
        targets = [m for m in objects if m not in actors]
        if not actors and len(pair) == 2 and (_BOTH.search(text[cs:t0])
                                              or _BETWEEN_BOTH.match(text, t1)):
            # "Both countries have stated …": the two states the article is about.
            both = [a for a in (country_actor(c) for c in pair) if a is not None]
            return Roles(actors=both, targets=[], companions=[], place=None)
        if actors and actors == adjacent_owner:
            # "Kim, who has accepted Putin’s invitation": the one invited is the subject.
            rest = [m for m in before if m not in actors]
            targets = _subject(text, rest, actors[0].start) + targets
        elif actors and action.name == "invitation" and _ACCEPTED.search(text, cs, t0):
            # "Putin has accepted an invitation to visit Pyongyang": he is the one invited,
            # by someone the clause does not name.
            targets, actors = actors + [m for m in targets if m not in actors], []
        if action.name == "debt_relief":
            owners = [m for m in inside if _POSSESSIVE.match(text[m.end:m.end + 2])]
            targets = owners or [m for m in targets if m.form != "adjective"]
    aside = not_parties(action.name, text, targets, t1)
    targets = [m for m in targets if m not in aside]
    places = [m for m in dest if m.kind in ("place", "country")]
    if action.name == "statement":
        # "said in Moscow" is where; "announced she will not be in Moscow" is what was said.
        places = [m for m in places if len(text[t1:m.start].split()) <= 3]
    if not places and action.name != "statement":
        # A place named after a verb of saying is in what was said, not where it was said.
        places = [m for m in after if m.kind == "place" and m not in companions]
    if not places and _NOUN.match(text[t0:t1]):
        # "Kim's Vladivostok visit", "the Moscow summit": a place just before the noun.
        places = [m for m in mentions if m.kind == "place" and m.end <= t0
                  and not text[m.end:t0].strip()]
    place = places[0].name if places else None
    if action.name == "infrastructure":
        # "The trains resumed a year after Putin and Kim signed a pact": a link joins states
        # and places; the people of the sentence stand for their states.
        targets = [m for m in targets if m.kind != "person" or m.country]
    target_actors = [as_actor(m) if m.kind not in ("place", "person") or m.form == "capital"
                     or (m.kind == "person" and action.name != "infrastructure")
                     else country_actor(m.country) for m in targets]
    if action.name in ("visit", "offensive") and not any(target_actors) and places:
        target_actors = [country_actor(places[0].country) if places[0].kind == "place"
                         else as_actor(places[0])]
    actor_list = distinct([country_actor(m.country) or as_actor(m)
                          if m.kind == "person" and action.name == "infrastructure"
                          else as_actor(m) for m in actors])
    if action.name == "entry_into_force" and not _EXCHANGE.match(text[t0:t1]):
        # "The treaty, signed by Kim and Putin in June, has entered into force": it binds
        # their states; the signers only signed. (Those who exchanged the instruments did act.)
        actor_list = distinct([a if a.country is None or is_state(a) else country_actor(a.country)
                              or a for a in actor_list])
    names = {a.name for a in actor_list}
    target_list = distinct([a for a in target_actors if a and a.name not in names])
    if action.name != "visit":  # a visit keeps the country it went to
        # "Kim met Shoigu", not "Kim met Shoigu and North Korea": a state its people stand for.
        stood_for = {a.country for a in (*actor_list, *target_list) if not is_state(a)}
        target_list = [a for a in target_list if not (is_state(a) and a.country in stood_for)]
    return Roles(actors=actor_list,
                 targets=target_list,
                 companions=distinct([as_actor(m) for m in companions if _participant(m)]),
                 place=place)


def _sentence_subject(mentions: list[Mention], before: int, start: int = 0) -> list[Mention]:
    """The first participant from ``start``, for a clause whose subject was elided ("… and
    then sent …")."""
    first = [m for m in mentions if start <= m.start < before and _participant(m)]
    return first[:1]
