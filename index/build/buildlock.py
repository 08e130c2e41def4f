"""One build at a time per index directory, across processes.

An OS-level ``flock`` is used rather than a lock *file*: the kernel releases it when the holder
dies, even by SIGKILL, so a crashed build never leaves a stale lock behind.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path
from types import TracebackType

from index.errors import BuildError

LOCK_NAME = "build.lock"


class BuildLock:
    """Context manager holding the index directory's build lock."""

    def __init__(self, index_dir: Path, who: str = "cli") -> None:
        self.path = index_dir / LOCK_NAME
        self.who = who
        self._fd: int | None = None
        self._info: dict[str, object] = {}

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BuildError(f"a build is already running ({self.holder()}); "
                             "try again when it has finished") from None
        self._info = {"pid": os.getpid(), "who": self.who,
                      "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        self._fd = fd
        self._write()
        return self

    def _write(self) -> None:
        assert self._fd is not None
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(self._info).encode(), 0)

    def update(self, done: int, total: int, stage: str | None = None) -> None:
        """Record how far the build is (``done`` of ``total`` articles processed, and the
        stage that follows them, if it began), for anyone who asks while it runs."""
        if self._fd is not None:
            self._info.update(done=done, total=total, stage=stage)
            self._write()

    def holder(self) -> str:
        """Who holds the lock, as a phrase ("pid 12, started 2026-…"), best effort."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return "holder unknown"
        text = (f"started by {info.get('who', '?')} (pid {info.get('pid', '?')}) "
                f"at {info.get('started', '?')}")
        if info.get("total"):
            text += f", {info.get('done', 0)} of {info['total']} articles processed"
        if info.get("stage"):
            text += f", now {info['stage']}"
        return text

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
