"""Writing revisions: a batch of new revisions in one transaction with a few statements for the whole batch.

Both `Store.add_revision` and `Store.add_revisions` go through `write_revisions`, so one revision and ten
thousand follow the same rules: numbered in order, identical content a no-op, one audit entry each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from types import EllipsisType
from typing import Any

from sqlalchemy import BindParameter, Connection, and_, bindparam, func, select

from tracker.audit import facts_json
from tracker.errors import ConflictError, InputError, NotFoundError, StoreError
from tracker.model import LANGS, Document, Paragraph, Revision, Role, content_hash
from tracker.storage import rows
from tracker.storage.audit_store import append_entries
from tracker.storage.base import _dialect_insert, dump, from_db_time, load, to_db_time
from tracker.storage.fingerprints import KINDS, fact
from tracker.storage.tables import PARAGRAPH, REVISION, STORY

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
# Parameters per IN list: far below SQLite's and PostgreSQL's limits whatever the batch size.
_CHUNK = 500
REVISION_COLUMNS = (
    REVISION.c.id,
    REVISION.c.lang,
    REVISION.c.number,
    REVISION.c.created_at,
    REVISION.c.author,
    REVISION.c.content_hash,
    REVISION.c.label,
    REVISION.c.origin,
    REVISION.c.based_on,
    REVISION.c.status,
    REVISION.c.meta,
)
# Statements built once: building them is most of the cost of a small write, and their compiled form is cached.
_IDS: BindParameter[list[Any]] = bindparam("ids", expanding=True)
_STORY_IDS = select(STORY.c.slug, STORY.c.id).where(STORY.c.slug.in_(_IDS)).order_by(STORY.c.id)
_NEWEST = (
    select(REVISION.c.story_id, REVISION.c.lang, func.max(REVISION.c.number).label("number"))
    .where(REVISION.c.story_id.in_(_IDS))
    .group_by(REVISION.c.story_id, REVISION.c.lang)
    .subquery()
)
_LATEST_ROWS = select(REVISION.c.story_id, *REVISION_COLUMNS).join(
    _NEWEST,
    and_(
        REVISION.c.story_id == _NEWEST.c.story_id,
        REVISION.c.lang == _NEWEST.c.lang,
        REVISION.c.number == _NEWEST.c.number,
    ),
)
_PARAGRAPHS = (
    select(PARAGRAPH.c.idx, PARAGRAPH.c.text, PARAGRAPH.c.line_start, PARAGRAPH.c.line_end, PARAGRAPH.c.role)
    .where(PARAGRAPH.c.revision_id == bindparam("revision_id"))
    .order_by(PARAGRAPH.c.idx)
)
_REVISION_VALUES = KINDS["revision"][2]  # the columns a revision's fact digest covers: all but its id
_PARAGRAPH_COLUMNS = ("revision_id", "idx", "text", "hash", "line_start", "line_end", "role")
_INSERT_STORIES: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class NewRevision:
    """One revision to add, as `Store.add_revision` takes it (the author and time are the batch's)."""

    slug: str
    lang: str
    document: Document
    label: str | None = None
    origin: str = ""
    based_on: int | None = None
    status: str = "usable"
    meta: Sequence[tuple[str, str]] = ()
    expected_latest: int | None | EllipsisType = ...
    hashes: tuple[str, ...] = ()  # the paragraphs' hashes, when the caller computed them already (else here)


def check_slug(slug: str) -> str:
    """A story slug as given, or an input error saying what a slug may hold."""
    if not _SLUG.match(slug):
        raise InputError(repr(slug), "a story slug is 1-200 letters, digits, '.', '_' or '-', starting alphanumeric")
    return slug


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InputError(repr(lang), f"unknown language (use {' or '.join(LANGS)})")
    return lang


def check_new(item: NewRevision) -> None:
    """Refuse a revision that can never be stored, before any transaction begins."""
    check_slug(item.slug)
    check_lang(item.lang)
    if not item.document.paragraphs:
        raise InputError(item.slug, "a revision needs at least one paragraph")
    if item.lang == "fr" and item.based_on is not None:
        raise InputError(item.slug, "--based-on applies to English revisions (the French revision adapted)")


def revision_from_row(slug: str, row: Sequence[Any], paragraphs: tuple[Paragraph, ...] = ()) -> Revision:
    """A Revision from a row of REVISION_COLUMNS (a leading story id is left out by the caller)."""
    _id, lang, number, created_at, author, chash, label, origin, based_on, status, meta = row
    try:
        pairs = tuple((str(k), str(v)) for k, v in load(str(meta)))
    except (ValueError, TypeError) as exc:  # edited by hand or damaged: this revision says so, the rest read on
        raise StoreError(f"{slug} {lang} r{number}: its stored metadata is damaged ({str(exc)[:80]})") from exc
    return Revision(
        story=slug,
        lang=str(lang),
        number=int(number),
        created_at=from_db_time(created_at),
        author=str(author),
        content_hash=str(chash),
        paragraphs=paragraphs,
        label=None if label is None else str(label),
        origin=str(origin),
        based_on=None if based_on is None else int(based_on),
        status=str(status),
        meta=pairs,
    )


# `Role(value)` goes through the enum machinery on every call: a long revision's paragraphs look theirs up here
_ROLES = {role.value: role for role in Role}
_ROLE_TEXTS = {role: role.value for role in Role}  # and `str(role)` for each of an import's paragraphs


def paragraphs_of(conn: Connection, revision_id: int) -> tuple[Paragraph, ...]:
    rows = conn.execute(_PARAGRAPHS, {"revision_id": revision_id}).all()
    roles = _ROLES
    return tuple(
        Paragraph(idx, text, start, end, roles.get(role) or Role(role)) for idx, text, start, end, role in rows
    )


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    return (values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK))


