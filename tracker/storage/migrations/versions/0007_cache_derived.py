"""Derived cache: QA findings and diffs keyed by the content hashes they were derived from; on PostgreSQL, every
audit entry (every write) notifies listeners on channel `tracker_changes` (payload: the schema), so desks see a
colleague's save at once instead of at the next poll

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# delivered when the writing transaction commits; the payload names the schema, as one server may hold several
_NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION tracker_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tracker_changes', current_schema());
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "derived_cache",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_derived_cache")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_NOTIFY_FUNCTION)
        op.execute("CREATE TRIGGER audit_notify AFTER INSERT ON audit FOR EACH ROW EXECUTE FUNCTION tracker_notify()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_notify ON audit")
        op.execute("DROP FUNCTION IF EXISTS tracker_notify()")
    op.drop_table("derived_cache")
