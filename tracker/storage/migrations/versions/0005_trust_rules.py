"""Trust: the database enforces who may write what (PostgreSQL), and audit entries record their facts' hashes

On PostgreSQL, triggers make facts append-only for desk members (UPDATE, DELETE and TRUNCATE refused), stamp the
acting role on each decision, refuse audit entries under another name or off the chain's head, keep approvals to
editors under the four-eyes rule, and let only admins write users and settings. The schema's owner (and
superusers) are exempt: they can disable any trigger anyway, and they migrate and provision the desk. Privileges
are granted per person by `tracker db grant`. On SQLite, which has no roles, only the `facts` column is added.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("story", "revision", "paragraph", "link_decision", "ack", "waiver", "approval", "audit")
DECISIONS = ("link_decision", "ack", "waiver", "approval")
# How far a fact's own time may be from the database's clock: decisions are recorded as they are made.
SKEW = "interval '10 minutes'"

_FUNCTIONS = """
CREATE FUNCTION tracker_maintainer() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
      OR pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = '{schema}'), 'MEMBER')
$$;

CREATE FUNCTION tracker_role_of(who text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT role FROM "{schema}".tracker_user WHERE name = who
$$;

CREATE FUNCTION tracker_check_writer(recorded_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF tracker_role_of(current_user) IS NULL THEN
    RAISE EXCEPTION 'tracker: % is not a registered user of this desk (an admin adds them with tracker db grant)',
      current_user USING ERRCODE = '42501';
  END IF;
  IF recorded_at IS NOT NULL AND (recorded_at < now() - {skew} OR recorded_at > now() + {skew}) THEN
    RAISE EXCEPTION 'tracker: a decision dated % is refused, the database''s clock says %: nothing is backdated',
      recorded_at, now() USING ERRCODE = '42501';
  END IF;
END $$;

CREATE FUNCTION tracker_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT tracker_maintainer() THEN
    RAISE EXCEPTION 'tracker: % on % refused for %: facts are append-only (a correction is a new fact)',
      TG_OP, TG_TABLE_NAME, current_user USING ERRCODE = '42501';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION tracker_stamp_decision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  my_role text;
BEGIN
  IF tracker_maintainer() THEN
    RETURN NEW;
  END IF;
  PERFORM tracker_check_writer(NEW.at);
  NEW.actor := current_user;
  IF TG_TABLE_NAME = 'approval' THEN
    my_role := tracker_role_of(current_user);
    IF my_role NOT IN ('editor', 'admin') THEN
      RAISE EXCEPTION 'tracker: % is a %; only editors and admins approve or reject', current_user, my_role
        USING ERRCODE = '42501';
    END IF;
    IF NEW.verdict = 'approved'
       AND coalesce((SELECT value FROM "{schema}".setting WHERE key = 'four_eyes'), 'on') <> 'off'
       AND EXISTS (SELECT 1 FROM "{schema}".revision WHERE story_id = NEW.story_id AND lang = 'en'
                   AND number = NEW.en_rev AND author = current_user) THEN
      RAISE EXCEPTION 'tracker: four eyes: % wrote English revision % and may not approve it', current_user, NEW.en_rev
        USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION tracker_stamp_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT tracker_maintainer() THEN
    PERFORM tracker_check_writer(NULL);
    NEW.author := current_user;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION tracker_check_paragraph() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a revision is immutable: its paragraphs go in with it, in the transaction that made it
  IF NOT EXISTS (SELECT 1 FROM "{schema}".revision WHERE id = NEW.revision_id AND xmin = pg_current_xact_id()::xid)
     AND NOT tracker_maintainer() THEN
    RAISE EXCEPTION 'tracker: revision % is stored already: paragraphs cannot be added to it', NEW.revision_id
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION tracker_check_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tracker_maintainer() THEN
    RETURN NEW;
  END IF;
  PERFORM tracker_check_writer(NEW.at);
  IF NEW.actor <> current_user THEN
    RAISE EXCEPTION 'tracker: an audit entry by % cannot be written by %', NEW.actor, current_user
      USING ERRCODE = '42501';
  END IF;
  IF NEW.prev_hash <> coalesce((SELECT hash FROM "{schema}".audit ORDER BY seq DESC LIMIT 1), repeat('0', 64)) THEN
    RAISE EXCEPTION 'tracker: an audit entry must follow the head of the chain' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION tracker_check_admin() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  my_role text;
BEGIN
  IF tracker_maintainer() THEN
    RETURN NEW;
  END IF;
  my_role := tracker_role_of(current_user);
  IF TG_TABLE_NAME = 'tracker_user' AND TG_OP = 'INSERT' AND my_role IS NULL AND NEW.name = current_user
     AND NEW.role = 'admin' AND NOT EXISTS (SELECT 1 FROM "{schema}".tracker_user) THEN
    my_role := 'admin';  -- the first user of an empty desk becomes its admin
  END IF;
  IF my_role IS DISTINCT FROM 'admin' THEN
    RAISE EXCEPTION 'tracker: only admins change % rows; % is %', TG_TABLE_NAME, current_user,
      coalesce('a ' || my_role, 'not a registered user') USING ERRCODE = '42501';
  END IF;
  IF TG_TABLE_NAME = 'tracker_user' THEN
    IF TG_OP = 'INSERT' THEN
      NEW.created_by := current_user;
    ELSIF NEW.name <> OLD.name OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
      RAISE EXCEPTION 'tracker: only a user''s role may change' USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN NEW;
END $$;
"""

_NAMES = (
    "tracker_check_admin()",
    "tracker_check_audit()",
    "tracker_check_paragraph()",
    "tracker_stamp_revision()",
    "tracker_stamp_decision()",
    "tracker_refuse_change()",
    "tracker_check_writer(timestamptz)",
    "tracker_role_of(text)",
    "tracker_maintainer()",
)


def _triggers() -> list[str]:
    sql = [
        f"CREATE TRIGGER tracker_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()"
        for table in APPEND_ONLY
    ]
    sql += [
        f"CREATE TRIGGER tracker_stamp BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION tracker_stamp_decision()"
        for table in DECISIONS
    ]
    sql += [
        "CREATE TRIGGER tracker_stamp BEFORE INSERT ON revision FOR EACH ROW EXECUTE FUNCTION tracker_stamp_revision()",
        "CREATE TRIGGER tracker_stamp BEFORE INSERT ON paragraph FOR EACH ROW "
        "EXECUTE FUNCTION tracker_check_paragraph()",
        "CREATE TRIGGER tracker_stamp BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION tracker_check_audit()",
    ]
    for table in ("tracker_user", "setting"):
        sql += [
            f"CREATE TRIGGER tracker_admins BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tracker_check_admin()",
            f"CREATE TRIGGER tracker_append_only BEFORE DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()",
        ]
    return sql


def _baseline(bind: sa.Connection) -> None:
    """One entry recording every fact row already stored, so `tracker audit --verify` covers them from now on."""
    from datetime import UTC, datetime

    from tracker.storage.audit_store import append_entry
    from tracker.storage.fingerprints import current_digests

    digests = current_digests(bind)
    if not digests:
        return
    postgres = bind.dialect.name == "postgresql"
    by = str(bind.execute(sa.text("SELECT current_user")).scalar_one()) if postgres else "tracker"
    facts = [(kind, key, digest) for (kind, key), digest in sorted(digests.items())]
    detail = f"{len(facts)} rows stored before the audit chain recorded its facts (schema 0003)"
    append_entry(bind, "baseline", "", detail, by=by, at=datetime.now(UTC), facts=facts)


def upgrade() -> None:
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("facts", sa.Text(), nullable=False, server_default=sa.text("''")))
    bind = op.get_bind()
    _baseline(bind)
    if bind.dialect.name != "postgresql":
        return
    schema = str(bind.execute(sa.text("SELECT current_schema()")).scalar_one()).replace("'", "''")
    # Through the driver with no parameters, so the messages' % placeholders reach PL/pgSQL as written.
    cursor = bind.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_FUNCTIONS.format(schema=schema, skew=SKEW))
        for statement in _triggers():
            cursor.execute(statement)
    finally:
        cursor.close()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        tables = {*APPEND_ONLY, *DECISIONS, "tracker_user", "setting"}
        for table in sorted(tables):
            for name in ("tracker_append_only", "tracker_stamp", "tracker_admins"):
                bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for function in _NAMES:
            bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {function}")
    with op.batch_alter_table("audit") as batch:
        batch.drop_column("facts")