def _story_ids(conn: Connection, slugs: Sequence[str], *, lock: bool) -> dict[str, int]:
    query = _STORY_IDS.with_for_update() if lock else _STORY_IDS
    return {str(slug): int(sid) for chunk in _chunks(slugs) for slug, sid in conn.execute(query, {"ids": chunk})}


def ensure_stories(conn: Connection, titles: dict[str, str], at: datetime) -> dict[str, int]:
    """Each slug's story id, creating missing stories with the title given; PostgreSQL locks their rows until
    the transaction ends, so concurrent writers to a story queue."""
    lock = conn.dialect.name == "postgresql"
    ids = _story_ids(conn, list(titles), lock=lock)
    missing = [slug for slug in titles if slug not in ids]
    if missing:
        if conn.dialect.name not in _INSERT_STORIES:
            statement = _dialect_insert(conn, STORY).on_conflict_do_nothing(index_elements=["slug"])
            _INSERT_STORIES[conn.dialect.name] = statement
        rows = [{"slug": slug, "title": titles[slug], "created_at": at} for slug in missing]
        conn.execute(_INSERT_STORIES[conn.dialect.name], rows)
        ids.update(_story_ids(conn, missing, lock=lock))
    return ids


class _Latest:
    """The newest revision of each (story id, language) as the batch goes: stored rows, then the batch's own."""

    def __init__(self, conn: Connection, slugs: dict[int, str]) -> None:
        self.conn = conn
        self.newest: dict[tuple[int, str], tuple[Revision, int | None]] = {}
        for chunk in _chunks(list(slugs)):
            for row in conn.execute(_LATEST_ROWS, {"ids": chunk}):
                story_id, *columns = row
                self.newest[story_id, row.lang] = (revision_from_row(slugs[story_id], columns), int(row.id))

    def get(self, story_id: int, lang: str) -> Revision | None:
        found = self.newest.get((story_id, lang))
        return None if found is None else found[0]

    def with_paragraphs(self, story_id: int, lang: str) -> Revision:
        revision, row_id = self.newest[story_id, lang]
        if row_id is None:
            return revision
        return replace(revision, paragraphs=paragraphs_of(self.conn, row_id))

    def add(self, story_id: int, revision: Revision) -> None:
        self.newest[story_id, revision.lang] = (revision, None)


def planned(item: NewRevision, number: int, based_on: int | None, *, by: str, at: datetime, chash: str) -> Revision:
    """The revision an item becomes as number `number` (`chash`: its document's content hash, computed once)."""
    return Revision(
        story=item.slug,
        lang=item.lang,
        number=number,
        created_at=to_db_time(at),
        author=by,
        content_hash=chash,
        paragraphs=item.document.paragraphs,
        label=item.label if item.label is not None else item.document.label,
        origin=item.origin,
        based_on=based_on,
        status=item.status,
        meta=tuple(item.meta) or item.document.meta,
    )


def _based_on(item: NewRevision, latest_fr: Revision | None) -> int | None:
    """An English revision's French source: as asked (it must exist), else the newest French revision."""
    if item.based_on is None:
        return None if latest_fr is None else latest_fr.number
    if latest_fr is None or not 1 <= item.based_on <= latest_fr.number:
        raise NotFoundError(f"{item.slug}: no French revision {item.based_on} to base the English on")
    return item.based_on


