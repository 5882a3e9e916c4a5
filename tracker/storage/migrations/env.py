"""Alembic environment: runs on the connection open_store hands over, or on `-x url=...` / `$TRACKER_DB`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tracker.storage.engine import make_engine, resolve_url, translated
from tracker.storage.memory_index import not_modelled
from tracker.storage.tables import METADATA


def _modelled(name: str | None, kind: object, parents: object) -> bool:
    return not not_modelled(name)


config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=METADATA,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = resolve_url(context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url"))
    engine = make_engine(url)
    with translated(url), engine.connect() as conn:
        _run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=resolve_url(config.get_main_option("sqlalchemy.url")), target_metadata=METADATA)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
