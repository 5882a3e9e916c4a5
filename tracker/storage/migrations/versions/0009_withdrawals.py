"""Withdrawals: an editor's record that a killed story's English was withdrawn, a fact bound to the kill

On PostgreSQL the table is append-only like every fact table, the acting role is stamped on each row, and only
editors and admins may record one (as for approvals).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FUNCTION = """
CREATE FUNCTION tracker_stamp_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  my_role text;
BEGIN
  IF tracker_maintainer() THEN
    RETURN NEW;
  END IF;
  PERFORM tracker_check_writer(NEW.at);
  NEW.actor := current_user;
  my_role := tracker_role_of(current_user);
  IF my_role NOT IN ('editor', 'admin') THEN
    RAISE EXCEPTION 'tracker: % is a %; only editors and admins record a withdrawal', current_user, my_role
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
"""
_TRIGGERS = (
    "CREATE TRIGGER tracker_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON withdrawal "
    "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()",
    "CREATE TRIGGER tracker_stamp BEFORE INSERT ON withdrawal FOR EACH ROW EXECUTE FUNCTION tracker_stamp_withdrawal()",
)


def upgrade() -> None:
    op.create_table(
        "withdrawal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("fr_rev", sa.Integer(), nullable=False),
        sa.Column("fr_hash", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_withdrawal_story_id_story")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_withdrawal")),
    )
    with op.batch_alter_table("withdrawal") as batch:
        batch.create_index(batch.f("ix_withdrawal_story_id"), ["story_id"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # Through the driver with no parameters, so the message's % placeholders reach PL/pgSQL as written.
    cursor = bind.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_FUNCTION)
        for statement in _TRIGGERS:
            cursor.execute(statement)
    finally:
        cursor.close()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in ("tracker_append_only", "tracker_stamp"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON withdrawal")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS tracker_stamp_withdrawal()")
    op.drop_table("withdrawal")
