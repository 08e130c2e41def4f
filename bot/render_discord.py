"""Rendering Answers as Discord embeds, one embed per page, always inside Discord's limits.

Everything quoted is escaped for Discord markdown first; only our own markers (bold for matched
words, the block quote, links) are markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from discord.utils import escape_markdown

from bot import budget
from bot.render_text import count_phrase
from index.answers.present import human
from index.models import Answer, Citation, Item, Source

COLOUR = discord.Colour(0x3B6EA5)
PASSAGES_PER_PAGE = 5
SOURCES_PER_PAGE = 15


def _esc(text: str) -> str:
    return escape_markdown(text, as_needed=False)


def highlighted(quote: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The quote escaped for markdown, with the highlighted spans in bold."""
    out, pos = [], 0
    for s, e in sorted(spans):
        if s < pos:
            continue
        out += [_esc(quote[pos:s]), "**", _esc(quote[s:e]), "**"]
        pos = e
    out.append(_esc(quote[pos:]))
    # Adjacent bold words read as one phrase: "**Sochi** **Olympics**" -> "**Sochi Olympics**".
    return "".join(out).replace("** **", " ")


def _link(title: str, url: str | None) -> str:
    text = _esc(title).replace("[", "(").replace("]", ")")
    if not url or not url.startswith(("http://", "https://")):
        return f"“{text}”"
    safe = url.replace(")", "%29").replace(" ", "%20")
    return f"[{text}]({safe})"


def source_label(src: Source) -> str:
    """``Publisher · date`` with the unknowns said plainly."""
    return f"{src.publisher or 'publisher unknown'} · {src.date or 'undated'}"


def citation_block(c: Citation, limit: int) -> str:
    """A block-quoted sentence and its source line, at most ``limit`` characters."""
    tail = f"\n— {_link(c.source.title, c.source.url)} · `{c.passage_id}`"
    if len(tail) > limit // 2:
        tail = f"\n— `{c.passage_id}`"
    room = limit - len(tail) - 2
    quote = budget.trim(highlighted(c.quote, c.highlights), room)
    if quote.endswith("\\…"):  # never leave a lone escape character before the ellipsis
        quote = quote[:-2] + "…"
    return "> " + quote + tail


def _page_footer(page: int, pages: int, extra: str = "") -> str:
    text = f"Page {page}/{pages}" if pages > 1 else ""
    return budget.trim(" · ".join(t for t in (text, extra) if t), budget.FOOTER)


def _footer(embed: discord.Embed, text: str) -> None:
    if text:  # Discord rejects an empty footer text
        embed.set_footer(text=text)


def _base(title: str, description: str = "") -> discord.Embed:
    return discord.Embed(title=budget.trim(title, budget.TITLE),
                         description=budget.trim(description, budget.DESCRIPTION) or None,
                         colour=COLOUR)


def _notes(answer: Answer) -> str:
    return "\n".join(f"*{_esc(n)}*" for n in answer.notes)


