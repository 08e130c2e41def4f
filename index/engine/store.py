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
import pickle
import re
import shutil
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.filedb.filetables import FileFormatError
from whoosh.reading import CorruptIndexError
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index.engine.integrity import (
    FileRecord,
    file_problem,
    parse_records,
    size_problem,
    stat_signature,
)
from index.engine.readers import ReadStorage
from index.engine.spelling import SpellingIndex
from index.errors import IndexDamaged, IndexUnavailable
from index.models import Source

log = logging.getLogger(__name__)

POINTER = "CURRENT"
GEN_PREFIX = "gen-"
META = "meta.json"
WHOOSH_DIR = "whoosh"
VOCABULARY = "vocabulary.json"
INDEX_FILES = "index_files"  # meta.json's record of the Whoosh files (`index.engine.integrity`)
# What reading damaged Whoosh files raises (truncated, deleted or altered segments): anything
# else a query raises is a bug, unless the files' checksums say otherwise.
DAMAGE_ERRORS = (EOFError, OSError, zlib.error, pickle.UnpicklingError, struct.error,
                 FileFormatError, CorruptIndexError)

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


# What a pointer may name: generation folders are named by `new_generation_dir`. Anything else
# in CURRENT (binary bytes, a path, megabytes of text) is damage, never a path to follow.
_GENERATION_NAME = re.compile(rf"{GEN_PREFIX}[0-9A-Za-z_-]{{1,200}}")
_POINTER_MAX_BYTES = 256


def read_pointer(index_dir: Path) -> str | None:
    """The name of the served generation, or ``None`` if none was ever switched in.

    Raises:
        IndexDamaged: ``CURRENT`` exists but names no generation (a folder, unreadable, binary,
            too long, or not a generation's name).
    """
    path = index_dir / POINTER
    try:
        with open(path, "rb") as fh:
            raw = fh.read(_POINTER_MAX_BYTES + 1)  # never all of a huge file
    except (FileNotFoundError, NotADirectoryError):
        return None
    except IsADirectoryError as exc:
        raise IndexDamaged(f"{POINTER} is a folder, not a file") from exc
    except OSError as exc:
        raise IndexDamaged(f"{POINTER} cannot be read: {exc.strerror or exc}") from exc
    name = raw.decode("ascii", errors="replace").strip()
    if not name:
        return None
    if len(raw) > _POINTER_MAX_BYTES or not _GENERATION_NAME.fullmatch(name):
        raise IndexDamaged(f"{POINTER} does not name a generation")
    return name


def served_name(index_dir: Path) -> str | None:
    """`read_pointer`, with a damaged ``CURRENT`` read as no pointer: for builds, which then
    build everything and replace it."""
    try:
        return read_pointer(index_dir)
    except IndexDamaged:
        return None


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
    pointer = index_dir / POINTER
    if pointer.is_dir() and not pointer.is_symlink():
        # A file cannot replace a folder. Moved aside rather than deleted: it is not ours.
        aside = index_dir / f"{POINTER}.folder-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        os.replace(pointer, aside)
        log.warning("%s was a folder; moved it to %s to write the pointer", pointer, aside)
    write_atomic(pointer, gen_dir.name + "\n")
    log.info("now serving generation %s", gen_dir.name)


def clean_partial_generations(index_dir: Path) -> list[str]:
    """Remove what a killed build left: generations without meta.json, temporary pointer files.

    Call only while holding the build lock, so no build in progress is mistaken for a dead one.
    """
    if not index_dir.is_dir():
        return []
    current = served_name(index_dir)
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
    current = served_name(index_dir)
    gens = sorted((p for p in index_dir.glob(f"{GEN_PREFIX}*") if p.is_dir()),
                  key=lambda p: p.name, reverse=True)
    older = [g for g in gens if g.name != current]
    removed = []
    for gen in older[keep:]:
        shutil.rmtree(gen, ignore_errors=True)
        removed.append(gen.name)
    return removed


def _unreadable(path: Path, exc: BaseException) -> str:
    """Why a generation folder does not open, in a few words."""
    if isinstance(exc, FileNotFoundError) and not path.is_dir():
        return f"the generation {path.name} is missing"
    if isinstance(exc, OSError) and exc.filename:
        return f"{Path(exc.filename).name} cannot be read: {exc.strerror or exc}"
    return f"the generation {path.name} does not open: {type(exc).__name__}"


