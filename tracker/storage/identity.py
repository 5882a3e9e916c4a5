"""Who the database says is connected: on PostgreSQL each person connects as their own role."""

from __future__ import annotations

from sqlalchemy import text

from tracker.storage.base import StoreBase


class IdentityStore(StoreBase):
    """The database's own idea of the acting user, where it has one."""

    def db_user(self) -> str | None:
        """PostgreSQL's `current_user` (one role per person on a team server); None on SQLite, which has no users."""
        if self.dialect != "postgresql":
            return None
        with self._read() as conn:
            return str(conn.execute(text("SELECT current_user")).scalar_one())
