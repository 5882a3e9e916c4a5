"""The translation memory's word counts on PostgreSQL: per word, how many entries hold it, kept by triggers

Candidates are looked up by a paragraph's rarest words, so every word of a story was counted first, one query a
word over its range of the word index: hundreds of queries a story. The counts now live in a table the word
index's statement triggers keep (inserts, COPY, deletes by cascade, truncation), read in one query a story. The
entries already listed are counted here. SQLite counts through FTS5: nothing.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from tracker.storage.memory_index import create_counts, drop_counts

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_counts(op.get_bind())


def downgrade() -> None:
    drop_counts(op.get_bind())