def _chunks(items: tuple[Item, ...], size: int) -> list[tuple[Item, ...]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [()]


# Per-page budget: 5 fields of (100 + 900) plus title, notes and footer stay under 6,000.
FIELD_NAME_ROOM = 100
FIELD_VALUE_ROOM = 900
NOTES_ROOM = 500


def _item_field(n: int, item: Item) -> tuple[str, str]:
    c = item.citations[0]
    name = f"{n}. {source_label(c.source)}"
    return budget.trim(name, FIELD_NAME_ROOM), citation_block(c, FIELD_VALUE_ROOM)


def fit(embed: discord.Embed) -> discord.Embed:
    """Last line of defence: shrink the longest parts until the embed is within every limit."""
    while budget.embed_size(embed.to_dict()) > budget.TOTAL:  # type: ignore[arg-type]
        longest = max(range(len(embed.fields)), key=lambda i: len(embed.fields[i].value or ""),
                      default=None)
        if longest is not None and len(embed.fields[longest].value or "") > 50:
            f = embed.fields[longest]
            embed.set_field_at(longest, name=f.name, inline=f.inline,
                               value=budget.trim(f.value or "", len(f.value or "") // 2))
        elif embed.description and len(embed.description) > 50:
            embed.description = budget.trim(embed.description, len(embed.description) // 2)
        else:
            break
    return embed


def _paged(answer: Answer, noun: str, size: int,
           field: Callable[[int, Item], tuple[str, str]], nothing: str) -> list[discord.Embed]:
    """One embed per page of ``size`` items, numbered across pages; ``nothing`` when empty."""
    head = answer.heading
    if not answer.items:
        return [_base(f"{head} — nothing found", nothing)]
    pages = _chunks(answer.items, size)
    embeds = []
    for p, chunk in enumerate(pages, start=1):
        # Every page says how many of how many: a reader who turns pages still sees the cut.
        e = _base(f"{head} — {count_phrase(answer, noun)}",
                  budget.trim(_notes(answer), NOTES_ROOM))
        for i, item in enumerate(chunk, start=(p - 1) * size + 1):
            name, value = field(i, item)
            e.add_field(name=name, value=value, inline=False)
        _footer(e, _page_footer(p, len(pages)))
        embeds.append(e)
    return embeds


def render_passages(answer: Answer) -> list[discord.Embed]:
    """`/search`: one embed per page of passages."""
    nothing = "\n".join(filter(None, [_notes(answer), "Nothing found.",
                                      _esc(answer.suggestion or "")]))
    return _paged(answer, "passage", PASSAGES_PER_PAGE, _item_field, nothing)


def render_cite(answer: Answer) -> list[discord.Embed]:
    """`/cite`: the whole passage and its full citation."""
    c = answer.items[0].citations[0]
    src = c.source
    e = _base(c.passage_id, "> " + budget.trim(_esc(c.quote), budget.DESCRIPTION - 2))
    e.add_field(name="Source", value=budget.trim(
        f"{_esc(src.publisher or 'publisher unknown')} — {_link(src.title, src.url)}",
        budget.FIELD_VALUE), inline=False)
    e.add_field(name="Date", value=src.date or "undated", inline=True)
    e.add_field(name="Passage", value=f"`{c.passage_id}`", inline=True)
    if src.url:
        e.add_field(name="Link", value=budget.trim(src.url, budget.FIELD_VALUE), inline=False)
    return [e]


def render_sources(answer: Answer) -> list[discord.Embed]:
    """`/sources`: the articles, newest first, a page at a time."""
    n = len(answer.items)
    pages = _chunks(answer.items, SOURCES_PER_PAGE)
    embeds = []
    for p, chunk in enumerate(pages, start=1):
        lines = []
        for item in chunk:
            src = item.source
            assert src is not None
            lines.append(budget.trim(
                f"`{src.date or 'undated'}` **{_esc(src.publisher or 'publisher unknown')}** — "
                f"{_link(src.title, src.url)} ({item.passages} passages) `{src.doc_id}`", 300))
        e = _base(f"{n} article{'s' if n != 1 else ''} indexed", "\n".join(lines))
        _footer(e, _page_footer(p, len(pages)))
        embeds.append(e)
    return embeds


def render_help(answer: Answer) -> list[discord.Embed]:
    """`/help`: the command list."""
    return [_base("Tumen — commands", "\n".join(_esc(n) for n in answer.notes))]


def render_status(status: dict[str, Any]) -> list[discord.Embed]:
    """`/status`: the served generation and the last build's summary."""
    e = _base("Index status")
    e.add_field(name="Generation", value=f"`{status.get('generation', '?')}`", inline=False)
    e.add_field(name="Built", value=str(status.get("built_at", "?")), inline=True)
    e.add_field(name="Articles", value=str(status.get("articles", "?")), inline=True)
    e.add_field(name="Passages", value=str(status.get("passages", "?")), inline=True)
    # `merged` counts accounts folded into an event told before, not events: say accounts.
    events = status.get("events")
    accounts = f" (merged from {events + status.get('merged', 0)} accounts)" \
        if isinstance(events, int) else ""
    e.add_field(name="Events", value=f"{events if events is not None else '?'}{accounts}",
                inline=True)
    changes = (f"{status.get('mode', '?')} build in {status.get('duration_s', '?')} s: "
               f"{len(status.get('added') or [])} added, {len(status.get('updated') or [])} "
               f"updated, {len(status.get('removed') or [])} removed, "
               f"{status.get('reprocessed', '?')} processed")
    e.add_field(name="Last build", value=budget.trim(changes, budget.FIELD_VALUE), inline=False)
    disagreements = status.get("new_disagreements") or []
    if disagreements:
        e.add_field(name=f"New disagreements ({len(disagreements)})", inline=False,
                    value=budget.trim("\n".join(_esc(n) for n in disagreements),
                                      budget.FIELD_VALUE))
    skipped = status.get("skipped") or []
    if skipped:
        text = "\n".join(f"{_esc(s['path'])}: {_esc(s['message'])}" for s in skipped)
        e.add_field(name=f"Skipped files ({len(skipped)})",
                    value=budget.trim(text, budget.FIELD_VALUE), inline=False)
    return [e]


EVENTS_PER_PAGE = 4


def _event_field(n: int, item: Item) -> tuple[str, str]:
    n_sources = len({c.doc_id for c in item.citations})
    name = (f"{n}. {human(item.date)} · {(item.action or '').replace('_', ' ')} · "
            f"{item.status}")
    head = f"**{_esc(item.summary or '')}**"
    tail_lines = [f"reported by {n_sources} source{'s' if n_sources != 1 else ''}"
                  + (f" · date {item.date.precision}, {item.date.basis}" if item.date else "")]
    for c in item.citations[1:]:
        tail_lines.append(f"also {_esc(source_label(c.source))} · `{c.passage_id}`")
    tail = "\n".join(tail_lines)
    room = FIELD_VALUE_ROOM - len(head) - len(tail) - 4
    first = citation_block(item.citations[0], max(room, 120)) if item.citations else ""
    value = budget.trim(f"{head}\n{first}\n{tail}", FIELD_VALUE_ROOM)
    return budget.trim(name, FIELD_NAME_ROOM), value


def render_events(answer: Answer) -> list[discord.Embed]:
    """`/when`, `/who`, `/timeline`: events (or passages, when no event matched)."""
    if any(i.kind == "passage" for i in answer.items):
        return render_passages(answer)
    nothing = "\n".join(filter(None, [_notes(answer),
                                      _esc(answer.suggestion or "Nothing found."),
                                      _related(answer)]))
    return _paged(answer, "event", EVENTS_PER_PAGE, _event_field, nothing)


def _related(answer: Answer) -> str:
    """Near misses, under their own heading, so that none is read as the answer."""
    if not answer.related:
        return ""
    lines = ["**Related** (match only part of the question):"]
    for item in answer.related:
        pid = item.citations[0].passage_id if item.citations else ""
        head = f"{human(item.date)} — {item.summary}" if item.kind == "event" else \
            (item.citations[0].quote[:100] if item.citations else "")
        lines.append(f"• {_esc(head)} · `{pid}`")
    return budget.trim("\n".join(lines), NOTES_ROOM)


RENDERERS = {"when": render_events, "who": render_events, "timeline": render_events,
             "search": render_passages, "cite": render_cite, "sources": render_sources,
             "help": render_help}


def page_items(answer: Answer) -> list[tuple[Item, ...]]:
    """The items shown on each page, as `render` lays them out."""
    if answer.command in ("when", "who", "timeline") and \
            not any(i.kind == "passage" for i in answer.items):
        size = EVENTS_PER_PAGE
    elif answer.command == "sources":
        size = SOURCES_PER_PAGE
    else:
        size = PASSAGES_PER_PAGE
    return _chunks(answer.items, size)


def render(answer: Answer) -> list[discord.Embed]:
    """The pages of any Answer (one embed each), each within Discord's limits."""
    return [fit(e) for e in RENDERERS.get(answer.command, render_passages)(answer)]
