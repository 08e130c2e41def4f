"""Time-expression tagger (TIMEX3, HeidelTime-style "news" resolution), standard library only.

    >>> from index.timex import tag
    >>> [(t.text, t.value) for t in tag("He arrived on May 9, 2014.")]
    [('May 9, 2014', '2014-05-09')]

``tag(text, dct)`` finds dates, times, durations and sets in a whole article and normalises them
against the document creation time ``dct`` ("YYYY-MM-DD", "YYYY-MM", "YYYY" or None) and against
the dates mentioned earlier in the same text.  It never reads the system clock.
"""

from index.timex.api import tag
from index.timex.model import Timex

__all__ = ["Timex", "tag"]
