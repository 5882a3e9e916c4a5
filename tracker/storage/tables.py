"""Every table of the tracker's database, in one module; rows never leave the storage package.

Facts are append-only: revisions and their paragraphs are immutable, decisions are added, never edited.
Timestamps are stored in UTC; lists (hashes, links, metadata) are stored as JSON text.
"""

# No `from __future__ import annotations` here: pydantic and SQLAlchemy would both evaluate every field's annotation
# string again when each class is made, a tenth of this module's import time, which every database command pays.

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Index, Table, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# Named constraints let Alembic alter them on SQLite (batch mode) and compare them across databases.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class TableModel(SQLModel):
    """The base of every table class: pydantic builds a table's validator and serializer on first use instead of
    when the class is made. The storage code never validates rows (it reads and writes column tuples), and building
    twenty of them cost every database command a sixth of this module's import time."""

    model_config = {"defer_build": True}


def _utc_column(nullable: bool = False) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable)


class StoryRow(TableModel, table=True):
    __tablename__ = "story"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=200)
    title: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(sa_column=_utc_column())


class RevisionRow(TableModel, table=True):
    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("story_id", "lang", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    lang: str = Field(max_length=8)
    number: int
    created_at: datetime = Field(sa_column=_utc_column())
    author: str = Field(sa_type=Text)
    label: str | None = Field(default=None, sa_type=Text)
    origin: str = Field(default="", sa_type=Text)
    content_hash: str = Field(max_length=64)
    based_on: int | None = None
    status: str = Field(default="usable", max_length=32)
    meta: str = Field(default="[]", sa_type=Text)


class ParagraphRow(TableModel, table=True):
    __tablename__ = "paragraph"

    revision_id: int = Field(foreign_key="revision.id", primary_key=True)
    idx: int = Field(primary_key=True)
    text: str = Field(sa_type=Text)
    hash: str = Field(max_length=64)
    line_start: int = 0
    line_end: int = 0
    role: str = Field(default="body", max_length=16)


class AlignmentRow(TableModel, table=True):
    """The computed alignment of a revision pair: a cache, replaced on save (decisions live elsewhere)."""

    __tablename__ = "alignment"
    __table_args__ = (UniqueConstraint("story_id", "fr_rev", "en_rev"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id")
    fr_rev: int
    en_rev: int
    links: str = Field(sa_type=Text)


class SummaryCacheRow(TableModel, table=True):
    """A story's derived state at a glance for one way of deriving it (`key`: QA configuration, release), kept
    with the version of the facts it was derived from (the newest audit entry naming the story): a cache, replaced
    on save. Desk members with different QA configurations keep rows of their own."""

    __tablename__ = "summary_cache"

    story_id: int = Field(foreign_key="story.id", primary_key=True)
    key: str = Field(max_length=64, primary_key=True)
    version: int
    summary: str = Field(sa_type=Text)


class DerivedCacheRow(TableModel, table=True):
    """A value derived from content (a link's QA findings, a revision pair's diff), keyed by the hashes of what it
    was derived from and how: a cache any desk member may reuse, never a fact."""

    __tablename__ = "derived_cache"

    key: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=16)
    value: str = Field(sa_type=Text)


class LinkDecisionRow(TableModel, table=True):
    __tablename__ = "link_decision"
    __table_args__ = (Index(None, "story_id", "fr_rev", "en_rev"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id")
    fr_rev: int
    en_rev: int
    links: str = Field(sa_type=Text)
    actor: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())
    action: str = Field(default="confirm", max_length=32)


class AckRow(TableModel, table=True):
    __tablename__ = "ack"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    fr_hash: str = Field(max_length=64)
    kind: str = Field(max_length=32)
    actor: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())
    note: str = Field(default="", sa_type=Text)


class WaiverRow(TableModel, table=True):
    __tablename__ = "waiver"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    check: str = Field(max_length=64)
    fr_hashes: str = Field(sa_type=Text)
    en_hashes: str = Field(sa_type=Text)
    actor: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())
    reason: str = Field(sa_type=Text)


class ApprovalRow(TableModel, table=True):
    __tablename__ = "approval"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    fr_rev: int
    en_rev: int
    fr_hash: str = Field(max_length=64)
    en_hash: str = Field(max_length=64)
    alignment_hash: str = Field(max_length=64)
    verdict: str = Field(max_length=16)
    actor: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())
    note: str = Field(default="", sa_type=Text)
    forced: bool = False
    paragraph: str | None = Field(default=None, max_length=64)


class RevocationRow(TableModel, table=True):
    """A decision taken back: names the decision (`target`, its decision_id) and says who, when and why."""

    __tablename__ = "revocation"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    kind: str = Field(max_length=16)
    target: str = Field(max_length=64)
    actor: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())
    reason: str = Field(default="", sa_type=Text)


class WithdrawalRow(TableModel, table=True):
    """An editor's record that a killed story's English was withdrawn: bound to the kill's French revision."""

    __tablename__ = "withdrawal"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    fr_rev: int
    fr_hash: str = Field(max_length=64)
    actor: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())
    note: str = Field(default="", sa_type=Text)


