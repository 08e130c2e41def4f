"""Who takes part in an event and who only stands in its sentence: the war a statement speaks of,
the leader who sent an envoy, the country an invitation is to, a state its leader stands for."""

from __future__ import annotations

import re

from index.events.annotate import Sentence
from index.models import Actor
from index.names.actors import Mention

# "support for the war in Ukraine", "the aggression against Ukraine": the war's other side is
# what is spoken of, not a party to the statement or the pact.
_WAR_BEFORE = re.compile(r"\b(?:war|wars|conflict|invasion|aggression|offensive|fighting|"
                         r"incursion|crisis)\s+(?:in|against|on|with)\s+(?:the\s+)?$", re.I)
# "the Ukraine conflict", "the Ukrainian issue": a country naming a topic.
_WAR_AFTER = re.compile(r"^\s+(?:war|conflict|crisis|issue|question|front)\b", re.I)
# "on a special mission from Putin", "a message from Putin": the one who sent, not one visited.
_SENT_BY = re.compile(r"\b(?:mission|message|letter|instructions?|orders?|behalf|envoy)\s+"
                      r"(?:[\w’'-]+\s+){0,2}?(?:from|of)\s+(?:the\s+)?$", re.I)
# "invited Kim to visit Russia": where the invited visit would go.
_INVITED_TO = re.compile(r"\bto\s+(?:(?:visit|come\s+to|travel\s+to|go\s+to)\s+)?(?:the\s+)?$",
                         re.I)
# "met Kim to discuss the start of dialogue between Russia and the United States": what was
# discussed is the topic of the meeting, not a party to it.
_DISCUSSED = re.compile(r"\b(?:to\s+discuss|discuss(?:ed|ing)|talk(?:ed|s)?\s+about|"
                        r"dialogue\s+between|(?:relations|ties)\s+between|"
                        # "his second visit since being appointed secretary of …": another time
                        r"since|"
                        # "…, leading to speculation that the Putin-Kim summit …": a guess
                        r"speculat\w*|rumou?rs?)\b", re.I)
# "South Korea's Yonhap news agency reported": the country of the outlet, not a party.
_OUTLET_OF = re.compile(r"^(?:[’']s)?\s+(?:[\w.-]+\s+){0,4}?(?:newspapers?|news\s+agenc(?:y|ies)|"
                        r"agenc(?:y|ies)|media|daily|broadcasters?|television|TV|radio|outlets?)\b",
                        re.I)
# What an offensive is launched into or against: its target; others named after it are not.
_ATTACKED = re.compile(r"\b(?:into|against|on|in|of)\s+(?:the\s+)?$", re.I)
_WINDOW = 40


def _before(text: str, m: Mention) -> str:
    return text[max(0, m.start - _WINDOW):m.start]


def not_parties(action: str, text: str, mentions: list[Mention],
                trigger_end: int) -> list[Mention]:
    """The mentions (of a clause's objects) that stand in the sentence but take no part."""
    out = []
    for m in mentions:
        before = _before(text, m)
        if m.start > trigger_end and action != "statement" and \
                _DISCUSSED.search(text, trigger_end, m.start):
            out.append(m)
            continue
        # An offensive's own war word ("an offensive against Ukraine") names its target.
        topic = m.kind in ("country", "place") and (
            (_WAR_BEFORE.search(before) and action != "offensive")
            or _WAR_AFTER.match(text[m.end:m.end + 12])
            or _OUTLET_OF.match(text[m.end:m.end + 60]))
        sender = action in ("visit", "meeting") and _SENT_BY.search(before)
        destination = action == "invitation" and m.kind in ("country", "place") and \
            _INVITED_TO.search(before)
        person_as_place = action == "deployment" and m.kind == "person"  # troops go to places
        if action == "offensive" and not _ATTACKED.search(text[max(0, m.start - 12):m.start]):
            person_as_place = True  # "…, capturing ground held by North Korean troops"
        if topic or sender or destination or person_as_place:
            out.append(m)
    return out


# "The two leaders met at the guest house": the two people last named, one of each state.
_THE_TWO = re.compile(r"\b(?:the\s+two|both)\s+(?:leaders|presidents|heads\s+of\s+state|"
                      r"foreign\s+ministers|ministers)\b(?:\s+[\w’'-]+){0,3}\s*$", re.I)


def the_two(before: str, sents: list[Sentence], k: int, pair: tuple[str, ...]) -> list[Actor]:
    """The people "the two leaders" just before a trigger of sentence ``k`` refers to: the two
    people of two states the nearest sentence names together, else the last person named of
    each of the article's two states, or none when the article has not named both."""
    if len(pair) != 2 or not _THE_TWO.search(before):
        return []
    found: dict[str, Mention] = {}
    for i in range(k - 1, -1, -1):
        # "Putin and Kim met in Beijing. The two leaders …": the two last named together, of
        # two states, whichever states the article names most.
        together: dict[str, Mention] = {}
        for m in reversed(sents[i].mentions):
            if m.kind == "person" and m.form != "unresolved" and m.country:
                together.setdefault(m.country, m)
        if len(together) == 2 and not found:
            return [Actor(name=m.name, country=m.country, role=m.role)
                    for m in sorted(together.values(), key=lambda m: m.start)]
        for m in reversed(sents[i].mentions):
            if m.kind == "person" and m.form != "unresolved" and m.country in pair:
                found.setdefault(m.country, m)
        if len(found) == 2:
            return [Actor(name=m.name, country=m.country, role=m.role)
                    for m in sorted(found.values(), key=lambda m: pair.index(m.country))]
    return []
