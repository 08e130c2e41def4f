"""Whether a clause states something that happened, was planned, reported or denied — or is only
background talk that states no event at all."""

from __future__ import annotations

import datetime as dt
import re

from index.events.dates import bounds
from index.models import EventDate

_DENIED = re.compile(r"\b(?:did not|didn't|does not|doesn't|never|denied|deny|denies|refused|"
                     r"rejected|no plans to|not (?:going|planning) to|will not|won't|"
                     r"(?:has|have|had|is|are|was|were) yet to|"
                     r"cancel(?:l)?ed (?:the|his|her|their) (?:visit|trip|meeting))\b", re.I)
# "A visit by Putin to North Korea is not on the agenda": what the words after it rule out.
_DENIED_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,6}?\s+(?:is|was|are|were)\s+(?:not|no\s+longer)\s+"
                           r"(?:on\s+the\s+agenda|planned|scheduled|expected|being\s+planned|"
                           r"being\s+prepared)\b|(?:\s+[\w’'-]+){0,6}?\s+(?:is|was|has\s+been)\s+"
                           r"(?:ruled\s+out|off\s+the\s+table|called\s+off|cancell?ed)\b", re.I)
_PLANNED = re.compile(
    r"\b(?:will|would|shall|is to|are to|was to|were to|plan|plans|planned|planning|intends?|"
    r"intended|expects? to|expected to|(?:is|are|was|were) expected|set to|scheduled|due to|"
    r"could|(?-i:may)|might|aims? to|"
    r"hopes? to|goal|proposed|going to|getting ready|preparing|in the coming|to be held|"
    r"preliminary negotiations|invited|invitation|possible|potential|prospective|upcoming|"
    r"forthcoming|future|would-be|anticipated|imminent|proposal|to be)\b", re.I)
_REPORTED = re.compile(r"\b(?:reportedly|allegedly|alleged|is said to|are said to|"
                       r"were said to|was said to|unconfirmed|rumou?red|likely|probably|"
                       r"suspected|believed to|accus(?:e|ed|es|ing)\s+(?:[\w’'-]+\s+){0,3}?of|"
                       r"estimated|estimate|"
                       # "declined to comment on reports that troops were in Russia"
                       r"(?:reports?|rumou?rs?|claims?|allegations?|speculation)\s+that)\b",
                       re.I)
# Generic statements ("Kim has held very few meetings …") and conditionals state no event.
_BACKGROUND = re.compile(
    r"\bha(?:s|ve|d) (?:held|had|made|paid) (?:very )?(?:few|no|many|several|numerous)\b"
    r"|^\W*(?:if|unless|whether)\b|\bwhether or not\b|\bcould potentially\b"
    r"|\b(?:several|many|numerous|countless) times\b|\brepeatedly\b", re.I)
# "… fueled speculation that Kim may visit Russia": what is guessed at is neither done nor
# planned by anyone.
_SPECULATION = re.compile(r"\bspeculat(?:ion|ions|ed|es|ing)\b|\brumou?rs?\b|\bguesswork\b",
                          re.I)
# "… confirmed whether any agreements were signed", "it is highly improbable that Russia is
# receiving …": an open question or a doubt states nothing (in its own part of the sentence:
# "While no one confirmed whether …, Shoigu departed" still tells the departure).
# "The accord calls on each side to come to the other's aid in case of an armed attack", "the
# treaty sets out tasks in trade": what a document provides for is no event, nor what would
# be done in case of something.
_PROVISION = re.compile(
    r"\b(?:treaty|accord|agreement|pact|document|deal|protocol|law)\b.*?\b(?:calls? (?:on|for)|"
    r"commits?|sets? out|stipulates?|provides? for|obliges?|obligates?|envisages?|"
    r"includes? (?:a )?provisions?)\b", re.I)
_CONDITION = re.compile(r"\bin (?:the )?(?:case|event) of\b", re.I)
_DOUBT = re.compile(r"\bwhether\b|\b(?:improbable|unlikely|doubtful|implausible)\b", re.I)
_UNSAID = re.compile(r"\b(?:not|never|neither|nor|often|frequently|regularly|routinely|"
                     r"repeatedly|always|usually)\s+(?:\w+\s+)?$", re.I)