class UserRow(TableModel, table=True):
    __tablename__ = "tracker_user"

    name: str = Field(primary_key=True, max_length=200)
    role: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=_utc_column())
    created_by: str = Field(default="", sa_type=Text)


class SettingRow(TableModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=200)
    value: str = Field(sa_type=Text)


class AuditRow(TableModel, table=True):
    """The tamper-evident log: each entry's hash covers its fields and the previous entry's hash."""

    __tablename__ = "audit"

    seq: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_utc_column())
    actor: str = Field(sa_type=Text)
    action: str = Field(max_length=32)
    story: str = Field(default="", max_length=200, index=True)
    detail: str = Field(default="", sa_type=Text)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
    # The fact rows the entry records, with their hashes (JSON); "" on entries from before schema 0003.
    facts: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=text("''")))


class MTCacheRow(TableModel, table=True):
    __tablename__ = "mt_cache"

    key: str = Field(primary_key=True, max_length=200)
    provider: str = Field(max_length=64)
    text: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())


class MemoryEntryRow(TableModel, table=True):
    """A remembered French/English pair for the translation memory: derived from stories' links (origin `story`)
    or imported (origin `tmx:FILE`); `fr_key` is the hash of the folded French, for exact matches. Searched through
    an index the migration adds per backend (FTS5 on SQLite, pg_trgm on PostgreSQL), not modelled here."""

    __tablename__ = "memory_entry"
    __table_args__ = (UniqueConstraint("fr_key", "en_hash", "origin"),)

    id: int | None = Field(default=None, primary_key=True)
    fr_key: str = Field(max_length=64, index=True)
    en_hash: str = Field(max_length=64)
    fr_text: str = Field(sa_type=Text)
    en_text: str = Field(sa_type=Text)
    origin: str = Field(max_length=200)
    story: str = Field(default="", max_length=200)
    fr_rev: int | None = None
    en_rev: int | None = None
    author: str = Field(default="", sa_type=Text)
    at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    approved: bool = False


class MemorySourceRow(TableModel, table=True):
    """An English revision whose links are in the translation memory, so building it again takes only new ones."""

    __tablename__ = "memory_source"

    story_id: int = Field(foreign_key="story.id", primary_key=True)
    en_rev: int = Field(primary_key=True)


class FeedFileRow(TableModel, table=True):
    """A file a watched drop folder delivered, recorded once imported or refused, so that it is read at most once,
    also across restarts: found again by its path, size and modification time, or by its bytes (`digest`)."""

    __tablename__ = "feed_file"
    __table_args__ = (Index("ix_feed_file_path", "path"),)

    digest: str = Field(primary_key=True, max_length=64)  # SHA-256 of the bytes: the same file twice is one delivery
    path: str = Field(sa_type=Text)  # where it was first seen
    size: int = Field(sa_type=BigInteger)
    mtime_ns: int = Field(sa_type=BigInteger)
    outcome: str = Field(max_length=16)  # imported, skipped, refused
    detail: str = Field(sa_type=Text)
    at: datetime = Field(sa_column=_utc_column())


class TermRow(TableModel, table=True):
    """A termbase entry (from TBX): a French term and an English equivalent, read by the names check."""

    __tablename__ = "term"
    __table_args__ = (UniqueConstraint("origin", "concept", "fr", "en"),)

    id: int | None = Field(default=None, primary_key=True)
    origin: str = Field(sa_type=Text)
    concept: str = Field(default="", max_length=200)
    fr: str = Field(sa_type=Text)
    en: str = Field(sa_type=Text)
    status: str = Field(default="", max_length=64)
    note: str = Field(default="", sa_type=Text)
    imported_at: datetime = Field(sa_column=_utc_column())
    imported_by: str = Field(sa_type=Text)


def _table(row: type[SQLModel]) -> Table:
    table = row.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


METADATA = SQLModel.metadata
STORY = _table(StoryRow)
REVISION = _table(RevisionRow)
PARAGRAPH = _table(ParagraphRow)
ALIGNMENT = _table(AlignmentRow)
SUMMARY_CACHE = _table(SummaryCacheRow)
DERIVED_CACHE = _table(DerivedCacheRow)
REVOCATION = _table(RevocationRow)
WITHDRAWAL = _table(WithdrawalRow)
LINK_DECISION = _table(LinkDecisionRow)
ACK = _table(AckRow)
WAIVER = _table(WaiverRow)
APPROVAL = _table(ApprovalRow)
USER = _table(UserRow)
SETTING = _table(SettingRow)
AUDIT = _table(AuditRow)
MT_CACHE = _table(MTCacheRow)
MEMORY_ENTRY = _table(MemoryEntryRow)
MEMORY_SOURCE = _table(MemorySourceRow)
FEED_FILE = _table(FeedFileRow)
TERM = _table(TermRow)
