"""Revocations: decisions taken back, as facts of their own naming the decision

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_revocation_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revocation")),
    )
    with op.batch_alter_table("revocation") as batch:
        batch.create_index(batch.f("ix_revocation_story_id"), ["story_id"], unique=False)


def downgrade() -> None:
    op.drop_table("revocation")
