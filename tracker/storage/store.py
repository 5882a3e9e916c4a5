"""The Store: one object per open database, composed of one part per area; open_store makes it."""

from __future__ import annotations

from tracker.storage import migrate
from tracker.storage.alignments import AlignmentStore
from tracker.storage.audit_store import AuditStore
from tracker.storage.decisions import DecisionStore
from tracker.storage.derived import DerivedCacheStore
from tracker.storage.engine import make_engine, resolve_url
from tracker.storage.feeds import FeedFileStore
from tracker.storage.grants import GrantStore
from tracker.storage.identity import IdentityStore
from tracker.storage.memory import MemoryStore
from tracker.storage.mtcache import MTCacheStore
from tracker.storage.revisions import RevisionStore
from tracker.storage.revocations import RevocationStore
from tracker.storage.summaries import SummaryCacheStore
from tracker.storage.terms import TermStore
from tracker.storage.users import UserStore
from tracker.storage.withdrawals import WithdrawalStore


class Store(
    RevisionStore,
    AlignmentStore,
    DecisionStore,
    UserStore,
    AuditStore,
    MTCacheStore,
    SummaryCacheStore,
    DerivedCacheStore,
    RevocationStore,
    IdentityStore,
    MemoryStore,
    FeedFileStore,
    GrantStore,
    TermStore,
    WithdrawalStore,
):
    """Facts in a database: stories, immutable revisions, decisions and the audit log, as core dataclasses.

    Every write method is one transaction; errors are tracker errors naming the database, never driver errors.
    """

    def __enter__(self) -> Store:
        return self


def schema_status(url: str | None = None) -> tuple[str | None, str]:
    """(the database's schema revision or None when empty, the newest this tracker knows), changing nothing."""
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    try:
        return migrate.current(engine, resolved), migrate.HEAD
    finally:
        engine.dispose()


def upgrade_schema(url: str | None = None) -> tuple[str | None, str]:
    """Upgrade the database's schema to the newest revision; returns (before, after)."""
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    try:
        return migrate.upgrade(engine, resolved)
    finally:
        engine.dispose()


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open the database at `url` (None: `$TRACKER_DB`, else the user's SQLite file), upgrading its schema.

    A path or `sqlite:///FILE` is a SQLite file (created on first use), `sqlite://` an in-memory database,
    `postgresql+psycopg://user@host/db` a team server. `upgrade=False` leaves the schema as it is.
    """
    resolved = resolve_url(url)
    engine = make_engine(resolved)
    if upgrade:
        try:
            migrate.upgrade(engine, resolved)
        except BaseException:
            engine.dispose()
            raise
    return Store(engine, resolved)
