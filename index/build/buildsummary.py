"""What a build did, for the CLI, `/reindex` and `/status`, and what it compares with.

A summary compares with the served generation's ``meta.json``: which articles were added,
updated and removed, which merged events gained or lost sources, which disagreements are new,
and whether there was anything to do at all.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.corpus.loader import Problem
from index.engine.store import META, served_name
from index.merge.incremental import Delta


@dataclass
class BuildSummary:
    """What a build did, for the CLI, `/reindex` and `/status`."""

    generation: str
    built_at: str
    duration_s: float
    articles: int
    passages: int
    events: int = 0
    merged: int = 0
    mode: str = "full"
    reprocessed: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    sources_gained: dict[str, list[str]] = field(default_factory=dict)
    sources_lost: dict[str, list[str]] = field(default_factory=dict)
    new_disagreements: list[str] = field(default_factory=list)
    full_reason: str | None = None  # why a full build ran where an incremental one was asked
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase
    # True when an incremental build found nothing to do: ``generation`` is the served one,
    # kept as it was, and no new generation was made.
    nothing_changed: bool = False

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        out["skipped"] = [{"path": p.path, "message": p.message} for p in self.skipped]
        return out


def served_meta(index_dir: Path) -> dict[str, object] | None:
    """The served generation's meta.json, or None if there is none or it is unreadable."""
    name = served_name(index_dir)
    if name is None:
        return None
    try:
        return json.loads((index_dir / name / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def served_shas(served: dict[str, object] | None) -> dict[str, str]:
    """Each article of the served generation and the hash of the file it was built from."""
    arts = (served or {}).get("articles") or {}
    return {d: str(a.get("sha256")) for d, a in arts.items()}  # type: ignore[union-attr]


def same_as_served(served: dict[str, object] | None, corpus_dir: Path,
                   skipped: list[Problem]) -> bool:
    """Whether the served generation was built from ``corpus_dir`` and skipped the same files
    for the same reasons: then a build that changes no article has nothing to write (the served
    summary, which `/status` shows, is still true)."""
    if not served or served.get("corpus_dir") != str(corpus_dir):
        return False
    summary = served.get("summary")
    before = summary.get("skipped") if isinstance(summary, dict) else None
    if not isinstance(before, list):
        return False
    try:
        was = sorted((str(p["path"]), str(p["message"])) for p in before)
    except (TypeError, KeyError):
        return False
    return was == sorted((p.path, p.message) for p in skipped)


def compare_events(summary: BuildSummary, delta: Delta) -> None:
    """Merged events that gained or lost sources, and disagreements that are new."""
    def docs(e: dict[str, object]) -> set[str]:
        return {m["doc_id"] for m in e.get("evidence", [])}  # type: ignore[union-attr, index]

    for eid in sorted(set(delta.before) & set(delta.write)):
        old, new = delta.before[eid], delta.write[eid]
        gained, lost = docs(new) - docs(old), docs(old) - docs(new)
        if gained:
            summary.sources_gained[eid] = sorted(gained)
        if lost:
            summary.sources_lost[eid] = sorted(lost)
    if summary.mode == "full":
        return  # a full build has no previous events to compare with
    old_notes = {n for e in delta.before.values() for n in e.get("notes", [])}  # type: ignore[union-attr]
    summary.new_disagreements = sorted({n for e in delta.write.values()
                                        for n in e.get("notes", [])  # type: ignore[union-attr]
                                        if n not in old_notes})
