"""Revocations as append-only facts: each names one earlier decision and says who took it back, when and why."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from tracker.revocations import Revocation
from tracker.storage.audit_store import append_entry
from tracker.storage.base import StoreBase, from_db_time, to_db_time
from tracker.storage.tables import REVOCATION


def revoked_ids(conn: Connection, story_id: int) -> frozenset[str]:
    """The decision ids a story's revocations name (the decision reads leave those out)."""
    query = select(REVOCATION.c.target).where(REVOCATION.c.story_id == story_id)
    return frozenset(str(t) for (t,) in conn.execute(query))


class RevocationStore(StoreBase):
    """Decisions taken back; each revocation also appends its audit entry."""

    def add_revocation(self, revocation: Revocation, what: str) -> None:
        """Record a revocation; `what` describes the decision for the audit log, as people read it."""
        with self._write() as conn:
            story_id = self._story_id(conn, revocation.story)
            conn.execute(
                insert(REVOCATION).values(
                    story_id=story_id,
                    kind=revocation.kind,
                    target=revocation.target,
                    actor=revocation.by,
                    at=to_db_time(revocation.at),
                    reason=revocation.reason,
                )
            )
            detail = f"{revocation.kind} {revocation.target[:12]} ({what}): {revocation.reason}"
            append_entry(conn, "revoke", revocation.story, detail, by=revocation.by, at=revocation.at)

    def revocations(self, slug: str) -> list[Revocation]:
        """A story's revocations, oldest first."""
        columns = (REVOCATION.c.kind, REVOCATION.c.target, REVOCATION.c.actor, REVOCATION.c.at, REVOCATION.c.reason)
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            rows = conn.execute(select(*columns).where(REVOCATION.c.story_id == story_id).order_by(REVOCATION.c.id))
            return [
                Revocation(slug, kind, target, by, from_db_time(at), reason) for kind, target, by, at, reason in rows
            ]
