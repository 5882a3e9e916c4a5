"""The translation memory's word index on PostgreSQL: which entries hold which French word

pg_trgm answers a whole paragraph with nearly every entry of a large memory, since its trigrams are everywhere
(seconds a paragraph at 200,000 pairs). Entries are now also listed under their French words (folded, as the
core's `search_terms` gives them), so a paragraph's rarest words find its near copies in an index range. The
entries already stored are listed here. A cache like the memory itself: SQLite keeps its FTS5 index instead.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tracker.memory import search_terms
from tracker.storage.memory_index import create_words, drop_words, list_words

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    create_words(bind)
    last = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT id, fr_text FROM memory_entry WHERE id > :last ORDER BY id LIMIT 5000"), {"last": last}
        ).all()
        if not rows:
            return
        list_words(bind, [(w, int(i)) for i, fr in rows for w in search_terms(str(fr), 64)])
        last = int(rows[-1][0])


def downgrade() -> None:
    drop_words(op.get_bind())
