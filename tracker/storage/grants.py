"""A desk member's privileges on PostgreSQL: what their database role may read and write in the tracker's schema.

Fact tables get INSERT only (the schema's triggers refuse every UPDATE and DELETE), caches get what a cache
needs, and only admins may write users and settings. SQLite has no roles: nothing to grant.
"""

from __future__ import annotations

from sqlalchemy import text

from tracker.errors import NotFoundError
from tracker.storage.base import StoreBase

FACT_TABLES = (
    "story",
    "revision",
    "paragraph",
    "link_decision",
    "ack",
    "waiver",
    "approval",
    "audit",
    "feed_file",
    "term",
    "revocation",
    "withdrawal",
)
# the translation memory is derived from the facts (or imported): rebuildable, so a cache
CACHE_TABLES = (
    "alignment",
    "summary_cache",
    "mt_cache",
    "memory_entry",
    "memory_source",
    "memory_word",
    "memory_word_count",
    "derived_cache",
)
ADMIN_TABLES = ("tracker_user", "setting")


def _statements(schema: str, role: str, *, admin: bool) -> list[str]:
    facts, caches, admins = (", ".join(tables) for tables in (FACT_TABLES, CACHE_TABLES, ADMIN_TABLES))
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {facts} FROM {role}",  # first: it drops column privileges too
        f"GRANT INSERT ON {facts} TO {role}",
        # SELECT ... FOR UPDATE (writers to one story queue on its row) needs UPDATE on one column; the
        # append-only trigger still refuses any UPDATE statement on the story table.
        f"GRANT UPDATE (title) ON story TO {role}",
        f"GRANT INSERT, UPDATE, DELETE ON {caches} TO {role}",
        (f"GRANT INSERT, UPDATE ON {admins} TO {role}" if admin else f"REVOKE INSERT, UPDATE ON {admins} FROM {role}"),
    ]


class GrantStore(StoreBase):
    """Granting a database role its desk privileges (PostgreSQL; run by the schema's owner)."""

    def grant_desk(self, role: str, *, admin: bool) -> bool:
        """Give `role` a desk member's privileges (an admin's with `admin`); False on SQLite (nothing to grant)."""
        if self.dialect != "postgresql":
            return False
        with self._write() as conn:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is None:
                raise NotFoundError(f"no database role {role!r} on {self.display_url} (CREATE ROLE first)")
            quote = conn.dialect.identifier_preparer.quote
            schema = quote(str(conn.execute(text("SELECT current_schema()")).scalar_one()))
            for statement in _statements(schema, quote(role), admin=admin):
                conn.exec_driver_sql(statement)
        return True
