"""Knowing whether a generation's index files are still the ones its build wrote.

A build records each Whoosh file's size and CRC-32 (in ``meta.json`` for readers, and in the
build state for the next build). Readers compare sizes when they open a generation (a deleted or
truncated segment is caught before any query), and checksums when a query fails in a way
damage could explain; an incremental build compares both before it links the served files
into the new generation, so a damaged file is never carried forward.

CRC-32, not a cryptographic hash: this guards against disks and people, not attackers, and at
10,000 articles (~500 MB of index) it costs a tenth of a second where SHA-256 costs a quarter.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

FileRecord = tuple[int, int]
"""A file's (size in bytes, CRC-32)."""

_BLOCK = 1 << 20


def index_file_names(wdir: Path) -> list[str]:
    """The files of a Whoosh folder that make up the index (not its lock files)."""
    return sorted(f.name for f in wdir.iterdir() if f.is_file() and "LOCK" not in f.name)


def checksum(path: Path) -> int:
    """The CRC-32 of a file's content."""
    crc = 0
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            crc = zlib.crc32(block, crc)
    return crc


def record_files(wdir: Path, *, like: Path | None = None,
                 known: dict[str, FileRecord] | None = None) -> dict[str, FileRecord]:
    """Size and checksum of each index file in ``wdir``.

    Files that are hard links to the file of the same name in ``like`` keep their record in
    ``known`` (already verified), so an incremental build checksums only what it wrote.
    """
    known = known or {}
    out: dict[str, FileRecord] = {}
    for name in index_file_names(wdir):
        path = wdir / name
        if like is not None and name in known and _same_file(path, like / name):
            out[name] = known[name]
        else:
            out[name] = (path.stat().st_size, checksum(path))
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def size_problem(wdir: Path, records: dict[str, FileRecord]) -> str | None:
    """What is wrong with the files' sizes (missing, truncated, grown), or None."""
    for name, (size, _crc) in sorted(records.items()):
        try:
            actual = (wdir / name).stat().st_size
        except FileNotFoundError:
            return f"{name} is missing"
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
        if actual != size:
            return f"{name} has {actual} bytes instead of {size}"
    return None


def stat_signature(wdir: Path, records: dict[str, FileRecord]) -> tuple[object, ...]:
    """What changes whenever one of the files is written, replaced or deleted (inode, size,
    modification time): a checksum verdict holds as long as this does."""
    out: list[object] = []
    for name in sorted(records):
        try:
            st = (wdir / name).stat()
        except OSError:
            out.append(None)
            continue
        out.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(out)


def file_problem(wdir: Path, records: dict[str, FileRecord]) -> str | None:
    """What is wrong with the files (sizes first, then checksums), or None if all match."""
    if (problem := size_problem(wdir, records)) is not None:
        return problem
    for name, (_size, crc) in sorted(records.items()):
        try:
            if checksum(wdir / name) != crc:
                return f"{name} does not match its checksum"
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
    return None


def parse_records(raw: object) -> dict[str, FileRecord] | None:
    """Records as ``meta.json`` holds them (``{name: [size, crc]}``), or None if malformed."""
    if not isinstance(raw, dict) or not raw:
        return None
    out: dict[str, FileRecord] = {}
    for name, value in raw.items():
        if (not isinstance(name, str) or "/" in name or name.startswith(".")
                or not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) for v in value)):
            return None
        out[name] = (value[0], value[1])
    return out
