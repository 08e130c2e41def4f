"""Index generations on disk and the pointer that names the served one.

Layout under the index directory::

    CURRENT              the name of the served generation (replaced atomically)
    gen-<stamp>-<pid>/   one complete build: ``whoosh/`` and ``meta.json``
    build.lock           held by the one running build

A build writes a new generation beside the served one and then replaces ``CURRENT`` with
``os.replace``, so a reader sees either the old generation or the new one, never a half-written
index. Readers watch ``CURRENT`` themselves: after a directory swap Whoosh's own ``refresh()``
would keep serving the old index without noticing.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.filedb.filestore import FileStorage
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index.errors import IndexUnavailable
from index.models import Source
from index.spelling import SpellingIndex

log = logging.getLogger(__name__)

POINTER = "CURRENT"
GEN_PREFIX = "gen-"
META = "meta.json"
WHOOSH_DIR = "whoosh"
VOCABULARY = "vocabulary.json"

# An event told by several sources holds each one's sentence: length weighs less in its
# ranking than in a passage's, or the best-attested events would rank last.
EVENT_WEIGHTING = BM25F(text_B=0.3)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (no-op where directories can't be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new content, never a mix."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def read_pointer(index_dir: Path) -> str | None:
    """The name of the served generation, or ``None`` if none was ever switched in."""
    try:
        name = (index_dir / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def new_generation_dir(index_dir: Path) -> Path:
    """Create an empty, uniquely named generation folder (not yet served)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    now = time.time()
    # Microseconds in the name: generations sort by name in the order they were started.
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f"{int(now % 1 * 1e6):06d}"
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        path = index_dir / f"{GEN_PREFIX}{stamp}-{os.getpid()}{suffix}"
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise OSError(f"could not create a new generation folder in {index_dir}")


def switch_to(index_dir: Path, gen_dir: Path) -> None:
    """Serve ``gen_dir`` from now on (atomic pointer replacement)."""
    fsync_dir(gen_dir)
    write_atomic(index_dir / POINTER, gen_dir.name + "\n")
    log.info("now serving generation %s", gen_dir.name)


def clean_partial_generations(index_dir: Path) -> list[str]:
    """Remove what a killed build left: generations without meta.json, temporary pointer files.

    Call only while holding the build lock, so no build in progress is mistaken for a dead one.
    """
    if not index_dir.is_dir():
        return []
    current = read_pointer(index_dir)
    removed = []
    for p in index_dir.glob(f"{GEN_PREFIX}*"):
        if p.is_dir() and p.name != current and not (p / META).exists():
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p.name)
    for tmp in index_dir.glob(f".{POINTER}.tmp-*"):
        tmp.unlink(missing_ok=True)
    if removed:
        log.info("removed partial generations left by an interrupted build: %s", removed)
    return removed


def remove_stale_generations(index_dir: Path, keep: int = 1) -> list[str]:
    """Delete generations other than the served one and the ``keep`` newest older ones.

    Open searchers of a deleted generation keep working (the files stay open), so this is safe
    for readers of this process; other processes re-read ``CURRENT`` before every query.
    """
    current = read_pointer(index_dir)
    gens = sorted((p for p in index_dir.glob(f"{GEN_PREFIX}*") if p.is_dir()),
                  key=lambda p: p.name, reverse=True)
    older = [g for g in gens if g.name != current]
    removed = []
    for gen in older[keep:]:
        shutil.rmtree(gen, ignore_errors=True)
        removed.append(gen.name)
    return removed


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


