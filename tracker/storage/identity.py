"""Who the database says is connected: on PostgreSQL each person connects as their own role."""

from __future__ import annotations

from sqlalchemy import Connection, text

from tracker.storage.base import StoreBase
from tracker.storage.engine import make_engine, resolve_url, translated

# The schema's owner (or a superuser) can disable any trigger and rewrite any row, so the database's rules do
# not bind it; it is the maintainer that migrates and provisions the desk, never a desk member's connection.
_MAINTAINER = text(
    "SELECT r.rolsuper OR pg_has_role(current_user, n.nspowner, 'MEMBER') "
    "FROM pg_roles r, pg_namespace n WHERE r.rolname = current_user AND n.nspname = current_schema()"
)


def is_maintainer(conn: Connection) -> bool:
    """Whether the connection owns the schema (or is a superuser); False on SQLite, which has no roles."""
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(_MAINTAINER).scalar())


def connection_user(url: str | None) -> str | None:
    """`current_user` of a connection to `url` (None for SQLite, which has no users), without opening a Store."""
    resolved = resolve_url(url)
    if not resolved.startswith("postgresql"):
        return None
    engine = make_engine(resolved)
    try:
        with translated(resolved), engine.connect() as conn:
            return str(conn.execute(text("SELECT current_user")).scalar_one())
    finally:
        engine.dispose()


class IdentityStore(StoreBase):
    """The database's own idea of the acting user, where it has one."""

    def db_user(self) -> str | None:
        """PostgreSQL's `current_user` (one role per person on a team server); None on SQLite, which has no users."""
        if self.dialect != "postgresql":
            return None
        with self._read() as conn:
            return str(conn.execute(text("SELECT current_user")).scalar_one())

    def is_maintainer(self) -> bool:
        """Whether this connection owns the schema (PostgreSQL): it migrates and provisions, and may record
        facts under any name (imports by a service account, tests); desk members' connections may not."""
        if self.dialect != "postgresql":
            return False
        with self._read() as conn:
            return is_maintainer(conn)
