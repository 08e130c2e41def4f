"""What a front end needs besides answers, from the layers below, in one place.

The bot imports from `index` only `index.answers`, `index.build`, `index.corpus.ingest`,
`index.models` and `index.errors` (tests/test_layout.py). The few helpers it needs from other
layers are re-exported here, unchanged: how an event date reads (``human``), how typed text is
quoted back (``shown``), and, for `tumen timex`, the time tagger and its date check.
"""

from index.corpus.loader import normalize_date
from index.corpus.usertext import shown
from index.events.dates import human
from index.timex import tag

__all__ = ["human", "normalize_date", "shown", "tag"]
