"""Schema upgrades: Alembic configured in code (installed packages have no pyproject), run on open when needed.

Checking the version is one cheap query; Alembic is imported only when the schema is behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

from tracker.errors import StoreError
from tracker.storage.engine import WRITE_OPTION, display_url, translated

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration; tests check it matches the scripts, so opening a current database needs no Alembic.
HEAD = "0012"
# Serialises concurrent first opens of one PostgreSQL database (an arbitrary, fixed advisory-lock key).
_PG_LOCK_KEY = 7_302_001


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations, optionally bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def schema_version(conn: Connection) -> str | None:
    """The database's Alembic revision, None for an empty (or pre-tracker) database."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def current(engine: Engine, url: str) -> str | None:
    """The schema revision of the database at `url`, without changing it."""
    with translated(url), engine.connect() as conn:
        return schema_version(conn)


def upgrade(engine: Engine, url: str) -> tuple[str | None, str]:
    """Bring the schema to the newest revision in one transaction; returns (before, after)."""
    with translated(url):
        with engine.connect() as conn:
            before = schema_version(conn)
        if before == HEAD:
            return before, HEAD
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            # Another process may have upgraded while this one waited for the lock.
            before = schema_version(conn)
            if before != HEAD:
                _run_upgrade(conn, url, before)
    return before, HEAD


def _run_upgrade(conn: Connection, url: str, before: str | None) -> None:
    from alembic import command
    from alembic.util import CommandError

    try:
        command.upgrade(alembic_config(conn), "head")
    except CommandError as error:
        raise StoreError(
            f"{display_url(url)}: schema revision {before!r} is unknown to this tracker (made by a newer version?)"
        ) from error
