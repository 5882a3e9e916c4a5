"""Machine-translation cache: suggestions by key (provider, language pair and text hash), so a text costs one call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from tracker.storage.base import StoreBase, to_db_time, upsert
from tracker.storage.tables import MT_CACHE


class MTCacheStore(StoreBase):
    """Cached suggestions; a suggestion is never a decision, so nothing here is audited."""

    def mt_get(self, key: str) -> str | None:
        with self._read() as conn:
            value = conn.execute(select(MT_CACHE.c.text).where(MT_CACHE.c.key == key)).scalar()
        return None if value is None else str(value)

    def mt_put(self, key: str, provider: str, text: str, at: datetime) -> None:
        with self._write() as conn:
            upsert(conn, MT_CACHE, {"key": key, "provider": provider, "text": text, "at": to_db_time(at)}, ["key"])
