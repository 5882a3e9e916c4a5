"""A database with one damaged story beside good ones: for the per-story isolation tests (CLI and TUI)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from tracker.model import Document, Paragraph
from tracker.storage import Store

AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def doc(*texts: str) -> Document:
    return Document(tuple(Paragraph(n, t) for n, t in enumerate(texts)))


def add_story(store: Store, slug: str, fr: tuple[str, ...], en: tuple[str, ...] | None = None) -> None:
    store.add_revision(slug, "fr", doc(*fr), by="ana", at=AT)
    if en is not None:
        store.add_revision(slug, "en", doc(*en), by="ana", at=AT, based_on=1)


def with_a_damaged_story(store: Store) -> None:
    """Stories `good` (up to date), `other` (no English) and `damaged`, whose stored metadata someone broke by
    hand (as the database's owner may: the trust rules exempt them)."""
    add_story(store, "good", ("Le sommet s'ouvre à Sotchi.",), ("The summit opens in Sochi.",))
    add_story(store, "damaged", ("Le budget atteint 3 millions.",), ("The budget reaches 3 million.",))
    add_story(store, "other", ("Poutine reçoit Pachinian.",))
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE revision SET meta = '{broken' WHERE story_id = (SELECT id FROM story WHERE slug = 'damaged')")
        )
