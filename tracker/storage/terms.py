"""Termbase entries imported from CAT tools (TBX), stored once per origin, read by the names check."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select

from tracker.memory import Term
from tracker.storage.base import StoreBase, insert_missing, to_db_time
from tracker.storage.tables import TERM


class TermStore(StoreBase):
    """Imported terms: a term already stored from the same origin is skipped, so importing a file twice stores
    nothing new; one import is one transaction."""

    def add_terms(self, terms: Sequence[Term], *, by: str, at: datetime) -> int:
        """Store the terms not stored yet; returns how many were new."""
        with self._write() as conn:
            before = int(conn.execute(select(func.count()).select_from(TERM)).scalar() or 0)
            for t in terms:
                values = {
                    "origin": t.origin, "concept": t.concept, "fr": t.fr, "en": t.en, "status": t.status,
                    "note": t.note, "imported_at": to_db_time(at), "imported_by": by,
                }  # fmt: skip
                insert_missing(conn, TERM, values, ["origin", "concept", "fr", "en"])
            return int(conn.execute(select(func.count()).select_from(TERM)).scalar() or 0) - before

    def terms(self) -> list[Term]:
        """Every stored term, in import order."""
        with self._read() as conn:
            rows = conn.execute(select(TERM).order_by(TERM.c.id)).mappings().all()
        return [Term(r["fr"], r["en"], r["origin"], r["concept"], r["status"], r["note"]) for r in rows]
