"""The summary cache: each story's derived state at a glance, stored with the version of the facts it came from.

Not a fact: the services derive summaries from facts and store them here so the next reader (another person at
the desk, or the same one tomorrow) skips the derivation while the story's facts and the way of deriving are
unchanged. What a summary holds is the services' business: here it is text.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from tracker.storage.base import StoreBase, upsert
from tracker.storage.tables import STORY, SUMMARY_CACHE


class SummaryCacheStore(StoreBase):
    """Cached story summaries; derived, so nothing here is audited."""

    def cached_summaries(self, key: str) -> dict[str, tuple[int, str]]:
        """Per story slug: (facts version, summary text) as last saved for derivation `key`."""
        query = (
            select(STORY.c.slug, SUMMARY_CACHE.c.version, SUMMARY_CACHE.c.summary)
            .join(STORY, STORY.c.id == SUMMARY_CACHE.c.story_id)
            .where(SUMMARY_CACHE.c.key == key)
        )
        with self._read() as conn:
            return {str(slug): (int(version), str(text)) for slug, version, text in conn.execute(query)}

    def save_summaries(self, key: str, entries: Sequence[tuple[str, int, str]]) -> None:
        """Store (slug, facts version, summary text) entries for derivation `key` in one transaction, replacing
        any earlier entry of the same story and key."""
        if not entries:
            return
        with self._write() as conn:
            for slug, version, text in entries:
                values = {"story_id": self._story_id(conn, slug), "key": key, "version": version, "summary": text}
                upsert(conn, SUMMARY_CACHE, values, ["story_id", "key"])
