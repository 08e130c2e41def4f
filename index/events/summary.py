"""One-line summaries of events, written the way an analyst would jot them down."""

from __future__ import annotations

import re

from index.events.lexicon import Action
from index.events.people import distinct
from index.models import Actor

MAX_NAMES = 3
_DANGLING = re.compile(r"\s+(?:with|of|to|on|concerning|against|for)$")


def _names(actors: list[Actor]) -> str:
    names = [a.name for a in actors[:MAX_NAMES]]
    if len(actors) > MAX_NAMES:
        names.append(f"{len(actors) - MAX_NAMES} more")
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def summarize(action: Action, actors: list[Actor], targets: list[Actor],
              companions: list[Actor], place: str | None, status: str) -> str:
    """E.g. "Yuri Trutnev visited North Korea (Pyongyang)", "Kim Jong-un to visit Russia
    (planned)", "Aid to North Korea"."""
    if not action.doer:
        actors, targets = [], distinct(actors + targets)
    whom = _names(targets) or (place if action.name == "visit" else "")
    who = _names(actors)
    if companions:
        who += f" with {_names(companions)}"
    if not who:
        text = action.label[:1].upper() + action.label[1:]
        if whom:
            text += f" {action.preposition} {whom}"
    else:
        verb = action.verb if status in ("happened", "reported") else f"to {action.base}"
        if status == "denied":
            verb = f"did not {action.base}"
        text = f"{who} {verb}"
        text = f"{text} {whom}" if whom else _DANGLING.sub("", text)
    if place and place not in text:
        text += f" ({place})"
    # "did not visit" already says it was denied; a headline without a doer must say so.
    if status in ("planned", "reported") or (status == "denied" and not who):
        text += f" ({status})"
    return text
