"""The ``Timex`` record returned by :func:`index.timex.tag`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3-style time expression found in a text.

    ``start``/``end`` are ``str`` offsets into the tagged text and ``text == input[start:end]``.
    ``value`` follows TIMEX3 ("2014-04-28", "2015-W05", "P3D", "PAST_REF", "2014-04-28/2014-04-30"
    for a range).  ``mod`` is TIMEX3's modifier ("START" for "early", "MID", "END", "APPROX",
    "MORE_THAN", ...).  ``anchor`` says where the value came from: "explicit" (the text alone),
    "dct" (the document date), "context" (an earlier date in the text) or "none" (unresolved).
    ``range_value`` is set on both halves of a coordinated pair ("September and October",
    "between May and July") to the whole span, e.g. "2014-09/2014-10".
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchor: str = "explicit"
    range_value: str | None = None
