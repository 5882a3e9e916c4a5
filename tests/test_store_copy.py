"""On PostgreSQL paragraphs are stored with COPY: the rows are exactly those the INSERT path stores."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from sqlalchemy import Connection

from tracker.model import Document, Paragraph, Role
from tracker.storage import bulk, open_store
from tracker.storage.revisions import NewRevision

pytestmark = pytest.mark.postgres

AT = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)
# What COPY's text format escapes or could mistake for its own syntax, and text beyond ASCII.
TEXTS = (
    "Tab\there, back\\slash, \\N and \\. alone.",
    "Line one\nline two\r\nline three.",
    "« Guillemets » l’apostrophe, 6 500 € — et 😀.",
    "\\",
    "Plain.",
)


def _doc(texts: tuple[str, ...]) -> Document:
    roles = (Role.HEADLINE, Role.BODY, Role.SUBHEAD, Role.BODY, Role.CREDIT)
    return Document(tuple(Paragraph(i, t, i + 1, i + 2, r) for i, (t, r) in enumerate(zip(texts, roles, strict=False))))


def _rows(url: str, slug: str) -> list[tuple[Any, ...]]:
    plain = url.replace("+psycopg", "")
    with psycopg.connect(plain) as conn:
        return conn.execute(
            "SELECT r.lang, r.number, p.idx, p.text, p.hash, p.line_start, p.line_end, p.role"
            " FROM paragraph p JOIN revision r ON r.id = p.revision_id JOIN story s ON s.id = r.story_id"
            " WHERE s.slug = %s ORDER BY r.lang, r.number, p.idx",
            (slug,),
        ).fetchall()


def _items(slug: str) -> list[NewRevision]:
    return [
        NewRevision(slug, "fr", _doc(TEXTS)),
        NewRevision(slug, "fr", _doc(TEXTS[::-1])),
        NewRevision(slug, "en", _doc(TEXTS[1:])),
    ]


def _insert_instead(conn: Connection, rows: Any) -> None:
    conn.exec_driver_sql(bulk._paragraph_sql(conn), rows)


def test_copy_stores_what_insert_stores(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[int] = []
    real_copy = bulk._copy_paragraphs

    def counting_copy(conn: Connection, rows: Any) -> None:
        copied.append(len(rows))
        real_copy(conn, rows)

    monkeypatch.setattr(bulk, "_copy_paragraphs", counting_copy)
    with open_store(pg_url) as store:
        store.add_revisions(_items("by-copy"), by="desk", at=AT)
        assert copied == [14]  # the COPY path was taken, for every paragraph
        monkeypatch.setattr(bulk, "_copy_paragraphs", _insert_instead)
        store.add_revisions(_items("by-insert"), by="desk", at=AT)
        assert copied == [14]
        stored = store.revision("by-copy", "fr", 1)
    by_copy, by_insert = _rows(pg_url, "by-copy"), _rows(pg_url, "by-insert")
    assert len(by_copy) == 14
    assert by_copy == by_insert
    assert tuple(p.text for p in stored.paragraphs) == TEXTS