@dataclass
class Generation:
    """One opened, read-only generation: its Whoosh index and its build metadata.

    Whoosh searchers are not safe to share between threads, so each thread gets its own,
    reused across queries (opening one costs ~45 ms; reusing it costs nothing).
    """

    name: str
    path: Path
    meta: dict[str, Any]
    _storage: ReadStorage | None = None
    _ix: Any = None
    _events_ix: Any = None
    _local: threading.local = field(default_factory=threading.local)
    _searchers: list[Searcher] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _spelling: SpellingIndex | None = None
    _sources: dict[str, Source] = field(default_factory=dict)
    _records: dict[str, FileRecord] | None = None
    # The checksums' verdict (what is damaged, or None) and the file stats it was made for.
    _verdict: tuple[tuple[object, ...], str | None] | None = None

    @classmethod
    def open(cls, path: Path, *, check_only: bool = False) -> Generation:
        """Open a generation folder (``check_only``: prove that it opens, and close it).

        Raises:
            IndexDamaged: a served generation whose files are missing, have changed size, or
                no longer open.
            IndexUnavailable: (``check_only``) the new folder is not a complete generation.
        """
        records: dict[str, FileRecord] | None = None
        try:
            meta = {} if check_only else json.loads((path / META).read_text(encoding="utf-8"))
            records = parse_records(meta.get(INDEX_FILES)) if isinstance(meta, dict) else None
            # Sizes only (a stat per file): deleted and truncated segments show before any query.
            if records and (problem := size_problem(path / WHOOSH_DIR, records)):
                raise IndexDamaged(problem)
            storage = ReadStorage(str(path / WHOOSH_DIR))
            ix = storage.open_index(indexname="passages")
            events_ix = storage.open_index(indexname="events")
        except IndexDamaged:
            raise
        except Exception as exc:
            # Whoosh reading a garbled table of contents can raise almost anything. A served
            # generation was proven to open before it was switched in, so any failure now
            # means its files changed; a new one failing its check is the build's own error.
            if check_only:
                raise IndexUnavailable(f"the new index generation {path.name} does not open "
                                       f"({type(exc).__name__}: {exc})") from exc
            problem = file_problem(path / WHOOSH_DIR, records) if records else None
            raise IndexDamaged(problem or _unreadable(path, exc)) from exc
        gen = cls(name=path.name, path=path, meta=meta, _storage=storage, _ix=ix,
                  _events_ix=events_ix, _records=records)
        if check_only:
            gen.close()
        return gen

    def damage(self, error: BaseException) -> str | None:
        """What is damaged, if damage explains ``error`` (raised while reading this generation).

        The files' sizes are compared every time (a stat each), their checksums only when the
        files changed since the last verdict: a bug that fails every query of some kind must
        not reread the whole index each time. A generation built before the files were
        recorded can only be judged by the kind of error.
        """
        if self._records is None:
            return "its files cannot be read" if isinstance(error, DAMAGE_ERRORS) else None
        wdir = self.path / WHOOSH_DIR
        if (problem := size_problem(wdir, self._records)) is not None:
            return problem
        signature = stat_signature(wdir, self._records)
        with self._lock:
            if self._verdict is None or self._verdict[0] != signature:
                self._verdict = (signature, file_problem(wdir, self._records))
            return self._verdict[1]

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
            assert self._storage is not None
            s = self._storage.searcher(ix, weighting)
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
        """Whether a generation has ever been switched in (a damaged pointer counts: building
        afresh in its place is for `tumen index --full` to decide, not for a query)."""
        try:
            return read_pointer(self.index_dir) is not None
        except IndexDamaged:
            return True

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

    def diagnose(self, error: Exception) -> None:
        """Raise `IndexDamaged` if damage to the served generation explains ``error``, which a
        query over it raised; return otherwise (the caller re-raises ``error``)."""
        gen = self._gen
        problem = gen.damage(error) if gen is not None else None
        if problem is not None:
            # Not an error with a traceback: the cause is known, and the user is told it.
            log.info("the index generation %s is damaged (%s); a query failed with %s",
                     gen.name if gen else "?", problem, type(error).__name__)
            raise IndexDamaged(problem) from error

    def close(self) -> None:
        """Close the open generation (for tests and shutdown)."""
        with self._lock:
            for gen in (self._gen, self._retired):
                if gen is not None:
                    gen.close()
            self._gen = self._retired = None
