"""Translation-memory pairs and termbase entries imported from CAT tools, stored once per origin."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Table, func, select

from tracker.memory import MemoryEntry, Term
from tracker.model import text_hash
from tracker.storage.base import StoreBase, dump, from_db_time, insert_missing, to_db_time
from tracker.storage.tables import TERM, TM_ENTRY


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


class MemoryStore(StoreBase):
    """Imported memory and terms: a pair or term already stored from the same origin is skipped, so importing a
    file twice stores nothing new; one import is one transaction."""

    def add_memory(self, entries: Sequence[MemoryEntry], *, by: str, at: datetime) -> int:
        """Store the entries not stored yet; returns how many were new."""
        with self._write() as conn:
            before = _count(conn, TM_ENTRY)
            for e in entries:
                values = {
                    "origin": e.origin, "fr": e.fr, "en": e.en, "fr_hash": text_hash(e.fr), "en_hash": text_hash(e.en),
                    "created_at": to_db_time(e.created_at) if e.created_at else None, "created_by": e.created_by,
                    "meta": dump([list(m) for m in e.meta]), "imported_at": to_db_time(at), "imported_by": by,
                }  # fmt: skip
                insert_missing(conn, TM_ENTRY, values, ["origin", "fr_hash", "en_hash"])
            return _count(conn, TM_ENTRY) - before

    def memory(self, fr: str | None = None) -> list[MemoryEntry]:
        """Every stored pair, or those whose French is exactly `fr` (by its hash), oldest import first."""
        query = select(TM_ENTRY).order_by(TM_ENTRY.c.id)
        if fr is not None:
            query = query.where(TM_ENTRY.c.fr_hash == text_hash(fr))
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            MemoryEntry(
                r["fr"],
                r["en"],
                r["origin"],
                from_db_time(r["created_at"]) if r["created_at"] else None,
                r["created_by"],
                tuple((str(k), str(v)) for k, v in json.loads(r["meta"])),
                from_db_time(r["imported_at"]),
                r["imported_by"],
            )  # fmt: skip
            for r in rows
        ]

    def add_terms(self, terms: Sequence[Term], *, by: str, at: datetime) -> int:
        """Store the terms not stored yet; returns how many were new."""
        with self._write() as conn:
            before = _count(conn, TERM)
            for t in terms:
                values = {
                    "origin": t.origin, "concept": t.concept, "fr": t.fr, "en": t.en, "status": t.status,
                    "note": t.note, "imported_at": to_db_time(at), "imported_by": by,
                }  # fmt: skip
                insert_missing(conn, TERM, values, ["origin", "concept", "fr", "en"])
            return _count(conn, TERM) - before

    def terms(self) -> list[Term]:
        """Every stored term, in import order."""
        with self._read() as conn:
            rows = conn.execute(select(TERM).order_by(TERM.c.id)).mappings().all()
        return [Term(r["fr"], r["en"], r["origin"], r["concept"], r["status"], r["note"]) for r in rows]
