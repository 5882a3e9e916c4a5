"""Translation memory and termbase imported from CAT tools: tm_entry (TMX pairs) and term (TBX entries)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tm_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("fr", sa.Text(), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("fr_hash", sa.String(length=64), nullable=False),
        sa.Column("en_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tm_entry")),
        sa.UniqueConstraint("origin", "fr_hash", "en_hash", name=op.f("uq_tm_entry_origin_fr_hash_en_hash")),
    )
    op.create_index(op.f("ix_tm_entry_fr_hash"), "tm_entry", ["fr_hash"], unique=False)
    op.create_table(
        "term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("concept", sa.String(length=200), nullable=False),
        sa.Column("fr", sa.Text(), nullable=False),
        sa.Column("en", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term")),
        sa.UniqueConstraint("origin", "concept", "fr", "en", name=op.f("uq_term_origin_concept_fr_en")),
    )


def downgrade() -> None:
    op.drop_table("term")
    op.drop_index(op.f("ix_tm_entry_fr_hash"), table_name="tm_entry")
    op.drop_table("tm_entry")
