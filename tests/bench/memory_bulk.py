"""Bench set-up only: a generated memory loaded into PostgreSQL by COPY, its indexes and foreign keys built once
afterwards (add_memory, checking each row against them as it goes, takes the best part of an hour at a million).

The rows are what `MemoryStore.add_memory` stores (same values, same ids in order, same word index rows); the
word index's triggers stay on, so whatever they keep is kept as on an ordinary add.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from tracker.memory import MemoryEntry, search_terms
from tracker.storage.memory import _values
from tracker.storage.memory_index import WORDS

TABLES = ("memory_entry", WORDS)
_ENTRY_COLUMNS = ("id", "fr_key", "en_hash", "fr_text", "en_text", "origin", "story", "fr_rev", "en_rev", "author")
_ENTRY_COLUMNS += ("at", "approved")


def _detach(cursor: Any) -> list[str]:
    """Drop the secondary indexes and foreign keys of the memory's tables; returns the statements that rebuild them."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
        (list(TABLES),),
    )
    rebuild = []
    for table, name, definition in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        rebuild.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND c.oid IS NULL",
        (list(TABLES),),
    )
    for name, definition in cursor.fetchall():
        cursor.execute(f"DROP INDEX {name}")
        rebuild.insert(0, definition)  # indexes first: the foreign key's check then uses them
    return rebuild


def copy_memory(store: Any, batches: Iterable[list[MemoryEntry]]) -> None:
    """Load `batches` of entries into the (empty) memory of `store`, a PostgreSQL Store, by COPY."""
    with store.engine.begin() as conn:
        driver: Any = conn.connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            rebuild = _detach(cursor)
            next_id = 1
            for batch in batches:
                started = time.perf_counter()
                with cursor.copy(f"COPY memory_entry ({', '.join(_ENTRY_COLUMNS)}) FROM STDIN") as copy:
                    for offset, entry in enumerate(batch):
                        values = _values(entry) | {"id": next_id + offset}
                        copy.write_row([values[c] for c in _ENTRY_COLUMNS])
                with cursor.copy(f"COPY {WORDS} (word, entry_id) FROM STDIN") as copy:
                    for offset, entry in enumerate(batch):
                        for word in search_terms(entry.fr, 64):
                            copy.write_row((word, next_id + offset))
                next_id += len(batch)
                print(f"  copied {next_id - 1:,} entries ({time.perf_counter() - started:.1f} s)", flush=True)
            started = time.perf_counter()
            for statement in rebuild:
                cursor.execute(statement)
            cursor.execute("SELECT setval(pg_get_serial_sequence('memory_entry', 'id'), %s)", (max(next_id - 1, 1),))
            print(f"  indexes and keys rebuilt ({time.perf_counter() - started:.1f} s)", flush=True)
    with store.engine.connect() as conn:
        vacuum = conn.execution_options(isolation_level="AUTOCOMMIT")
        for table in TABLES:
            vacuum.exec_driver_sql(f"VACUUM ANALYZE {table}")
