"""Rendering Answers as plain text for the terminal (`tumen ask`, `tumen console`)."""

from __future__ import annotations

import textwrap
from typing import Any

from index.answers.present import human
from index.build.build import BuildSummary
from index.models import Answer, Citation, Item, Source

BOLD_MARKDOWN = ("**", "**")
BOLD_ANSI = ("\x1b[1m", "\x1b[0m")
WIDTH = 100


def highlight(quote: str, spans: tuple[tuple[int, int], ...], marks: tuple[str, str]) -> str:
    """Wrap each highlighted span of ``quote`` in ``marks``; adjacent spans merge."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1] + 1 and not quote[merged[-1][1]:s].strip():
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out += [quote[pos:s], marks[0], quote[s:e], marks[1]]
        pos = e
    out.append(quote[pos:])
    return "".join(out)


def source_line(src: Source, passage_id: str | None = None, *, with_url: bool = False) -> str:
    """``Publisher, “Title”, date`` (with "undated" and "publisher unknown" said plainly)."""
    parts = [src.publisher or "publisher unknown", f"“{src.title}”", src.date or "undated"]
    if with_url and src.url:
        parts.append(src.url)
    line = ", ".join(parts)
    return f"{line} · {passage_id}" if passage_id else line


def _citation(c: Citation, marks: tuple[str, str], prefix: str) -> list[str]:
    pad = " " * len(prefix)
    quote = highlight(c.quote, c.highlights, marks)
    body = textwrap.fill(f"“{quote}”", width=WIDTH, initial_indent=prefix,
                         subsequent_indent=pad + " ")
    return [body, f"{pad}— {source_line(c.source, c.passage_id)}"]


def _item(n: int, item: Item, marks: tuple[str, str]) -> list[str]:
    if item.kind == "source" and item.source is not None:
        src = item.source
        return [f"{src.date or 'undated':<10}  {src.publisher or 'publisher unknown'} — "
                f"“{src.title}” ({item.passages} passages)  {src.doc_id}"]
    lines = []
    if item.kind == "event":
        lines.append(f"{n:>2}. {event_headline(item)}")
        lines.append(f"    {event_facts(item)}")
        for c in item.citations:
            lines += _citation(c, marks, prefix="    ")
        return lines
    for i, c in enumerate(item.citations):
        lines += _citation(c, marks, prefix=f"{n:>2}. " if i == 0 else "    ")
    return lines


def event_headline(item: Item) -> str:
    """``May 2014 — Vladimir Putin wrote off debt of North Korea``."""
    return f"{human(item.date)} — {item.summary}"


def event_facts(item: Item) -> str:
    """Action, status, date precision and how many sources report it, on one line."""
    n = len({c.doc_id for c in item.citations})
    parts = [(item.action or "").replace("_", " "), item.status or "",
             f"date: {item.date.precision}, {item.date.basis}" if item.date else "no date given",
             f"reported by {n} source{'s' if n != 1 else ''}"]
    if item.place:
        parts.insert(2, f"place: {item.place}")
    return " · ".join(p for p in parts if p)


def count_phrase(answer: Answer, noun: str) -> str:
    """``10 passages``, or ``10 of 250 passages`` (``of about 250``) when the list is cut."""
    n, total = len(answer.items), answer.matched
    plural = noun if total == 1 else noun + "s"
    if not answer.cut:
        return f"{n} {plural}"
    return f"{n} of {'' if answer.total_exact else 'about '}{total:,} {plural}"


def render_answer(answer: Answer, *, ansi: bool = False) -> str:
    """The whole answer as text; matched words in bold (ANSI on a terminal, else ``**``)."""
    marks = BOLD_ANSI if ansi else BOLD_MARKDOWN
    if answer.command in ("help", "status"):
        return "\n".join(answer.notes)
    if answer.command == "cite" and answer.formatted is not None:
        return answer.formatted
    if answer.command == "cite" and answer.items:
        c = answer.items[0].citations[0]
        return "\n".join([c.passage_id, textwrap.fill(c.quote, width=WIDTH), "",
                          f"— {source_line(c.source, with_url=True)}"])
    lines: list[str] = []
    n = len(answer.items)
    if answer.command == "sources":
        lines.append(f"{n} article{'s' if n != 1 else ''} indexed")
    else:
        kinds = {i.kind for i in answer.items}
        what = "event" if kinds == {"event"} else "passage" if kinds == {"passage"} else "answer"
        lines.append(f"{answer.heading} — {count_phrase(answer, what)}" if n else
                     f"{answer.heading} — nothing found")
    lines += [f"Note: {note}" for note in answer.notes]
    if answer.command == "sources" and answer.items:
        lines.append("")
    for i, item in enumerate(answer.items, start=1):
        if item.kind != "source":
            lines.append("")
        lines += _item(i, item, marks)
    if answer.suggestion:
        lines += ["", answer.suggestion]
    if answer.related:
        lines += ["", "Related — these match only part of the question:"]
        for item in answer.related:
            pid = item.citations[0].passage_id if item.citations else ""
            head = event_headline(item) if item.kind == "event" else \
                (item.citations[0].quote[:120] if item.citations else "")
            lines.append(f"  - {head} · {pid}")
    return "\n".join(lines)


def format_summary(s: BuildSummary, rebuild: str = "`tumen index --full`") -> str:
    """The build summary as a few lines for the terminal (and for /reindex); ``rebuild`` is how
    to ask for a full build where the reader is."""
    if s.nothing_changed:
        lines = [f"Nothing changed in the corpus since generation {s.generation} was built: it "
                 f"keeps serving its {s.articles} articles, {s.passages} passages and {s.events} "
                 f"events, and no new generation was made (checked in {s.duration_s:.2f} s). "
                 f"{rebuild} rebuilds everything anyway."]
        if s.skipped:
            lines.append(f"Skipped {len(s.skipped)}, as before:")
        return "\n".join(lines + [f"  skipped {p.path}: {p.message}" for p in s.skipped])
    lines = [f"Indexed {s.articles} articles, {s.passages} passages, {s.events} events "
             f"(merged from {s.events + s.merged} accounts in the articles) in "
             f"{s.duration_s:.2f} s — {s.mode} build, "
             f"{s.reprocessed} article{'s' if s.reprocessed != 1 else ''} processed "
             f"(generation {s.generation}).",
             *([f"Rebuilt everything: {s.full_reason}."] if s.full_reason else []),
             f"Added {len(s.added)}, updated {len(s.updated)}, removed {len(s.removed)}, "
             f"skipped {len(s.skipped)}."]
    for label, ids in (("added", s.added), ("updated", s.updated), ("removed", s.removed)):
        if ids:
            shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
            lines.append(f"  {label}: {shown}")
    lines += [f"  skipped {p.path}: {p.message}" for p in s.skipped]
    if s.sources_gained or s.sources_lost:
        lines.append(f"  merged events that gained sources: {len(s.sources_gained)}, "
                     f"lost sources: {len(s.sources_lost)}")
    lines += [f"  new disagreement: {n}" for n in s.new_disagreements[:5]]
    return "\n".join(lines)


def status_lines(status: dict[str, Any]) -> list[str]:
    """`/status` in the terminal: the served generation and what its build did."""
    lines = [f"Index generation {status.get('generation', '?')}, built "
             f"{status.get('built_at', '?')}: {status.get('articles', '?')} articles, "
             f"{status.get('passages', '?')} passages, {status.get('events', '?')} events.",
             f"Last build: {status.get('mode', '?')}, {status.get('duration_s', '?')} s; "
             f"{len(status.get('added') or [])} added, {len(status.get('updated') or [])} "
             f"updated, {len(status.get('removed') or [])} removed, "
             f"{status.get('reprocessed', '?')} processed."]
    lines += [f"New disagreement: {n}" for n in status.get("new_disagreements") or []]
    lines += [f"Skipped {s['path']}: {s['message']}" for s in status.get("skipped") or []]
    return lines
