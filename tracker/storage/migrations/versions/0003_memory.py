"""Translation memory: remembered French/English pairs and the English revisions already taken in, with a search
index per backend (SQLite FTS5 kept by triggers; PostgreSQL pg_trgm GIN indexes when the extension can be had)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tracker.storage.memory_index import create_index, drop_index

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "memory_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fr_key", sa.String(length=64), nullable=False),
        sa.Column("en_hash", sa.String(length=64), nullable=False),
        sa.Column("fr_text", sa.Text(), nullable=False),
        sa.Column("en_text", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("story", sa.String(length=200), nullable=False),
        sa.Column("fr_rev", sa.Integer(), nullable=True),
        sa.Column("en_rev", sa.Integer(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_entry")),
        sa.UniqueConstraint("fr_key", "en_hash", "origin", name=op.f("uq_memory_entry_fr_key_en_hash_origin")),
    )
    op.create_index(op.f("ix_memory_entry_fr_key"), "memory_entry", ["fr_key"], unique=False)
    op.create_table(
        "memory_source",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("en_rev", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_memory_source_story_id_story")),
        sa.PrimaryKeyConstraint("story_id", "en_rev", name=op.f("pk_memory_source")),
    )
    create_index(op.get_bind())


def downgrade() -> None:
    drop_index(op.get_bind())
    op.drop_table("memory_source")
    op.drop_index(op.f("ix_memory_entry_fr_key"), table_name="memory_entry")
    op.drop_table("memory_entry")