_INVITE = re.compile(r"\b(?:invited|invitation|accepted)\b", re.I)
_PAST = re.compile(r"\w+ed\b|said\b|told\b|made\b|gave\b|held\b", re.I)
_MODAL_AFTER = re.compile(r"(?:visits?|trip|meeting|talks|summit|agreement|treaty|deal|accord|"
                          r"pact|exercises|drills|flights?|trains?)[”\"]?\s+(?:would|will|could|"
                          r"might|is to|are to|is expected to|is scheduled to)\b", re.I)
_HEDGED_PAST = re.compile(r"\b(?:may|might|could|must)\s+(?:\w+ly\s+|already\s+)?have\s+"
                          r"(?:already\s+)?(?:been\s+)?\w+(?:ed|en|t)\b", re.I)
_PARTICIPLE_NOUN = re.compile(r"(?:treaty|treaties|accords?|agreements?|pacts?|deals?|protocols?|"
                              r"declarations?|memorand(?:um|a))\b"
                              r"(?:(?!\b(?:will|would|shall|be|been|is|are|was|were|to)\b).)*"
                              r"\b(?:signed|concluded)$",
                              re.I | re.S)
_LAST_WORD = re.compile(r"[\w’'-]+\W*$")
_WINDOW = 60  # characters before the trigger in which a modal governs it


def is_background(clause: str, sentence: str) -> bool:
    """Whether the clause is conditional, generic or a question rather than an event."""
    return bool(_BACKGROUND.search(clause)) or sentence.rstrip().endswith("?")


def is_speculation(clause: str, trigger_at: int) -> bool:
    """Whether the trigger sits in what a clause says is speculation ("speculation that Kim
    could visit", "has been speculated as a possible occasion for Kim's trip"), doubt, or a
    document's provision ("the treaty calls on each side to come to the other's aid")."""
    if _SPECULATION.search(clause, 0, trigger_at) or _PROVISION.search(clause, 0, trigger_at):
        return True
    if _CONDITION.search(clause, max(0, trigger_at - 40), trigger_at + 40):
        return True  # "to come to the other's aid in case of an armed attack"
    part = clause.rfind(",", 0, trigger_at) + 1
    return bool(_DOUBT.search(clause, part, trigger_at))


def is_unsaid(clause: str, trigger_at: int) -> bool:
    """Whether a verb of saying is negated or habitual: "Russia has not confirmed", "never
    confirmed or denied", "Ukraine has often claimed" tell of no statement made."""
    return bool(_UNSAID.search(clause, max(0, trigger_at - 25), trigger_at))


# "Air Koryo operates two flights per week": a schedule, not news of a day.
_HABITUAL = re.compile(r"\b(?:per|each|every)\s+(?:week|day|month|year)\b|"
                       r"\b(?:\d+|one|two|three|four|five|six|seven|eight|ten|several)\s+"
                       r"(?:[\w-]+\s+){0,3}?a\s+(?:week|day|month|year)\b|"
                       r"\b(?:daily|weekly|monthly|twice|thrice|regularly)\b", re.I)
# "The train operations will be handled by …": a modal right after a noun trigger.
_MODAL_NEXT = re.compile(r"[”\"]?\s+(?:would|will|could|might|shall|is to|are to|is expected to|"
                         r"are expected to|is scheduled to|are scheduled to)\b", re.I)


# Ties and trade are talked of all the time ("trade persists", "deepening defence ties"); an
# undated mention is news only with a figure or a verb of doing something about them.
_TIES = frozenset({"trade", "military"})
_DONE_ABOUT = re.compile(r"\b(?:launch|set(?:ting)?\s+up|establish|open|creat|sign|agree|"
                         r"discuss|held|hold|form|found|inaugurat|conclud|negotiat)\w*", re.I)


