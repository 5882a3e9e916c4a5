"""Storage: SQLModel tables behind open_store(url); rows never leave this package."""

from __future__ import annotations

from tracker.storage.engine import display_url, is_default, resolve_url
from tracker.storage.store import Store, open_store, schema_status, upgrade_schema

__all__ = ["Store", "display_url", "is_default", "open_store", "resolve_url", "schema_status", "upgrade_schema"]