@dataclass
class Generation:
    """One opened, read-only generation: its Whoosh index and its build metadata.

    Whoosh searchers are not safe to share between threads, so each thread gets its own,
    reused across queries (opening one costs ~45 ms; reusing it costs nothing).
    """

    name: str
    path: Path
    meta: dict[str, Any]
    _ix: Any = None
    _events_ix: Any = None
    _local: threading.local = field(default_factory=threading.local)
    _searchers: list[Searcher] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _spelling: SpellingIndex | None = None
    _sources: dict[str, Source] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path, *, check_only: bool = False) -> Generation:
        """Open a generation folder (``check_only``: prove that it opens, and close it).

        Raises:
            IndexUnavailable: the folder is not a complete generation.
        """
        try:
            meta = {} if check_only else json.loads((path / META).read_text(encoding="utf-8"))
            # No memory maps: with them each searcher keeps a copy of most of the segment in
            # memory; reading through the file is slightly slower but keeps the bot small.
            storage = FileStorage(str(path / WHOOSH_DIR), supports_mmap=False)
            ix = storage.open_index(indexname="passages")
            events_ix = storage.open_index(indexname="events")
        except (OSError, ValueError, whoosh_index.IndexError) as exc:
            raise IndexUnavailable(f"the index generation {path.name} cannot be opened ({exc}); "
                                   "rebuild it with `tumen index --full`") from exc
        gen = cls(name=path.name, path=path, meta=meta, _ix=ix, _events_ix=events_ix)
        if check_only:
            gen.close()
        return gen

    def source(self, doc_id: str) -> Source:
        """The article ``doc_id`` as citations name it (made once: an answer may cite an
        article hundreds of times, and the objects are immutable)."""
        found = self._sources.get(doc_id)
        if found is None:
            a = self.meta.get("articles", {}).get(doc_id, {})
            found = Source(doc_id, a.get("title") or doc_id, a.get("publisher"), a.get("date"),
                           a.get("url"))
            self._sources[doc_id] = found
        return found

    def searcher(self) -> Searcher:
        """This thread's searcher over the passages."""
        return self._thread_searcher("searcher", self._ix)

    def events_searcher(self) -> Searcher:
        """This thread's searcher over the events."""
        return self._thread_searcher("events_searcher", self._events_ix, EVENT_WEIGHTING)

    def spelling(self) -> SpellingIndex:
        """The corpus's words (lower case), for spelling suggestions; loaded on first use."""
        if self._spelling is None:
            try:
                words = json.loads((self.path / VOCABULARY).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                words = []
            self._spelling = SpellingIndex(words)
        return self._spelling

    def _thread_searcher(self, slot: str, ix: Any, weighting: Any = None) -> Searcher:
        s = getattr(self._local, slot, None)
        if s is None:
            s = ix.searcher(weighting=weighting) if weighting is not None else ix.searcher()
            preload_lengths(s)
            setattr(self._local, slot, s)
            with self._lock:
                self._searchers.append(s)
        return s

    def close(self) -> None:
        """Close every searcher opened on this generation."""
        with self._lock:
            for s in self._searchers:
                s.close()
            self._searchers.clear()
        self._ix.close()
        self._events_ix.close()


class Store:
    """The served generation of an index directory, reopened when ``CURRENT`` changes."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._gen: Generation | None = None
        self._retired: Generation | None = None
        self._lock = threading.Lock()

    def exists(self) -> bool:
        """Whether a generation has ever been switched in."""
        return read_pointer(self.index_dir) is not None

    def current(self) -> Generation:
        """The served generation, reopening it if a build switched the pointer.

        Raises:
            IndexUnavailable: nothing has been built yet, or the served generation is broken.
        """
        name = read_pointer(self.index_dir)
        if name is None:
            raise IndexUnavailable(f"no index in {self.index_dir} yet; build it with `tumen index`")
        gen = self._gen
        if gen is not None and gen.name == name:
            return gen
        with self._lock:
            if self._gen is None or self._gen.name != name:
                new = Generation.open(self.index_dir / name)
                # The replaced generation stays open for one more switch: a query in flight
                # may still be reading it. The one retired before that is closed now.
                if self._retired is not None:
                    self._retired.close()
                self._retired, self._gen = self._gen, new
            return self._gen

    def close(self) -> None:
        """Close the open generation (for tests and shutdown)."""
        with self._lock:
            for gen in (self._gen, self._retired):
                if gen is not None:
                    gen.close()
            self._gen = self._retired = None
