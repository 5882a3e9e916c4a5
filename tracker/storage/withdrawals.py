"""Withdrawals as append-only facts: an editor's record that a killed story's English was taken down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from tracker.storage.audit_store import append_entry
from tracker.storage.base import StoreBase, from_db_time, to_db_time
from tracker.storage.fingerprints import insert_fact
from tracker.storage.tables import WITHDRAWAL

if TYPE_CHECKING:
    from tracker.wire_flags import Withdrawal


class WithdrawalStore(StoreBase):
    """Withdrawals of killed stories; each also appends its audit entry (who, when, why, and the fact's digest)."""

    def add_withdrawal(self, withdrawal: Withdrawal) -> None:
        with self._write() as conn:
            story_id = self._story_id(conn, withdrawal.story, lock=True)
            values = {
                "story_id": story_id,
                "fr_rev": withdrawal.fr_rev,
                "fr_hash": withdrawal.fr_hash,
                "actor": withdrawal.by,
                "at": to_db_time(withdrawal.at),
                "note": withdrawal.note,
            }
            facts = [insert_fact(conn, "withdrawal", values)]
            detail = f"fr r{withdrawal.fr_rev} {withdrawal.fr_hash[:12]} killed: English withdrawn: {withdrawal.note}"
            append_entry(conn, "withdraw", withdrawal.story, detail, by=withdrawal.by, at=withdrawal.at, facts=facts)

    def withdrawals(self, slug: str) -> list[Withdrawal]:
        """A story's withdrawals, oldest first."""
        from tracker.wire_flags import Withdrawal  # the wire's flags stay off the start of commands that never ask

        columns = (WITHDRAWAL.c.fr_rev, WITHDRAWAL.c.fr_hash, WITHDRAWAL.c.actor, WITHDRAWAL.c.at, WITHDRAWAL.c.note)
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            rows = conn.execute(select(*columns).where(WITHDRAWAL.c.story_id == story_id).order_by(WITHDRAWAL.c.id))
            return [Withdrawal(slug, rev, h, by, from_db_time(at), note) for rev, h, by, at, note in rows]
