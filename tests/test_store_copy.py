"""On PostgreSQL an import's rows go in by COPY: exactly the rows the INSERT path stores, under the same rules."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
import sqlalchemy.exc
from sqlalchemy import Connection
from trust_desk import TeamDesk, team

from tracker.audit import verify
from tracker.model import Document, Paragraph, Role
from tracker.services.seed import SAMPLE_SLUG
from tracker.storage import bulk, open_store, rows
from tracker.storage.revisions import NewRevision
from tracker.storage.tables import PARAGRAPH

__all__ = ["team"]
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


def test_copy_stores_what_insert_stores(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Revisions, paragraphs and audit entries: COPY (the default on psycopg) and the driver's INSERTs."""
    copied: list[str] = []
    real_copy = rows.use_copy

    def counting_copy(conn: Connection) -> bool:
        used = real_copy(conn)
        copied.append("copy" if used else "insert")
        return used

    monkeypatch.setattr(rows, "use_copy", counting_copy)
    with open_store(pg_url) as store:
        store.add_revisions(_items("by-copy"), by="desk", at=AT)
        assert copied == ["copy"] * 3  # revisions, paragraphs, audit entries
        monkeypatch.setattr(rows, "use_copy", lambda conn: False)
        store.add_revisions(_items("by-insert"), by="desk", at=AT)
        stored = store.revision("by-copy", "fr", 1)
        entries = store.audit()
        assert verify(entries) == []
        assert store.fact_problems(entries) == []
    by_copy, by_insert = _rows(pg_url, "by-copy"), _rows(pg_url, "by-insert")
    assert len(by_copy) == 14
    assert by_copy == by_insert
    assert tuple(p.text for p in stored.paragraphs) == TEXTS
    assert _audit(pg_url, "by-copy") == _audit(pg_url, "by-insert")


def _audit(url: str, slug: str) -> list[tuple[Any, ...]]:
    """A story's audit entries with what differs by story left out (its slug, and the chain's hashes)."""
    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        return conn.execute(
            "SELECT at, actor, action, replace(detail, %s, ''), facts <> '' FROM audit WHERE story = %s ORDER BY seq",
            (slug, slug),
        ).fetchall()


def test_copy_onto_a_stored_revision_is_refused(team: TeamDesk) -> None:
    """The trust rules take a revision's paragraphs only in the transaction that made it, by COPY as by INSERT: a
    desk member streaming paragraphs onto a stored revision is refused, and the revision keeps its paragraphs."""
    sealed = [(SAMPLE_SLUG, "fr", 1)]
    with team.store("translator") as store:
        before = store.revision(*sealed[0])
        with store.engine.connect() as conn, conn.begin():
            revision_id = conn.exec_driver_sql(
                "SELECT r.id FROM revision r JOIN story s ON s.id = r.story_id"
                f" WHERE s.slug = '{SAMPLE_SLUG}' AND r.lang = 'fr' AND r.number = 1"
            ).scalar_one()
            assert rows.use_copy(conn)
            smuggled = [(revision_id, 99, "Smuggled.", "0" * 64, 0, 0, "body")]
            with pytest.raises(sqlalchemy.exc.DBAPIError, match="is stored already"):
                rows.write(conn, PARAGRAPH, bulk._PARAGRAPH_COLUMNS, smuggled)
        assert store.revision(*sealed[0]).paragraphs == before.paragraphs
