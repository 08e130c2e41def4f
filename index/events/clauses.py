"""How a sentence divides into clauses, which triggers a clause holds, and which of them
stand as events of their own (a statement framing another action, an action only describing
another)."""

from __future__ import annotations

import re

from index.events.annotate import Sentence
from index.events.lexicon import Action, lexicon
from index.models import Span

# Clause boundaries inside a sentence: each clause can state its own event and date.
_CLAUSE = re.compile(r";|,?\s+and then\s+|,\s+then\s+|,\s+while\s+|,\s+but\s+|,\s+whereas\s+"
                     r"|,\s+adding that\s+"
                     r"|,\s+though,?\s+"
                     r"|,\s+and\s+(?=[^;.]*?\b(?:did|does|do)\s+(?:the\s+same|likewise|so)\b|"
                     r"[^;.]*?\bfollowed\s+suit\b)")
# "…, and the upper house, the Federation Council, did the same on November 6": the clause's
# new subject did what the clause before told.
SAME = re.compile(r"\b(?:(?:did|does|do)\s+(?:the\s+same|likewise|so)|followed\s+suit)\b",
                   re.I)
# "…, the Kremlin confirmed": the speaker of a sentence-final attribution, after a comma.
_ATTRIBUTION = re.compile(r"[,”\"]\s*(?:[\w.’'()-]+\s+){1,7}$")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATED_REPORT = re.compile(
    rf"^\s*(?:(?:on|late|early|earlier|last|this)\s+)?(?:{_WEEKDAY}|today|yesterday)\b"
    r"|^\s*(?:\w+\s+){0,3}that\b", re.I)
_TERMINAL = re.compile(r"[.!?…”\"’')]\s*$")
# "its first two confirmed cases", "the announced measures": a statement verb's participle
# standing before a noun, after a determiner or number, describes the noun; nobody spoke.
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|\d[\d,]*|two|three|"
                                 r"four|five|several|many)\s+$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(r"\s+(?!that\b|on\b|by\b|in\b|to\b)[a-z][\w-]*")


def split_clauses(text: str) -> list[Span]:
    """The clauses of a sentence, as spans: each may state its own event and date."""
    spans, pos = [], 0
    for m in _CLAUSE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def triggers_in(clause_text: str) -> list[tuple[Action, re.Match[str], bool]]:
    """Every trigger match of every action type in a clause, in text order."""
    found = []
    for action in lexicon().actions:
        found += [(action, m, False) for m in action.triggers.finditer(clause_text)
                  if not (action.name == "statement" and _attributive(clause_text, m))]
        if action.reverse is not None:
            found += [(action, m, True) for m in action.reverse.finditer(clause_text)]
    return sorted(found, key=lambda f: f[1].start())


def _attributive(text: str, m: re.Match[str]) -> bool:
    """Whether a one-word participle trigger stands as an adjective before its noun."""
    return m.group().endswith("ed") and " " not in m.group() and \
        bool(_ATTRIBUTIVE_BEFORE.search(text[:m.start()])) and \
        bool(_ATTRIBUTIVE_AFTER.match(text, m.end()))


def in_quotation(text: str, at: int) -> bool:
    """Whether position ``at`` lies inside a quotation (an odd number of quote marks before)."""
    opened = text.count("“", 0, at) - text.count("”", 0, at)
    return opened > 0 or text.count('"', 0, at) % 2 == 1


def is_heading(sent: Sentence, passage_sentences: int) -> bool:
    """Whether a sentence is a headline or subheading (a short paragraph of its own)."""
    return passage_sentences == 1 and not _TERMINAL.search(sent.text) and \
        len(sent.text.split()) <= 10


def yields(action: Action, stated: set[str]) -> bool:
    """Whether another action stated in the clause makes ``action`` only its description."""
    if not action.yields_to:
        return False
    others = stated - {action.name}
    if "*" in action.yields_to:
        by_name = {a.name: a for a in lexicon().actions}
        return any("*" not in by_name[o].yields_to for o in others)
    return bool(others & set(action.yields_to))


def frames(clause: str, trig: re.Match[str]) -> bool:
    """Whether a statement verb frames the clause's other action as news of its own: an
    attribution after it ("…, the Kremlin confirmed on Tuesday") or a dated report of it
    ("confirmed Monday that …")."""
    if _ATTRIBUTION.search(clause[:trig.start()]):
        return True
    return bool(_DATED_REPORT.match(clause[trig.end():]))


_JUDGING = re.compile(r"(?:condemn|denounc|criticis|criticiz|prais|hail|thank|slamm?|accus)\w*$",
                      re.I)
_JUDGED_OBJECT = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her|this|these|[\w-]+[’']s)\s+)?"
                            r"(?:[\w-]+\s+){0,3}", re.I)
_JUDGED_FOR = re.compile(r"\s+(?:[\w’'-]+\s+){0,5}?(?:for|of)\s+(?:(?:the|its|their|his|her)\s+)?",
                         re.I)
# "aboard his armoured train", "by special train", "on a chartered flight": the means of a
# journey, not news of a transport link.
_MEANS = re.compile(r"\b(?:by|aboard|on\s+board|on)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
                    r"(?:[\w-]+\s+){0,2}(?:train|flight|plane|jet|ferry|ship)$", re.I)
# "invited his counterpart to make a return visit", "an invitation to visit Moscow": the visit
# an invitation asks for is what it is about, not an event of its own.
_INVITED_VISIT = re.compile(r"\binvit\w*\s+(?:[\w’'-]+\s+){0,6}?to\s+(?:(?:make|pay)\s+"
                            r"(?:a|an)\s+(?:[\w-]+\s+){0,2})?$", re.I)


def judged_objects(text: str, candidates: list[tuple[Action, re.Match[str], bool, bool]]
                   ) -> dict[int, int]:
    """"The US condemned the arms transfers": what a judgement is about is its object, and the
    judgement an event of its own. Maps each judged trigger (by ``id``) to where the judging
    verb ends, after which its own doer is named ("the dispatch of troops by Pyongyang")."""
    return {id(t): j.end() for a, j, _, _ in candidates
            if a.name == "statement" and _JUDGING.match(j.group())
            for b, t, _, _ in candidates
            if b.name != "statement" and _JUDGED_OBJECT.fullmatch(text, j.end(), t.start())}


def judges_beside(text: str, candidates: list[tuple[Action, re.Match[str], bool, bool]]) -> bool:
    """"Putin thanked Kim for sending troops": the thanks stands beside what it is for."""
    return any(a.name == "statement" and _JUDGING.match(j.group()) and b.name != "statement"
               and _JUDGED_FOR.fullmatch(text, j.end(), t.start())
               for a, j, _, _ in candidates for b, t, _, _ in candidates)


def is_means(trigger: str) -> bool:
    """Whether a transport trigger only says how someone travelled ("aboard his train")."""
    return bool(_MEANS.search(trigger))


def is_invited_visit(head: str) -> bool:
    """Whether a visit trigger after ``head`` is the visit an invitation asks for."""
    return bool(_INVITED_VISIT.search(head))
