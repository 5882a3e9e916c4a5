"""Where machine translations are kept so a paragraph is never sent twice: a Cache protocol keyed by provider,
settings, languages and text hash, an in-memory implementation and an adapter over the Store's MT table.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import datetime
from typing import Any, Protocol

from tracker.model import text_hash


class Cache(Protocol):
    """A key-value store of translations; `put` records which provider produced the text and when."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, provider: str, text: str, at: datetime) -> None: ...


def cache_key(provider: str, settings: str, source: str, target: str, text: str) -> str:
    """A stable key: the same paragraph, languages, provider and settings always give the same key."""
    parts = [provider, settings, source, target, text_hash(text)]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class MemoryCache:
    """A process-local cache (thread-safe); `hits` and `misses` let tests and benchmarks see what it saved."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[str, str, datetime]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> str | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self.hits += 1
            return item[1]

    def put(self, key: str, provider: str, text: str, at: datetime) -> None:
        with self._lock:
            self._items[key] = (provider, text, at)

    def __len__(self) -> int:
        return len(self._items)


class StoreCache:
    """The database cache: delegates to `Store.mt_get` / `Store.mt_put` (any object with those two methods)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def get(self, key: str) -> str | None:
        value = self._store.mt_get(key)
        return value if isinstance(value, str) else None

    def put(self, key: str, provider: str, text: str, at: datetime) -> None:
        self._store.mt_put(key, provider, text, at)