def write_revisions(
    conn: Connection, items: Sequence[NewRevision], *, by: str, at: datetime
) -> list[tuple[Revision, bool]]:
    """Add each item in order, in the caller's transaction, as consecutive add_revision calls would:
    (new revision, True), or (the latest, False) when its content is identical to the latest's."""
    from tracker.wire_flags import wire_key  # writers only: the wire's flags stay off every reader's start

    for item in items:
        check_new(item)
    if not items:
        return []
    stamp = to_db_time(at)
    titles: dict[str, str] = {}
    for item in items:
        titles.setdefault(item.slug, item.document.title or "")  # a story is titled by its first revision
    ids = ensure_stories(conn, titles, stamp)
    latest = _Latest(conn, {sid: slug for slug, sid in ids.items()})
    results: list[tuple[Revision, bool]] = []
    new: list[tuple[int, Revision, tuple[str, ...]]] = []
    for item in items:
        story_id = ids[item.slug]
        previous = latest.get(story_id, item.lang)
        previous_number = None if previous is None else previous.number
        if item.expected_latest is not ... and previous_number != item.expected_latest:
            raise ConflictError(
                f"{item.slug} {item.lang}: latest revision is now r{previous_number}, not r{item.expected_latest}; "
                "reload and retry"
            )
        hashes = item.hashes or tuple(p.hash for p in item.document.paragraphs)
        if len(hashes) != len(item.document.paragraphs):
            raise ValueError(f"{item.slug}: {len(hashes)} hashes given for {len(item.document.paragraphs)} paragraphs")
        chash = content_hash(hashes)
        # the same text with another signal (a kill, a withhold, an embargo lifted) is a new version
        same = previous is not None and previous.content_hash == chash and previous.status == item.status
        if (
            previous is not None
            and same
            and wire_key(previous.meta) == wire_key(tuple(item.meta) or item.document.meta)
        ):
            results.append((latest.with_paragraphs(story_id, item.lang), False))
            continue
        based_on = _based_on(item, latest.get(story_id, "fr")) if item.lang == "en" else None
        revision = planned(item, (previous_number or 0) + 1, based_on, by=by, at=stamp, chash=chash)
        latest.add(story_id, revision)
        new.append((story_id, revision, hashes))
        results.append((revision, True))
    facts = _insert(conn, new)
    entries = [("import", r.story, _detail(r), facts_json([f])) for (_, r, _), f in zip(new, facts, strict=True)]
    append_entries(conn, entries, by=by, at=at)
    return results


def _detail(revision: Revision) -> str:
    return f"{revision.lang} r{revision.number} {revision.content_hash[:12]} ({len(revision.paragraphs)} paragraphs)"


def _insert(conn: Connection, new: Sequence[tuple[int, Revision, tuple[str, ...]]]) -> list[tuple[str, str, str]]:
    """Every revision row, then every paragraph row, straight through the driver (tracker.storage.rows) with
    their ids drawn ahead; returns each revision's (kind, key, digest) for its audit entry."""
    if not new:
        return []
    revision_ids = rows.draw_ids(conn, REVISION, len(new))
    values: list[dict[str, Any]] = [
        {
            "story_id": story_id,
            "lang": r.lang,
            "number": r.number,
            "created_at": r.created_at,
            "author": r.author,
            "label": r.label,
            "origin": r.origin,
            "content_hash": r.content_hash,
            "based_on": r.based_on,
            "status": r.status,
            "meta": dump([list(pair) for pair in r.meta]),
        }
        for story_id, r, _ in new
    ]
    time = rows.time_value(conn)
    rows.write(
        conn,
        REVISION,
        ("id", *_REVISION_VALUES),
        [
            (rid, *(time(v[c]) if c == "created_at" else v[c] for c in _REVISION_VALUES))
            for rid, v in zip(revision_ids, values, strict=True)
        ],
    )
    paragraphs = [
        [
            (n, p.text, h, p.line_start, p.line_end, _ROLE_TEXTS.get(p.role) or str(p.role))
            for n, (p, h) in enumerate(zip(r.paragraphs, hashes, strict=True))
        ]
        for _, r, hashes in new
    ]
    flat = [(rid, *p) for rid, mine in zip(revision_ids, paragraphs, strict=True) for p in mine]
    rows.write(conn, PARAGRAPH, _PARAGRAPH_COLUMNS, flat)
    return [fact("revision", rid, row, mine) for rid, row, mine in zip(revision_ids, values, paragraphs, strict=True)]
