"""The derived cache: values computed from content (QA findings of a link, the diff of two revisions), stored
under a key that hashes everything they were derived from, so any reader may reuse them and none can go stale.

Not a fact and not audited: what a value holds is the services' business; here it is text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select

from tracker.storage.base import StoreBase, _dialect_insert
from tracker.storage.tables import DERIVED_CACHE

# keys per query: well under SQLite's bound-parameter limit
_CHUNK = 500


class DerivedCacheStore(StoreBase):
    """Content-keyed derived values."""

    def derived_values(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored value of each key that has one."""
        wanted = list(dict.fromkeys(keys))
        out: dict[str, str] = {}
        if not wanted:
            return out
        with self._read() as conn:
            for n in range(0, len(wanted), _CHUNK):
                query = select(DERIVED_CACHE.c.key, DERIVED_CACHE.c.value).where(
                    DERIVED_CACHE.c.key.in_(wanted[n : n + _CHUNK])
                )
                out.update((str(k), str(v)) for k, v in conn.execute(query))
        return out

    def save_derived(self, kind: str, values: Mapping[str, str]) -> None:
        """Store values by key in one transaction; a key already stored keeps its value (the same, by design)."""
        if not values:
            return
        rows = [{"key": k, "kind": kind, "value": v} for k, v in values.items()]
        with self._write() as conn:
            for n in range(0, len(rows), _CHUNK):
                statement = _dialect_insert(conn, DERIVED_CACHE).on_conflict_do_nothing(index_elements=["key"])
                conn.execute(statement, rows[n : n + _CHUNK])