# "In 2000, Putin became the first Russian leader to visit North Korea": a first told in the
# past is done; its doer is the subject of "became".
FIRST_TO = re.compile(r"\b(?:became|was|were|has\s+become|had\s+become)\s+(?:the|a)\s+"
                      r"(?:first|second|third|last|only)\s+(?:[\w-]+\s+){0,4}to\s*$", re.I)


def is_talk_of_ties(action: str, clause: str, dated: bool, figures: bool) -> bool:
    """Whether an undated mention of trade or military ties only describes the relations."""
    return action in _TIES and not dated and not figures and not _DONE_ABOUT.search(clause)


def is_habitual(clause: str, dated: bool) -> bool:
    """Whether an undated clause tells what is done regularly rather than what was done."""
    return not dated and bool(_HABITUAL.search(clause))


def _after_dct(date: EventDate | None, dct: str | None) -> bool:
    """Whether the event lies entirely after the article's own date."""
    if date is None or dct is None or date.mod == "AFTER":
        return False
    start, _ = bounds(date)
    parts = [int(x) for x in dct.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    last = dt.date(year, 12, 31) if len(parts) == 1 else (
        dt.date(year, month, parts[2]) if len(parts) == 3 else
        dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    return start > last


def clause_status(clause: str, trigger_at: int, date: EventDate | None, dct: str | None,
                  action: str = "", trigger_end: int | None = None) -> str:
    """``happened``, ``planned``, ``reported`` or ``denied`` for the trigger at ``trigger_at``
    (ending at ``trigger_end``)."""
    before = clause[max(0, trigger_at - _WINDOW):trigger_at]
    ahead = before  # the words before the trigger alone ("agreed to" before "open a bridge")
    if trigger_end is not None and (last := _LAST_WORD.search(clause, trigger_at, trigger_end)):
        # "Flights between the capitals may have been suspended": a trigger that runs from its
        # noun to its verb has the verb's auxiliaries inside it.
        before += " " + clause[trigger_at:last.start()]
    if _PARTICIPLE_NOUN.match(clause, trigger_at, trigger_end or trigger_at):
        # "would replace the Treaty of Friendship signed in 1961": a modal before the document
        # governs another verb; the participle after it tells of a signing done.
        before = ""
    if _HEDGED_PAST.search(before):
        return "reported"  # "may have already been suspended": perhaps done, not planned
    if action == "invitation":
        # Being invited makes the *visit* planned; the invitation itself was made. Its date is
        # usually the visit's, so the date says nothing about its status either.
        before = _INVITE.sub(" ", before)
        date = None
    if action == "statement":
        # "X will visit Y, the Kremlin announced": the modal belongs to what was announced,
        # not to the announcing; only words after the last comma or quote govern the verb.
        before = re.split(r"[,;“”\"]", before)[-1]
    if _DENIED.search(before) or _DENIED_AFTER.match(clause, trigger_end or trigger_at):
        return "denied"
    infinitive = any(b.rstrip().lower().endswith(" to") and not re.search(
        r"\b(?:went|came|go|come|travell?ed|moved|sent|according)\s+to$", b.rstrip(), re.I)
        and not FIRST_TO.search(b) for b in (before, ahead))
    # A statement in the past tense was made, whatever date it speaks of.
    told = action == "statement" and bool(_PAST.match(clause[trigger_at:trigger_at + 40]))
    # "The visit will take place …", "a trilateral agreement would include …".
    after = _MODAL_AFTER.search(clause, trigger_at, trigger_at + 50)
    modal_after = after is not None and action != "statement" and after.start() - trigger_at < 25
    if trigger_end is not None and action != "statement" and _MODAL_NEXT.match(clause,
                                                                               trigger_end):
        modal_after = True
    if _PLANNED.search(before) or infinitive or modal_after or (
            _after_dct(date, dct) and not told):
        return "planned"
    # A statement's own verb ("accused") does not make it hearsay.
    own = trigger_end if action == "statement" and trigger_end is not None else trigger_at
    if _REPORTED.search(before) or _REPORTED.search(clause[own:trigger_at + _WINDOW]):
        return "reported"
    return "happened"
