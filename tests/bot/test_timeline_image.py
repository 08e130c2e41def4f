"""The timeline picture: what is laid out (rows, notes) and that a PNG of the right size results."""

from __future__ import annotations

import datetime as dt
import struct
import time

import pytest

from bot.timeline_image import MAX_ROWS, layout_timeline, render_timeline_png
from index.answers.services import Library
from index.events.dates import event_date
from index.models import Answer, Citation, EventDate, Item, Source

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first."""
    assert png[:8] == PNG_MAGIC
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def cites(*doc_ids: str) -> tuple[Citation, ...]:
    return tuple(Citation(f"{d}:p1", d, "A sentence.", Source(d, "T", None, None, None))
                 for d in doc_ids)


def event(value: str | None, summary: str = "Putin met Kim", *, action: str = "meeting",
          status: str = "happened", mod: str | None = None, sources: int = 1) -> Item:
    date = event_date(value, "explicit", mod) if value else None
    return Item(kind="event", action=action, status=status, date=date, summary=summary,
                citations=cites(*(f"d{k}" for k in range(sources))))


def answer(*items: Item) -> Answer:
    return Answer("timeline", "", items)


def many(n: int) -> Answer:
    return answer(*(event(f"{2000 + i}-0{1 + i % 9}", f"Event {i}") for i in range(n)))


def test_each_precision_gets_its_own_shape() -> None:
    layout = layout_timeline(answer(
        event("2015-05-09", "a day"), event("2014-05", "a month"), event("2014", "a year"),
        event("2014-09/2014-10", "a range"), event("2015-04", "after", mod="AFTER"),
        event("2016-SU", "a season"), event("201", "a decade"),
    ))
    shapes = {r.label.split(" — ")[1]: (r.shape, r.start, r.end) for r in layout.rows}
    assert shapes["a day"] == ("point", dt.date(2015, 5, 9), dt.date(2015, 5, 9))
    assert shapes["a month"] == ("bar", dt.date(2014, 5, 1), dt.date(2014, 5, 31))
    assert shapes["a year"] == ("faint", dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    assert shapes["a range"] == ("bar", dt.date(2014, 9, 1), dt.date(2014, 10, 31))
    # "after April 2015" starts where April ends and stays open.
    assert shapes["after"] == ("after", dt.date(2015, 4, 30), dt.date(2015, 4, 30))
    assert shapes["a season"][0] == "bar"
    assert shapes["a decade"][0] == "faint"
    assert layout.lo < dt.date(2010, 1, 1) and layout.hi > dt.date(2019, 12, 31)


def test_rows_are_in_date_order_with_human_dates() -> None:
    layout = layout_timeline(answer(event("2019-04", "later"), event("2014-05", "earlier"),
                                    event("2015-04", "after", mod="AFTER")))
    assert [r.label for r in layout.rows] == [
        "May 2014 — earlier", "after April 2015 — after", "April 2019 — later"]
    assert [r.item_index for r in layout.rows] == [1, 2, 0]


def test_every_event_is_drawn_and_undated_ones_are_counted() -> None:
    items = [event("2014-05", f"dated {i}") for i in range(5)] + [event(None, "undated")] * 2
    items.append(Item(kind="passage"))  # not an event: neither drawn nor counted
    layout = layout_timeline(answer(*items))
    assert sorted(r.label for r in layout.rows) == [f"May 2014 — dated {i}" for i in range(5)]
    assert (layout.undated, layout.more) == (2, 0)
    assert "undated: 2" in layout.subtitle


def test_status_action_and_source_count_reach_the_row() -> None:
    row, = layout_timeline(answer(event("2015-05-09", "Kim to visit Russia (planned)",
                                        action="visit", status="planned", sources=3))).rows
    assert (row.action, row.status, row.sources) == ("visit", "planned", 3)
    # The status is said once even when the summary already says it.
    assert row.label == "9 May 2015 — Kim to visit Russia (planned)"


def test_long_labels_are_cut_at_a_word_but_keep_the_status() -> None:
    long = "Yuri Trutnev with governors of Russia’s far eastern provinces " * 3
    row, = layout_timeline(answer(event("2014-04", long, status="denied")),
                           label_chars=60).rows
    assert len(row.label) <= 60
    assert row.label.endswith("… (denied)")
    assert row.label.startswith("April 2014 — Yuri Trutnev with")


def test_many_events_are_capped_with_a_more_note_keeping_the_best_sourced() -> None:
    items = [event(f"{2000 + i % 20}-0{1 + i % 9}", f"E{i}") for i in range(40)]
    items[35] = event("2030-01", "well sourced", sources=3)
    layout = layout_timeline(answer(*items))
    assert len(layout.rows) == MAX_ROWS
    assert layout.more == 40 - MAX_ROWS
    assert "+10 more not shown" in layout.subtitle
    assert any(r.label.endswith("well sourced") for r in layout.rows)


def test_png_has_the_requested_width() -> None:
    for width in (800, 1000, 640):
        assert png_size(render_timeline_png(many(3), width_px=width))[0] == width


def test_height_grows_with_the_number_of_events() -> None:
    heights = [png_size(render_timeline_png(many(n)))[1] for n in (1, 5, 20)]
    assert heights[0] < heights[1] < heights[2]
    # ... but not past the row cap.
    assert png_size(render_timeline_png(many(60)))[1] == png_size(
        render_timeline_png(many(MAX_ROWS)))[1]


def test_empty_answer_gives_a_small_picture() -> None:
    for empty in (answer(), answer(event(None, "no date"))):
        width, height = png_size(render_timeline_png(empty))
        assert width == 800
        assert height < 200
    assert png_size(render_timeline_png(answer()))[1] < png_size(
        render_timeline_png(many(1)))[1]


def test_rendering_is_deterministic() -> None:
    a = answer(event("2014-05", "one", sources=2), event("2015-05-09", "two", status="planned"),
               event("2015-04", "three", mod="AFTER", status="reported"))
    assert render_timeline_png(a) == render_timeline_png(a)


def test_awkward_text_renders_without_warnings() -> None:
    # "$…$" would be mathtext and Hangul is not in the bundled font: both once failed/warned
    # (pytest turns warnings into errors here).
    a = answer(event("2014-05", "Moscow canceled $10 billion of $11 billion debt"),
               event("2014-06", "김정은 visited Vladivostok", status="denied"),
               event("2014-07", "before", mod="BEFORE", status="reported", sources=2))
    assert png_size(render_timeline_png(a))[0] == 800


def test_all_statuses_and_actions_render() -> None:
    actions = ("visit", "meeting", "invitation", "agreement", "debt_relief", "trade",
               "military", "aid", "sanctions", "statement", "something_new")
    statuses = ("happened", "planned", "reported", "denied")
    items = [event(v, f"{a} {s}", action=a, status=s, sources=1 + i % 4)
             for i, (a, s, v) in enumerate(
                 (a, s, v) for a in actions for s, v in zip(statuses, ("2014-05-01", "2014-06",
                                                                       "2015", "2016-Q2"),
                                                               strict=True))]
    layout = layout_timeline(answer(*items))
    assert len(layout.rows) == MAX_ROWS and layout.more == len(items) - MAX_ROWS
    assert png_size(render_timeline_png(answer(*items)))[0] == 800


def test_thirty_events_render_quickly() -> None:
    a = many(MAX_ROWS)
    render_timeline_png(a)  # first call loads fonts
    start = time.perf_counter()
    render_timeline_png(a)
    assert time.perf_counter() - start < 3.0  # ~0.6 s on the development machine


def test_width_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="width_px"):
        render_timeline_png(many(1), width_px=50)


def test_seed_corpus_timeline(seed_library: Library) -> None:
    timeline = seed_library.timeline()
    layout = layout_timeline(timeline)
    events = [i for i in timeline.items if i.kind == "event"]
    assert len(layout.rows) + layout.undated + layout.more == len(events) > 0
    assert [r.start for r in layout.rows] == sorted(r.start for r in layout.rows)
    assert png_size(render_timeline_png(timeline))[0] == 800


def test_event_date_built_by_hand_is_accepted() -> None:
    d = EventDate("2014-05", "2014-05-01", "2014-05-31", "month", "explicit")
    row, = layout_timeline(answer(Item(kind="event", action="visit", date=d))).rows
    assert row.label == "May 2014 — visit"


def test_renders_in_parallel_threads_identically() -> None:
    # The bot renders in worker threads: no shared pyplot state may leak between renders.
    from concurrent.futures import ThreadPoolExecutor

    answers = [many(n) for n in (2, 7, 12, 2, 7, 12)]
    expected = [render_timeline_png(a) for a in answers]
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(pool.map(render_timeline_png, answers)) == expected


def test_long_query_title_is_shortened() -> None:
    layout = layout_timeline(Answer("timeline", "Kim Jong-un visit " * 40, (event("2014-05"),)))
    assert layout.title.startswith("/timeline Kim Jong-un visit")
    assert len(layout.title) <= 60 and layout.title.endswith("…")


def test_events_the_answer_left_out_are_counted_as_not_shown() -> None:
    cut = Answer("timeline", "debt", many(3).items, total=50, time="from 2014 to 2016")
    layout = layout_timeline(cut)
    assert "3 dated events" in layout.subtitle and "+47 more not shown" in layout.subtitle
    assert layout.title == "/timeline debt from 2014 to 2016"
