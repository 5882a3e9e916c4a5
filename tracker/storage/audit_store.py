"""The audit log in the database: entries appended inside each write's own transaction, read back in order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, text

from tracker.audit import GENESIS, entry_hash, facts_json, utc, verify_facts
from tracker.model import AuditEntry
from tracker.storage import rows
from tracker.storage.base import StoreBase, from_db_time
from tracker.storage.fingerprints import MUST_RECORD, current_digests
from tracker.storage.tables import AUDIT

# Serialises appends on PostgreSQL so two writers never chain onto the same previous entry.
_PG_AUDIT_LOCK = 7_302_002
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_HEAD_HASH = select(AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)
_COLUMNS = ("at", "actor", "action", "story", "detail", "prev_hash", "hash", "facts")


def append_entry(
    conn: Connection,
    action: str,
    story: str,
    detail: str,
    *,
    by: str,
    at: datetime,
    facts: Sequence[tuple[str, str, str]] = (),
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction, recording `facts` ((kind, key, digest) of
    the rows it wrote)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_AUDIT_LOCK})
    prev = conn.execute(select(AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)).scalar()
    prev_hash = str(prev) if prev is not None else GENESIS
    at = utc(at)
    recorded = facts_json(facts)
    digest = entry_hash(prev_hash, at, by, action, story, detail, recorded)
    values = {"at": at, "actor": by, "action": action, "story": story, "detail": detail}
    seq = conn.execute(
        insert(AUDIT).values(**values, prev_hash=prev_hash, hash=digest, facts=recorded).returning(AUDIT.c.seq)
    ).scalar_one()
    return AuditEntry(int(seq), at, by, action, story, detail, prev_hash, digest, recorded)


def append_entries(conn: Connection, entries: Sequence[tuple[str, str, str, str]], *, by: str, at: datetime) -> None:
    """Append (action, story, detail, facts JSON) entries to the chain in order, in the caller's transaction: the
    chain is computed in memory from the head and the rows go in straight through the driver (tracker.storage.rows:
    COPY or one executemany; rows keep their order, so do seqs)."""
    if not entries:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK, {"key": _PG_AUDIT_LOCK})
    head = conn.execute(_HEAD_HASH).scalar()
    prev_hash = str(head) if head is not None else GENESIS
    at = utc(at)
    stamp = rows.time_value(conn)(at)
    written = []
    for action, story, detail, recorded in entries:
        digest = entry_hash(prev_hash, at, by, action, story, detail, recorded)
        written.append((stamp, by, action, story, detail, prev_hash, digest, recorded))
        prev_hash = digest
    rows.write(conn, AUDIT, _COLUMNS, written)  # seqs follow the rows' order


class AuditStore(StoreBase):
    """Reading the log, and appending entries for decisions made outside the Store's own write methods."""

    def audit(self, slug: str | None = None) -> list[AuditEntry]:
        """Entries oldest first; with `slug`, only that story's (verify the whole log, not a filtered one)."""
        query = select(
            AUDIT.c.seq,
            AUDIT.c.at,
            AUDIT.c.actor,
            AUDIT.c.action,
            AUDIT.c.story,
            AUDIT.c.detail,
            AUDIT.c.prev_hash,
            AUDIT.c.hash,
            AUDIT.c.facts,
        ).order_by(AUDIT.c.seq)
        if slug is not None:
            query = query.where(AUDIT.c.story == slug)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            AuditEntry(int(seq), from_db_time(at), by, action, story, detail, prev, digest, facts)
            for seq, at, by, action, story, detail, prev, digest, facts in rows
        ]

    def fact_problems(self, entries: Sequence[AuditEntry]) -> list[str]:
        """Fact rows edited, deleted or written around the tracker since the chain (`entries`, all of them)
        recorded them."""
        with self._read() as conn:
            current = current_digests(conn)
        return verify_facts(entries, current, must_record=MUST_RECORD)

    def audit_head(self) -> tuple[int, str]:
        """(sequence number, hash) of the newest entry, (0, "") on an empty log: a cheap "did anything change?"."""
        query = select(AUDIT.c.seq, AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)
        with self._read() as conn:
            row = conn.execute(query).first()
        return (0, "") if row is None else (int(row[0]), str(row[1]))

    def story_versions(self) -> dict[str, int]:
        """Per story, the sequence number of the newest audit entry naming it: changes whenever its facts do."""
        query = select(AUDIT.c.story, func.max(AUDIT.c.seq)).where(AUDIT.c.story != "").group_by(AUDIT.c.story)
        with self._read() as conn:
            return {str(story): int(seq) for story, seq in conn.execute(query)}

    def append_audit(self, action: str, story: str, detail: str, *, by: str, at: datetime) -> AuditEntry:
        """Append one entry in its own transaction."""
        with self._write() as conn:
            return append_entry(conn, action, story, detail, by=by, at=at)
