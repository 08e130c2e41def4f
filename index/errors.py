"""The project's exception hierarchy: one place, so every front end maps it the same way.

Messages are written for the person who typed the command: one sentence, no traceback.
"""

from __future__ import annotations


class TumenError(Exception):
    """Base of every error Tumen reports to a user as a plain sentence."""


class QueryError(TumenError):
    """The user's command or query cannot be answered as typed (empty, unknown command, …)."""


class NotFound(TumenError):
    """A passage id, doc id or prefix matches nothing (or more than one thing)."""


class IndexUnavailable(TumenError):
    """No usable index generation exists (never built, or the build failed)."""


class IndexDamaged(IndexUnavailable):
    """The served generation's files are not what its build wrote (truncated, deleted,
    altered); only a full build repairs it."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"The index is damaged ({detail}): run `tumen index --full`.")
        self.detail = detail


class BuildError(TumenError):
    """A build could not produce a new generation; the previous one keeps serving."""


class CorpusError(TumenError):
    """The corpus directory itself is unusable (missing, not a directory, unreadable)."""


class NotAllowed(TumenError):
    """The user lacks the rights for an admin command."""
