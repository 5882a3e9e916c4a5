"""Database URLs and engines: where the database is, how to connect, and how driver errors read to a user.

SQLite files get foreign keys, WAL, `synchronous=NORMAL` and a busy timeout; write transactions take the
write lock up front (`BEGIN IMMEDIATE`) so two processes queue instead of failing half-way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import StaticPool

from tracker.config import data_dir
from tracker.errors import BusyError, ConflictError, StoreError

BUSY_TIMEOUT_S = 10.0
# A writer waiting longer than this for the write lock says so (busy, retrying) and goes on waiting to the timeout.
BUSY_NOTICE_S = 1.0
# Execution option marking a connection that will write: SQLite then begins with BEGIN IMMEDIATE.
WRITE_OPTION = "tracker_write"


def _wal(cursor: Any) -> None:
    """Turn on WAL. Switching a new file's journal needs it to itself, and SQLite answers 'locked' at once, without
    its busy handler, while another process holds it (several first opens of one new database): wait as for a
    write lock, then give up with the usual busy error."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def default_url() -> str:
    """`$TRACKER_DB` if set, else the SQLite file in the user's data folder."""
    return os.environ.get("TRACKER_DB") or f"sqlite:///{data_dir() / 'tracker.db'}"


def is_default(url: str | None) -> bool:
    """Whether `url` selects the default database (the one seeded with the sample story)."""
    return url is None and not os.environ.get("TRACKER_DB")


def resolve_url(url: str | None) -> str:
    """A SQLAlchemy URL for a path, a `sqlite:`/`postgresql:` URL, or None (the default)."""
    if not url:
        url = default_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().absolute()}"
    if url.startswith(("postgresql://", "postgres://")):
        # The driver installed with the tracker is psycopg 3.
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def display_url(url: str) -> str:
    """The URL as shown in messages: password hidden, SQLite files as plain paths."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for a resolved URL; nothing connects until first use."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError as error:
        raise StoreError(
            f"{url}: not a database URL (use a path, sqlite:///FILE or postgresql+psycopg://...)"
        ) from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if backend == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=False, connect_args={"connect_timeout": 5})
        except (exc.ArgumentError, exc.NoSuchModuleError) as error:
            raise StoreError(f"{display_url(url)}: {error}") from error
        except ImportError as error:
            hint = "its driver is not installed; use postgresql+psycopg://"
            raise StoreError(f"{display_url(url)}: {hint} ({error.name or error})") from error
    raise StoreError(f"{display_url(url)}: unsupported database (use SQLite or PostgreSQL)")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    memory = not database or database == ":memory:"
    if memory:
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        assert database is not None
        folder = Path(database).parent
        # Only the tracker's own data folder is created on demand: a mistyped --db path is an error, not a new tree.
        if not folder.is_dir() and folder.resolve() != data_dir().resolve():
            raise StoreError(f"{database}: no such folder {folder}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{database}: cannot create its folder ({error.strerror or error})") from error
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (the driver's own is deferred only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not memory:
                _wal(cursor)
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            _begin_writing(conn, database or ":memory:")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _begin_writing(conn: Connection, database: str) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock: after BUSY_NOTICE_S a line on stderr says the database is busy
    and that the tracker retries, so nobody stares at a silent terminal until the timeout's one-line error."""
    import sys

    first = min(BUSY_NOTICE_S, BUSY_TIMEOUT_S)
    if first >= BUSY_TIMEOUT_S:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(first * 1000)}")
    try:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except exc.OperationalError as error:
            if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                raise
        rest = BUSY_TIMEOUT_S - first
        sys.stderr.write(
            f"tracker: {database}: database is busy (another process is writing); retrying for {rest:.0f} s\n"
        )
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(rest * 1000)}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Turn driver errors into the tracker's one-line errors naming the database."""
    where = display_url(url)
    try:
        yield
    except exc.IntegrityError as error:
        raise ConflictError(f"{where}: the data changed meanwhile ({_first_line(error)}); reload and retry") from error
    except exc.OperationalError as error:
        message = _first_line(error)
        lowered = message.lower()
        if "locked" in lowered or "busy" in lowered:
            raise BusyError(f"{where}: database is busy (another process is writing); try again") from error
        if "unable to open" in lowered:
            raise StoreError(f"{where}: cannot open database file") from error
        raise StoreError(f"{where}: {message}") from error
    except exc.DBAPIError as error:
        raise StoreError(f"{where}: {_first_line(error)}") from error
    except exc.SQLAlchemyError as error:
        raise StoreError(f"{where}: {_first_line(error)}") from error
