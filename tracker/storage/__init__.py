"""Storage: SQLModel tables behind open_store(url); rows never leave this package."""

from __future__ import annotations

from tracker.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
