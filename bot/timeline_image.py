"""A timeline picture (PNG) of an events answer, for Discord on a phone-width screen.

`layout_timeline` decides what is drawn (pure Python, testable without pixels);
`render_timeline_png` draws it with matplotlib's object-oriented API on the Agg canvas: no pyplot
and no global state, so renders may run in parallel worker threads of the bot.

One row per event, in date order: the label (date as a person writes it — summary) on top, the
event's mark below it at its real precision — a dot for a day, a bar for a week, month, season or
range, a faint bar for a year or decade, an arrow for "after X"/"before X". Colour is the action;
fill is the status (solid happened, hollow planned, hatched reported, dotted with a cross denied);
mark size and a "N sources" badge show how many articles report it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from index.answers.present import human
from index.models import Answer, Item

MAX_ROWS = 30
LEGEND_COLS = 4
TITLE_CHARS = 60  # a 500-character query must not run off the picture
# The figure is laid out in inches at a fixed width and the dpi scales it to ``width_px``, so
# fonts keep their proportion at every width; 8 in is a power of two, so 8 * (px / 8) == px.
FIG_W_IN = 8.0
MARGIN_IN = 0.3
ROW_IN = 0.58
LABEL_PT = 14.0
SMALL_PT = 11.5
# DejaVu Sans averages about 0.5 em per character of English text; a label that still overflows
# (capitals, wide letters) is drawn a little smaller by `_fit`.
_CHAR_EM = 0.53
LABEL_CHARS = int((FIG_W_IN - 2 * MARGIN_IN) * 72 / (LABEL_PT * _CHAR_EM))

# Okabe–Ito and Tol colours: distinguishable with the common colour-vision deficiencies.
ACTION_COLOURS = {
    "visit": "#0072B2", "meeting": "#56B4E9", "invitation": "#CC79A7", "agreement": "#009E73",
    "debt_relief": "#E69F00", "trade": "#8C6D31", "military": "#D55E00", "aid": "#999933",
    "sanctions": "#882255", "statement": "#6B6B6B",
}
OTHER_COLOUR = "#A0A0A0"
STATUSES = ("happened", "planned", "reported", "denied")

Shape = Literal["point", "bar", "faint", "after", "before"]


@dataclass(frozen=True)
class Row:
    """One drawn event: where its mark goes and what its label says."""

    item_index: int  # position of the event in ``answer.items``
    label: str
    start: dt.date
    end: dt.date
    shape: Shape
    action: str
    status: str
    sources: int


@dataclass(frozen=True)
class Layout:
    """What the picture shows: the rows in drawing order and what was left out."""

    title: str
    rows: tuple[Row, ...]
    more: int  # dated events beyond the row cap, not drawn
    undated: int  # events without a calendar date, counted in a note
    lo: dt.date  # the date axis
    hi: dt.date

    @property
    def subtitle(self) -> str:
        n = len(self.rows)
        parts = [f"{n} dated event{'s' if n != 1 else ''}"]
        if self.more:
            parts.append(f"+{self.more} more not shown")
        if self.undated:
            parts.append(f"undated: {self.undated}")
        return " · ".join(parts)


def _shape(item: Item) -> tuple[dt.date, dt.date, Shape] | None:
    d = item.date
    if d is None or not d.start or not d.end:
        return None
    start, end = dt.date.fromisoformat(d.start), dt.date.fromisoformat(d.end)
    if d.mod == "AFTER":
        return end, end, "after"  # open-ended from the end of X
    if d.mod == "BEFORE":
        return start, start, "before"
    if start == end:
        return start, end, "point"
    return start, end, "faint" if d.precision in ("year", "decade") else "bar"


def _truncate(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—-") + "…"


def _label(item: Item, limit: int) -> str:
    summary = (item.summary or (item.action or "event").replace("_", " ")).strip()
    if item.place and item.place not in summary:
        summary += f" ({item.place})"
    # The status word stays whole (it changes the meaning); the summary gives way. Summaries
    # may already end in it: take it off so it is neither doubled nor truncated away.
    suffix = f" ({item.status})" if item.status and item.status != "happened" else ""
    summary = summary.removesuffix(suffix) if suffix else summary
    head = f"{human(item.date)} — "
    return head + _truncate(summary, max(12, limit - len(head) - len(suffix))) + suffix


def layout_timeline(answer: Answer, *, max_rows: int = MAX_ROWS,
                    label_chars: int = LABEL_CHARS) -> Layout:
    """The rows `render_timeline_png` draws: every dated event up to ``max_rows`` (those
    reported by most sources first, then in answer order), sorted by date."""
    title = answer.heading if answer.command else "Timeline"
    title = _truncate(" ".join(title.split()), TITLE_CHARS)
    placed: list[tuple[int, Item, dt.date, dt.date, Shape]] = []
    undated = 0
    for i, item in enumerate(answer.items):
        if item.kind != "event":
            continue
        shape = _shape(item)
        if shape is None:
            undated += 1
        else:
            placed.append((i, item, *shape))

    def sources(item: Item) -> int:
        return len({c.doc_id for c in item.citations})

    kept = sorted(placed, key=lambda p: (-sources(p[1]), p[0]))[:max_rows]
    kept.sort(key=lambda p: (p[2], p[3], p[0]))
    rows = tuple(Row(i, _label(item, label_chars), start, end, shape, item.action or "other",
                     item.status or "happened", sources(item))
                 for i, item, start, end, shape in kept)
    lo, hi = _axis(rows)
    # Events the answer itself left out (a list cut at 200) are not drawn either.
    left_out = answer.matched - len(answer.items)
    return Layout(title, rows, len(placed) - len(kept) + left_out, undated, lo, hi)


def _arrow_days(span_days: int) -> int:
    return max(20, round(span_days * 0.08))


def _axis(rows: tuple[Row, ...]) -> tuple[dt.date, dt.date]:
    """The date range shown: every mark, its arrow, and a margin; at least two months wide."""
    if not rows:
        fixed = dt.date(2000, 1, 1)  # unused by an empty picture; fixed for determinism
        return fixed, fixed
    lo, hi = min(r.start for r in rows), max(r.end for r in rows)
    span = max((hi - lo).days, 60)
    arrow = dt.timedelta(days=_arrow_days(span))
    hi = max([hi] + [r.end + arrow for r in rows if r.shape == "after"])
    lo = min([lo] + [r.start - arrow for r in rows if r.shape == "before"])
    pad = dt.timedelta(days=max(10, round(max((hi - lo).days, 60) * 0.03)))
    return lo - pad, hi + pad


# --- drawing ----------------------------------------------------------------------------------


@cache
def _glyphs() -> frozenset[int]:
    """Code points the bundled DejaVu Sans can draw (a missing glyph makes matplotlib warn)."""
    from matplotlib import ft2font
    from matplotlib.font_manager import FontProperties, findfont

    path = findfont(FontProperties(family="DejaVu Sans"), fallback_to_default=True)
    return frozenset(ft2font.FT2Font(path).get_charmap())


def _safe(text: str) -> str:
    """``text`` with characters the font lacks shown as a box, as a browser would."""
    glyphs = _glyphs()
    return "".join(ch if ord(ch) in glyphs or ch in "\n " else "\u25a1" for ch in text)


def _text(target: Any, x: float, y: float, s: str, **kw: Any) -> Any:
    # parse_math=False: "$10 billion" is money, not mathtext.
    return target.text(x, y, _safe(s), parse_math=False, family="DejaVu Sans", **kw)


def _status_style(status: str, colour: str, faint: bool) -> dict[str, Any]:
    """Face, edge, hatch and line style of a bar for ``status``."""
    if status == "planned":
        return {"facecolor": "white", "edgecolor": colour, "hatch": None, "linestyle": "-"}
    if status == "reported":
        return {"facecolor": "white", "edgecolor": colour, "hatch": "////", "linestyle": "-"}
    if status == "denied":
        return {"facecolor": "white", "edgecolor": colour, "hatch": None, "linestyle": ":"}
    return {"facecolor": colour, "edgecolor": colour, "hatch": None, "linestyle": "-",
            "alpha": 0.3 if faint else 1.0}


def _draw_row(ax: Any, y: float, row: Row, layout: Layout, num: Any) -> None:
    from matplotlib.patches import Rectangle

    colour = ACTION_COLOURS.get(row.action, OTHER_COLOUR)
    weight = min(row.sources, 4) - 1  # 0..3: more sources, bigger mark
    span = (layout.hi - layout.lo).days
    x0, x1 = num(row.start), num(row.end + dt.timedelta(days=1))
    mid = y + 0.68
    pad = 5.0  # points between the mark and its badge
    if row.shape in ("bar", "faint"):
        min_w = span * 0.007  # a month on a decade axis must still be visible
        if x1 - x0 < min_w:
            x0, x1 = (x0 + x1 - min_w) / 2, (x0 + x1 + min_w) / 2
        h = 0.24 + 0.05 * weight
        style = _status_style(row.status, colour, row.shape == "faint")
        ax.add_patch(Rectangle((x0, mid - h / 2), x1 - x0, h, linewidth=1.6, zorder=3, **style))
        if row.shape == "faint" and row.status == "happened":  # a crisp outline on the wash
            ax.add_patch(Rectangle((x0, mid - h / 2), x1 - x0, h, fill=False, edgecolor=colour,
                                   linewidth=1.2, zorder=3))
    elif row.shape == "point":
        x1 = x0 = (x0 + x1) / 2
        fill = {"happened": "full", "reported": "left"}.get(row.status, "none")
        size = 10 + 2.5 * weight
        ax.plot([x0], [mid], marker="o", markersize=size, color=colour, fillstyle=fill,
                markerfacecoloralt="white", markeredgewidth=2, zorder=4, linestyle="none")
        pad = size / 2 + 4
    else:  # an open bound: a tick at X and an arrow pointing away from it
        sign = 1 if row.shape == "after" else -1
        x0 = num(row.end + dt.timedelta(days=1)) if sign > 0 else num(row.start)
        x1 = x0 + sign * _arrow_days(span)
        line = "--" if row.status in ("planned", "denied") else "-"
        ax.plot([x0, x0], [mid - 0.16, mid + 0.16], color=colour, linewidth=2.5, zorder=4)
        ax.annotate("", xy=(x1, mid), xytext=(x0, mid), zorder=4, annotation_clip=False,
                    arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 2.2,
                                "linestyle": line, "mutation_scale": 16})
        x0, x1 = min(x0, x1), max(x0, x1)
    if row.status == "denied":
        ax.plot([(x0 + x1) / 2], [mid], marker="x", markersize=9, color="#222222",
                markeredgewidth=2, zorder=5, linestyle="none")
    if row.sources > 1:
        _badge(ax, f"{row.sources} sources", x0, x1, mid, pad, layout, num)


def _badge(ax: Any, text: str, x0: float, x1: float, y: float, pad: float, layout: Layout,
           num: Any) -> None:
    """The source count beside the mark: right of it, else left, else inside a wide bar."""
    lo, hi = num(layout.lo), num(layout.hi)
    room = (hi - lo) * 0.2  # "N sources" needs about a fifth of the axis
    inside = None
    if x1 < hi - room:
        x, ha, dx = x1, "left", pad
    elif x0 > lo + room:
        x, ha, dx = x0, "right", -pad
    else:
        x, ha, dx = x1, "right", -pad
        inside = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}
    ax.annotate(text, xy=(x, y), xytext=(dx, 0), textcoords="offset points", ha=ha,
                va="center", fontsize=SMALL_PT, color="#444444", zorder=6, bbox=inside,
                parse_math=False, family="DejaVu Sans")


def _legend(fig: Any, rows: tuple[Row, ...], top_frac: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, labels = [], []
    for action in ACTION_COLOURS:
        if any(r.action == action for r in rows):
            handles.append(Patch(facecolor=ACTION_COLOURS[action]))
            labels.append(action.replace("_", " "))
    if any(r.action not in ACTION_COLOURS for r in rows):
        handles.append(Patch(facecolor=OTHER_COLOUR))
        labels.append("other")
    marker = {"color": "#444444", "marker": "o", "markersize": 9, "markeredgewidth": 2,
              "linestyle": "none", "markerfacecoloralt": "white"}
    cross = Line2D([], [], marker="x", markersize=7, color="#222222", markeredgewidth=2,
                   linestyle="none")
    for status, fill in (("happened", "full"), ("planned", "none"), ("reported", "left"),
                         ("denied", "none")):
        if any(r.status == status for r in rows):
            handle = Line2D([], [], fillstyle=fill, **marker)
            # A tuple handle is drawn as its parts on top of each other: circle and cross.
            handles.append((handle, cross) if status == "denied" else handle)
            labels.append(status)
    # Legends fill column by column; reorder so entries read left to right, line by line.
    order = [i * LEGEND_COLS + j for j in range(LEGEND_COLS)
             for i in range(-(-len(handles) // LEGEND_COLS)) if i * LEGEND_COLS + j < len(handles)]
    handles, labels = [handles[k] for k in order], [labels[k] for k in order]
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(MARGIN_IN / FIG_W_IN,
               top_frac), ncols=LEGEND_COLS, frameon=False, fontsize=SMALL_PT + 0.5,
               handlelength=1.4, columnspacing=1.2, borderaxespad=0, prop={"family": "DejaVu Sans"})


def _legend_entries(rows: tuple[Row, ...]) -> int:
    actions = {r.action if r.action in ACTION_COLOURS else "other" for r in rows}
    return len(actions) + len({r.status for r in rows} & set(STATUSES))


def render_timeline_png(answer: Answer, *, width_px: int = 800) -> bytes:
    """The answer's events as a timeline PNG exactly ``width_px`` wide (height grows with the
    number of events); a small notice image when there is no dated event.

    CPU-bound (~0.5 s for 30 events): call it off the event loop, e.g. `asyncio.to_thread`.
    """
    if not 200 <= width_px <= 4000:
        raise ValueError(f"width_px must be between 200 and 4000, not {width_px}")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    layout = layout_timeline(answer)
    dpi = width_px / FIG_W_IN
    n = len(layout.rows)
    legend_rows = -(-_legend_entries(layout.rows) // LEGEND_COLS)
    head_in = 0.95 + 0.3 * legend_rows  # title, subtitle, legend
    axis_in = 0.35  # tick labels above and below the rows
    height_in = head_in + 2 * axis_in + n * ROW_IN + 0.15 if n else 1.3
    fig = Figure(figsize=(FIG_W_IN, height_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    left = MARGIN_IN / FIG_W_IN

    def at(inches_from_top: float) -> float:
        return 1 - inches_from_top / height_in

    _text(fig, left, at(0.15), layout.title, fontsize=LABEL_PT + 2, weight="bold", va="top")
    if not n:
        what = "No dated events to draw"
        what += f" (undated: {layout.undated})." if layout.undated else "."
        _text(fig, left, at(0.65), what, fontsize=LABEL_PT, va="top", color="#333333")
        return _png(fig, dpi)
    _text(fig, left, at(0.55), layout.subtitle, fontsize=SMALL_PT, va="top", color="#555555")
    _legend(fig, layout.rows, at(0.9))

    from matplotlib import dates as mdates

    rows_top = head_in + axis_in
    ax = fig.add_axes((left, at(rows_top + n * ROW_IN), 1 - 2 * left, n * ROW_IN / height_in))
    num = mdates.date2num
    ax.set_xlim(num(layout.lo), num(layout.hi))
    ax.set_ylim(n, 0)  # row 0 at the top
    ax.set_yticks([])
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_tick_label)
    ax.tick_params(axis="x", labeltop=True, top=True, labelsize=SMALL_PT, colors="#333333",
                   labelfontfamily="DejaVu Sans")
    ax.grid(axis="x", color="#D0D0D0", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("left", "right"):
        ax.spines[side].set_visible(False)
    for y, row in enumerate(layout.rows):
        if y % 2:
            ax.axhspan(y, y + 1, color="#F2F3F5", zorder=0.5, linewidth=0)
        # Label at the left edge, not beside the mark: the full width is the label's room.
        label = _text(ax, num(layout.lo) + (layout.hi - layout.lo).days * 0.005, y + 0.08,
                      row.label, fontsize=LABEL_PT, va="top", ha="left", color="#111111",
                      zorder=6)
        _fit(label, ax)
        _draw_row(ax, y, row, layout, num)
    return _png(fig, dpi)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _tick_label(x: float, _pos: int | None = None) -> str:
    """"2015" on a new year, else "Jul 2014" or "5 Jul 2014": every tick says its year (a phone
    user sees a slice of the picture) and month names do not follow the server's locale."""
    from matplotlib import dates as mdates

    d = mdates.num2date(x)
    if (d.month, d.day) == (1, 1):
        return str(d.year)
    month = f"{_MONTHS[d.month - 1]} {d.year}"
    return month if d.day == 1 else f"{d.day} {month}"


def _fit(text: Any, ax: Any) -> None:
    """Shrink ``text`` until it ends inside the axes (the character budget is an estimate)."""
    renderer = ax.figure.canvas.get_renderer()
    right = ax.get_window_extent(renderer).x1
    size = text.get_fontsize()
    while text.get_window_extent(renderer).x1 > right and size > LABEL_PT - 3:
        size -= 0.5
        text.set_fontsize(size)


def _png(fig: Any, dpi: float) -> bytes:
    buf = io.BytesIO()
    # No "Software" text: the bytes depend only on the picture, not the matplotlib version.
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buf.getvalue()
