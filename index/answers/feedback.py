"""The analysts' feedback log: citations someone marked as wrong, one JSON object a line.

Appended to from the bot ("Wrong citation?"), listed by `tumen feedback`. Each record holds
what is needed to correct the corpus or the extractor: the passage id, the command that showed
it and who said so; never the text of the answer (the passage id leads back to it).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from index.errors import TumenError

_WRITE = threading.Lock()  # one append at a time, so two clicks never interleave a line


@dataclass(frozen=True)
class Feedback:
    """One "Wrong citation?" report."""

    at: str  # UTC, ISO 8601 to the second
    passage_id: str
    command: str
    user_id: int


def record(path: Path, passage_id: str, command: str, user_id: int) -> Feedback:
    """Append a report to the log at ``path`` (created with its folder) and return it."""
    entry = Feedback(at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                     passage_id=passage_id, command=command, user_id=user_id)
    line = json.dumps(asdict(entry), ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _WRITE, path.open("a", encoding="utf-8") as out:
            out.write(line)
    except OSError as exc:
        raise TumenError(f"cannot write the feedback log {path}: {exc.strerror}") from None
    return entry


def read(path: Path) -> list[Feedback]:
    """Every report in the log, oldest first; no log is no reports. A line that is not a
    report (a torn write, a hand edit) is skipped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise TumenError(f"cannot read the feedback log {path}: {exc.strerror}") from None
    out = []
    for line in text.splitlines():
        try:
            raw = json.loads(line)
            out.append(Feedback(at=str(raw["at"]), passage_id=str(raw["passage_id"]),
                                command=str(raw["command"]), user_id=int(raw["user_id"])))
        except (ValueError, KeyError, TypeError):
            continue
    return out
