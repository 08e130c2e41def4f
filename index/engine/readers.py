"""Reading a generation's Whoosh files: searchers that fail fast on damaged files and keep the
field lengths in memory.

Both reach into whoosh3's internals, which is why whoosh3 is pinned exactly; where they differ,
each falls back to Whoosh's public way.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher


class ReadStorage(FileStorage):
    """A read-only file storage without memory maps, which closes the files a failed searcher
    opened: Whoosh leaves them open when a damaged segment fails to read.

    No memory maps: with them each searcher keeps a copy of most of the segment in memory;
    reading through the file is slightly slower but keeps the bot small.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path, supports_mmap=False)
        self._opening = threading.local()

    def open_file(self, name: str, **kwargs: Any) -> Any:
        f = super().open_file(name, **kwargs)
        opened = getattr(self._opening, "files", None)
        if opened is not None:
            opened.append(f)
        return f

    def searcher(self, ix: Any, weighting: Any = None) -> Searcher:
        """A new searcher over ``ix`` (an index of this storage), scoring with ``weighting``
        (Whoosh's default if None), its field lengths loaded."""
        self._opening.files = []
        try:
            extra = {} if weighting is None else {"weighting": weighting}
            s = Searcher(_reader(ix), fromindex=ix, **extra)
            try:
                preload_lengths(s)
            except BaseException:
                s.close()
                raise
            return s
        except BaseException:
            for f in self._opening.files:
                with contextlib.suppress(Exception):
                    f.close()
            raise
        finally:
            self._opening.files = None


def _reader(ix: Any) -> Any:
    """The index's reader, tried once. Whoosh's ``reader()`` retries an OSError ten times over
    half a second, presuming a writer deleted a file just then; a served generation is never
    written, so that would only delay the answer that it is damaged."""
    read_toc, make = getattr(ix, "_read_toc", None), getattr(ix, "_reader", None)
    if read_toc is None or make is None:
        return ix.reader()
    info = read_toc()
    return make(ix.storage, info.schema, info.segments, info.generation)


class _LoadedLengths:
    """A field-length column held in memory (one byte per document)."""

    def __init__(self, raw: bytes, default: int) -> None:
        self._raw, self._default = raw, default

    def __getitem__(self, docnum: int) -> int:
        return self._raw[docnum] if docnum < len(self._raw) else self._default


def preload_lengths(searcher: Searcher) -> int:
    """Hold each segment's field lengths in memory; returns how many columns were loaded.

    BM25 needs every scored document's field length, and Whoosh reads each one from the file
    (a seek and a read per posting) — a fifth of the time of a query over common words. The
    columns are one byte per document per field (165 KB for 165,000 passages). This reaches into
    whoosh3's per-document reader, which is why whoosh3 is pinned exactly; where its internals
    differ, nothing is preloaded and Whoosh reads from the file as before.
    """
    loaded = 0
    for leaf, _offset in searcher.leaf_searchers():
        perdoc = getattr(leaf.reader(), "_perdoc", None)
        readers = getattr(perdoc, "_readers", None)
        if perdoc is None or not isinstance(readers, dict):
            continue
        for fieldname, fieldobj in leaf.schema.items():
            if not fieldobj.scorable:
                continue
            lenfield = _lenfield(fieldname)
            col = perdoc._cached_reader(lenfield, LENGTHS_COLUMN)
            if col is None or isinstance(col, _LoadedLengths) or getattr(col, "_fixedlen", 0) != 1:
                continue
            raw = col._dbfile.get(col._basepos, col._count)
            readers[lenfield] = _LoadedLengths(bytes(raw), col._default)
            loaded += 1
    return loaded
