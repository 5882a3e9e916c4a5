"""Stories and their immutable revisions: add (one transaction per revision or per batch), list, load."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import EllipsisType
from typing import Any

from sqlalchemy import Connection, Row, select, update

from tracker.errors import NotFoundError
from tracker.model import LANGS, Document, Paragraph, Revision, Story
from tracker.storage.base import StoreBase, to_db_time
from tracker.storage.bulk import (
    REVISION_COLUMNS,
    NewRevision,
    check_lang,
    check_new,
    check_slug,
    ensure_stories,
    paragraphs_of,
    revision_from_row,
    write_revisions,
)
from tracker.storage.tables import REVISION, STORY

__all__ = ["NewRevision", "RevisionStore", "check_lang", "check_slug"]


def _ordered(langs: set[str]) -> tuple[str, ...]:
    return tuple(x for x in LANGS if x in langs)


class RevisionStore(StoreBase):
    """Stories and revisions."""

    def stories(self) -> list[Story]:
        """Every story, by slug, with the languages it has revisions in."""
        with self._read() as conn:
            stories = conn.execute(select(STORY.c.id, STORY.c.slug, STORY.c.title).order_by(STORY.c.slug)).all()
            pairs = conn.execute(select(REVISION.c.story_id, REVISION.c.lang).distinct()).all()
        langs: dict[int, set[str]] = {}
        for story_id, lang in pairs:
            langs.setdefault(story_id, set()).add(lang)
        return [
            Story(slug, title, tuple(x for x in LANGS if x in langs.get(sid, set()))) for sid, slug, title in stories
        ]

    def story(self, slug: str) -> Story:
        with self._read() as conn:
            row = conn.execute(select(STORY.c.id, STORY.c.title).where(STORY.c.slug == slug)).first()
            if row is None:
                raise NotFoundError(f"no story {slug!r} in {self.display_url}")
            present = set(
                conn.execute(select(REVISION.c.lang).where(REVISION.c.story_id == row.id).distinct()).scalars()
            )
        return Story(slug, row.title, tuple(x for x in LANGS if x in present))

    def ensure_story(self, slug: str, title: str = "", *, at: datetime | None = None) -> Story:
        """The story, created (with `title`) if it does not exist yet."""
        check_slug(slug)
        with self._write() as conn:
            ensure_stories(conn, {slug: title}, to_db_time(at or datetime.now().astimezone()))
        return self.story(slug)

    def set_title(self, slug: str, title: str, *, by: str, at: datetime) -> Story:
        """Name a story (a headline-less import has none); recorded in the audit log, revisions untouched."""
        from tracker.storage.audit_store import append_entry

        with self._write() as conn:
            story_id = self._story_id(conn, slug, lock=True)
            conn.execute(update(STORY).where(STORY.c.id == story_id).values(title=title))
            append_entry(conn, "title", slug, f"title: {title}", by=by, at=at)
        return self.story(slug)

    def add_revision(
        self,
        slug: str,
        lang: str,
        document: Document,
        *,
        by: str,
        at: datetime,
        label: str | None = None,
        origin: str = "",
        based_on: int | None = None,
        status: str = "usable",
        meta: Sequence[tuple[str, str]] = (),
        expected_latest: int | None | EllipsisType = ...,
    ) -> tuple[Revision, bool]:
        """Store a new revision (created=True), or return the latest when its content is identical (False)."""
        item = NewRevision(slug, lang, document, label, origin, based_on, status, meta, expected_latest)
        return self.add_revisions([item], by=by, at=at)[0]

    def add_revisions(self, items: Sequence[NewRevision], *, by: str, at: datetime) -> list[tuple[Revision, bool]]:
        """Store many revisions in ONE transaction, each as `add_revision` would, in order (a later item sees the
        revisions of earlier ones); one audit entry per new revision. Any error stores nothing of the batch."""
        for item in items:
            check_new(item)  # before the write lock is taken
        with self._write() as conn:
            return write_revisions(conn, items, by=by, at=at)

    def _latest_row(self, conn: Connection, story_id: int, lang: str) -> Row[*tuple[Any, ...]] | None:
        query = (
            select(*REVISION_COLUMNS)
            .where(REVISION.c.story_id == story_id, REVISION.c.lang == lang)
            .order_by(REVISION.c.number.desc())
            .limit(1)
        )
        return conn.execute(query).first()

    def _paragraphs(self, conn: Connection, revision_id: int) -> tuple[Paragraph, ...]:
        return paragraphs_of(conn, revision_id)

    def revisions(self, slug: str, lang: str | None = None) -> list[Revision]:
        """Revisions oldest first (both languages unless `lang`), without their paragraphs."""
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            query = select(*REVISION_COLUMNS).where(REVISION.c.story_id == story_id).order_by(REVISION.c.id)
            if lang is not None:
                query = query.where(REVISION.c.lang == check_lang(lang))
            return [revision_from_row(slug, row) for row in conn.execute(query).all()]

    def revision(self, slug: str, lang: str, number: int | None = None) -> Revision:
        """One revision with its paragraphs; None = the latest."""
        check_lang(lang)
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            if number is None:
                row = self._latest_row(conn, story_id, lang)
            else:
                row = conn.execute(
                    select(*REVISION_COLUMNS).where(
                        REVISION.c.story_id == story_id, REVISION.c.lang == lang, REVISION.c.number == number
                    )
                ).first()
            if row is None:
                language = {"fr": "French", "en": "English"}.get(lang, lang)
                which = f"no {language} revision yet" if number is None else f"no {language} revision {number}"
                raise NotFoundError(f"{slug}: {which}")
            return revision_from_row(slug, row, self._paragraphs(conn, int(row.id)))

    def latest_number(self, slug: str, lang: str) -> int | None:
        check_lang(lang)
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            row = self._latest_row(conn, story_id, lang)
        return None if row is None else int(row.number)
