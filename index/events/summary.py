"""One-line summaries of events, written the way an analyst would jot them down."""

from __future__ import annotations

from index.events.lexicon import Action
from index.models import Actor

MAX_NAMES = 3


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
    (planned)"."""
    who = _names(actors) or "unnamed actors"
    if companions:
        who += f" with {_names(companions)}"
    whom = _names(targets)
    verb = action.verb if status in ("happened", "reported") else f"to {action.base}"
    if status == "denied":
        verb = f"did not {action.base}"
    text = f"{who} {verb}"
    if whom:
        text += f" {whom}" if not text.endswith(whom) else ""
    elif action.name == "visit" and place:
        text += f" {place}"
    if place and place not in text:
        text += f" ({place})"
    if status in ("planned", "reported"):
        text += f" ({status})"
    return text
