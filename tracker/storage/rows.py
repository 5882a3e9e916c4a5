"""Many fact rows written straight through the driver, in the caller's transaction: COPY on PostgreSQL (psycopg),
one executemany on SQLite; and ids drawn ahead, so rows that refer to each other go in without a round trip each.

Building and processing parameters through SQLAlchemy cost more than the database's own work for an import's
revisions, paragraphs and audit entries; the rows here are plain ints, strings and UTC times, so nothing is lost.
The same constraints and triggers apply (COPY fires PostgreSQL's row triggers like INSERT does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Table, exc

Row = tuple[Any, ...]


def use_copy(conn: Connection) -> bool:
    """Whether rows go in by COPY: on PostgreSQL through psycopg 3, whose `cursor.copy` streams them."""
    return conn.dialect.driver == "psycopg"


def _driver(conn: Connection) -> Any:
    """The driver's own connection, inside the transaction SQLAlchemy began on it."""
    driver = conn.connection.driver_connection
    assert driver is not None
    return driver


def time_value(conn: Connection) -> Callable[[datetime], Any]:
    """How a UTC time is passed to the driver as SQLAlchemy would bind it (SQLite keeps times as text in its own
    format; psycopg takes the datetime itself), so rows written here read back exactly like the others."""
    dialect = conn.dialect
    process = DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return lambda at: at
    return process


def draw_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """`count` new ids of `table`'s integer primary key `id`, ascending. On SQLite the write lock is held from
    the transaction's start (BEGIN IMMEDIATE), so the ids after the largest are free; on PostgreSQL they come
    from the column's sequence, as defaults would."""
    if count <= 0:
        return []
    name = conn.dialect.identifier_preparer.quote(table.name)
    if conn.dialect.name == "postgresql":
        drawn = conn.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) FROM generate_series(1, %(count)s)",
            {"table": name, "count": count},
        )
        return sorted(int(value) for (value,) in drawn)
    largest = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {name}").scalar()
    return list(range(int(largest or 0) + 1, int(largest or 0) + 1 + count))


def write(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Row]) -> None:
    """Insert `rows` (tuples in the order of `columns`) into `table`; a refusal raises as SQLAlchemy's own errors
    do (IntegrityError, ...), so callers translate it as any other."""
    if not rows:
        return
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    if use_copy(conn):
        statement = f"COPY {quote(table.name)} ({names}) FROM STDIN"
    else:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        statement = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join([mark] * len(columns))})"
    dbapi = conn.dialect.loaded_dbapi
    try:
        _write(conn, statement, rows)
    except dbapi.Error as error:
        raise exc.DBAPIError.instance(statement, None, error, dbapi.Error, dialect=conn.dialect) from error


def _write(conn: Connection, statement: str, rows: Sequence[Row]) -> None:
    driver = _driver(conn)
    if statement.startswith("COPY"):
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    elif conn.dialect.name == "sqlite":
        driver.executemany(statement, rows)
    else:
        with driver.cursor() as cursor:
            cursor.executemany(statement, rows)
