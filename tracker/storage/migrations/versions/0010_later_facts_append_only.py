"""The facts added after the trust rules are append-only too: revocations, imported terms, feed deliveries

0005 made every fact table then present append-only on PostgreSQL; tables added since had only the privileges
`tracker db grant` gives (no UPDATE, DELETE or TRUNCATE for desk roles), so one privilege granted by mistake let an
insider rewrite them. The same triggers now hold on them, and a revocation, a decision, is stamped with the acting
role and checked for a registered writer and an honest time like every decision. SQLite has no roles: nothing.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("revocation", "term", "feed_file")
DECISIONS = ("revocation",)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in APPEND_ONLY:
        bind.exec_driver_sql(
            f"CREATE TRIGGER tracker_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()"
        )
    for table in DECISIONS:
        bind.exec_driver_sql(
            f"CREATE TRIGGER tracker_stamp BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tracker_stamp_decision()"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in APPEND_ONLY:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS tracker_append_only ON {table}")
    for table in DECISIONS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS tracker_stamp ON {table}")
