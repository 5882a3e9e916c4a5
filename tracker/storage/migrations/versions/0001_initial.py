"""Initial schema: stories, immutable revisions and paragraphs, decisions, users, audit, MT cache

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("story", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_hash")),
    )
    op.create_index(op.f("ix_audit_story"), "audit", ["story"], unique=False)
    op.create_table(
        "mt_cache",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("provider", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_mt_cache")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story")),
        sa.UniqueConstraint("slug", name=op.f("uq_story_slug")),
    )
    op.create_table(
        "tracker_user",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tracker_user")),
    )
    op.create_table(
        "ack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("fr_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_ack_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ack")),
    )
    op.create_index(op.f("ix_ack_story_id"), "ack", ["story_id"], unique=False)
    op.create_table(
        "alignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("fr_rev", sa.Integer(), nullable=False),
        sa.Column("en_rev", sa.Integer(), nullable=False),
        sa.Column("links", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_alignment_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alignment")),
        sa.UniqueConstraint("story_id", "fr_rev", "en_rev", name=op.f("uq_alignment_story_id_fr_rev_en_rev")),
    )
    op.create_table(
        "approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("fr_rev", sa.Integer(), nullable=False),
        sa.Column("en_rev", sa.Integer(), nullable=False),
        sa.Column("fr_hash", sa.String(length=64), nullable=False),
        sa.Column("en_hash", sa.String(length=64), nullable=False),
        sa.Column("alignment_hash", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("forced", sa.Boolean(), nullable=False),
        sa.Column("paragraph", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_approval_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval")),
    )
    op.create_index(op.f("ix_approval_story_id"), "approval", ["story_id"], unique=False)
    op.create_table(
        "link_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("fr_rev", sa.Integer(), nullable=False),
        sa.Column("en_rev", sa.Integer(), nullable=False),
        sa.Column("links", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_link_decision_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_decision")),
    )
    op.create_index(
        op.f("ix_link_decision_story_id_fr_rev_en_rev"), "link_decision", ["story_id", "fr_rev", "en_rev"], unique=False
    )
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("based_on", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_revision_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
        sa.UniqueConstraint("story_id", "lang", "number", name=op.f("uq_revision_story_id_lang_number")),
    )
    op.create_index(op.f("ix_revision_story_id"), "revision", ["story_id"], unique=False)
    op.create_table(
        "waiver",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("check", sa.String(length=64), nullable=False),
        sa.Column("fr_hashes", sa.Text(), nullable=False),
        sa.Column("en_hashes", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_waiver_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waiver")),
    )
    op.create_index(op.f("ix_waiver_story_id"), "waiver", ["story_id"], unique=False)
    op.create_table(
        "paragraph",
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("line_start", sa.Integer(), nullable=False),
        sa.Column("line_end", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["revision_id"], ["revision.id"], name=op.f("fk_paragraph_revision_id_revision")),
        sa.PrimaryKeyConstraint("revision_id", "idx", name=op.f("pk_paragraph")),
    )


def downgrade() -> None:
    op.drop_table("paragraph")
    op.drop_index(op.f("ix_waiver_story_id"), table_name="waiver")
    op.drop_table("waiver")
    op.drop_index(op.f("ix_revision_story_id"), table_name="revision")
    op.drop_table("revision")
    op.drop_index(op.f("ix_link_decision_story_id_fr_rev_en_rev"), table_name="link_decision")
    op.drop_table("link_decision")
    op.drop_index(op.f("ix_approval_story_id"), table_name="approval")
    op.drop_table("approval")
    op.drop_table("alignment")
    op.drop_index(op.f("ix_ack_story_id"), table_name="ack")
    op.drop_table("ack")
    op.drop_table("tracker_user")
    op.drop_table("story")
    op.drop_table("setting")
    op.drop_table("mt_cache")
    op.drop_index(op.f("ix_audit_story"), table_name="audit")
    op.drop_table("audit")
