"""The tracker's exception tree: one base error, a subclass per area, each saying when to catch it.

Expected findings (stale rows, QA issues) are values, never exceptions; these are for things that went wrong.
"""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error the tracker raises on purpose; catch it at the edge of a face (CLI, TUI)."""


class InputError(TrackerError):
    """A file or byte string could not be read as what it claims to be; names the source and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class NotFoundError(TrackerError):
    """A story, revision, user or paragraph named by the caller does not exist."""


class StoreError(TrackerError):
    """The database is unreachable, locked, or not at the expected schema; names the URL."""


class BusyError(StoreError):
    """Another process holds the database; retrying later is safe."""


class ConflictError(TrackerError):
    """The data changed since the caller looked at it (optimistic concurrency); reload and retry."""


class ForbiddenError(TrackerError):
    """The acting user may not do this (role, four-eyes rule)."""


class IdentityError(ForbiddenError):
    """A name given for the acting user (--as, TRACKER_USER, --author) is not the one the connection proves."""


class RefusedError(TrackerError):
    """The action is allowed but refused in the current state (e.g. approving while rows are stale)."""


class TranslationError(TrackerError):
    """Machine translation failed: offline, unauthorised, rate-limited or a provider error; one clear sentence."""
