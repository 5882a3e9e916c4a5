"""What every part of the Store shares: the engine, read and write transactions, and small converters."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.pool import StaticPool

from tracker.audit import JSON, utc
from tracker.errors import NotFoundError
from tracker.storage.engine import WRITE_OPTION, display_url, translated
from tracker.storage.tables import STORY


class StoreBase:
    """The engine and transactions; areas of the Store (revisions, decisions, audit, ...) build on it."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        # An in-memory database is one connection shared by every thread: take turns on it.
        self._serial: AbstractContextManager[object] = (
            threading.RLock() if isinstance(engine.pool, StaticPool) else nullcontext()
        )
        self._atomic = threading.local()  # this thread's connection while inside atomic(), else none

    @property
    def display_url(self) -> str:
        """The database as shown to people (no password)."""
        return display_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Every write of this thread inside the block in ONE transaction: all committed when the block ends, none
        when it raises (an import of many files, a story folder, stores all or nothing); reads inside the block
        see its writes; nested blocks join the outer one.

        A write refused inside the block never leaves half of itself stored. On SQLite each write is a savepoint,
        rolled back alone, and the block goes on. On PostgreSQL a savepoint cannot be used (the trust rules accept
        a revision's paragraphs only in the very transaction, not a subtransaction, that made the revision), so a
        refused write spoils the block: every later read or write in it, and its end, raise that refusal again,
        and nothing is stored."""
        if getattr(self._atomic, "conn", None) is not None:
            yield
            return
        with (
            self._serial,
            translated(self.url),
            self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn,
            conn.begin(),
        ):
            self._atomic.conn, self._atomic.spoiled = conn, None
            try:
                yield
                if self._atomic.spoiled is not None:  # caught by the caller: still nothing may be committed
                    raise self._atomic.spoiled
            finally:
                self._atomic.conn = self._atomic.spoiled = None

    def _shared(self) -> Connection | None:
        """This thread's atomic() connection, if inside one; raises the refusal that spoiled it, if any."""
        shared: Connection | None = getattr(self._atomic, "conn", None)
        if shared is not None and self._atomic.spoiled is not None:
            raise self._atomic.spoiled
        return shared

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        shared = self._shared()
        if shared is not None:
            try:
                with self._serial, translated(self.url):
                    yield shared
            except BaseException as exc:
                if _aborted(shared):  # PostgreSQL refuses every later statement of the block: say why
                    self._atomic.spoiled = exc
                raise
            return
        with self._serial, translated(self.url), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back (nothing stored) when it raises."""
        shared = self._shared()
        if shared is not None:
            if self.dialect != "postgresql":
                with self._serial, translated(self.url), shared.begin_nested():
                    yield shared
                return
            try:
                with self._serial, translated(self.url):
                    yield shared
            except BaseException as exc:
                self._atomic.spoiled = exc
                raise
            return
        with (
            self._serial,
            translated(self.url),
            self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn,
            conn.begin(),
        ):
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _story_id(self, conn: Connection, slug: str, *, lock: bool = False) -> int:
        """The id of a story; `lock` holds its row (PostgreSQL) so concurrent writers to it queue."""
        query = select(STORY.c.id).where(STORY.c.slug == slug)
        if lock and conn.dialect.name == "postgresql":
            query = query.with_for_update()
        story_id = conn.execute(query).scalar()
        if story_id is None:
            raise NotFoundError(f"no story {slug!r} in {self.display_url}")
        return int(story_id)


def _aborted(conn: Connection) -> bool:
    """Whether a PostgreSQL transaction failed (every later statement in it is refused until it rolls back)."""
    if conn.dialect.name != "postgresql":
        return False
    from psycopg.pq import TransactionStatus

    info = getattr(conn.connection.dbapi_connection, "info", None)
    return getattr(info, "transaction_status", None) == TransactionStatus.INERROR


def _dialect_insert(conn: Connection, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT; imported on use (the PostgreSQL one costs ~50 ms)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def upsert(conn: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> None:
    """Insert a row, or update the row with the same `keys` (one statement, so concurrent writers cannot clash)."""
    changed = {k: v for k, v in values.items() if k not in keys}
    conn.execute(_dialect_insert(conn, table).values(values).on_conflict_do_update(index_elements=keys, set_=changed))


def insert_missing(conn: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> None:
    """Insert a row unless one with the same `keys` exists."""
    conn.execute(_dialect_insert(conn, table).values(values).on_conflict_do_nothing(index_elements=keys))


def to_db_time(at: datetime) -> datetime:
    """A time as stored: UTC (SQLite keeps no zone, so every value must be in the same one)."""
    return utc(at)


def from_db_time(at: datetime) -> datetime:
    """A stored time, zone-aware in UTC whatever the backend returned."""
    return utc(at)


_JSON = JSON  # one encoder for the project (tracker.audit)


def dump(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)`."""
    return _JSON.encode(value)


def load(text: str) -> Any:
    return json.loads(text)
