"""Hearing about writes as they commit: on PostgreSQL, a connection of its own that LISTENs on the channel the
audit trigger notifies (see migration 0003_cache); SQLite has no such thing, and callers poll there instead."""

from __future__ import annotations

import contextlib
from typing import Any

from tracker.errors import StoreError
from tracker.storage.base import StoreBase

CHANNEL = "tracker_changes"


class ChangeListener:
    """One listening connection, for one thread at a time: `wait` returns True as soon as a write to this
    database's schema commits (or one committed since the last `wait`), False when `timeout` passes first."""

    def __init__(self, store: StoreBase) -> None:
        if store.dialect != "postgresql":
            raise StoreError(f"{store.display_url}: only PostgreSQL notifies writes; poll instead")
        raw: Any = store.engine.raw_connection()
        self._raw = raw
        self._conn: Any = raw.driver_connection
        # a connection of its own, out of the pool: it keeps LISTENing until closed
        raw.detach()
        self._conn.rollback()
        self._conn.autocommit = True
        self._schema = str(self._conn.execute("SELECT current_schema()").fetchone()[0])
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        """True when a write to this schema committed within `timeout` seconds (or before, unheard)."""
        import psycopg

        try:
            for note in self._conn.notifies(timeout=timeout):
                if note.payload == self._schema:
                    return True
        except psycopg.Error as exc:
            raise StoreError(f"lost the connection listening for changes: {exc}") from exc
        return False

    def close(self) -> None:
        import psycopg

        with contextlib.suppress(psycopg.Error):  # a connection that already broke has nothing left to free
            self._raw.close()
