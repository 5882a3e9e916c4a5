"""Decisions people make about a story, stored as append-only facts: acknowledgements, waivers, approvals.

Reads return the decisions in force: those no revocation names (see tracker.revocations)."""

from __future__ import annotations

from sqlalchemy import func, select

from tracker.errors import ConflictError
from tracker.model import Acknowledgement, Approval, Waiver
from tracker.revocations import in_force
from tracker.storage.audit_store import append_entry
from tracker.storage.base import StoreBase, dump, from_db_time, load, to_db_time
from tracker.storage.fingerprints import insert_fact
from tracker.storage.revocations import revoked_ids
from tracker.storage.tables import ACK, APPROVAL, REVISION, STORY, WAIVER


class DecisionStore(StoreBase):
    """Acknowledgements, waivers and approvals; each write also appends its audit entry."""

    def add_ack(self, ack: Acknowledgement) -> None:
        with self._write() as conn:
            story_id = self._story_id(conn, ack.story)
            values = {
                "story_id": story_id,
                "fr_hash": ack.fr_hash,
                "kind": ack.kind,
                "actor": ack.by,
                "at": to_db_time(ack.at),
                "note": ack.note,
            }
            facts = [insert_fact(conn, "ack", values)]
            detail = f"{ack.kind} fr {ack.fr_hash[:12]}" + (f": {ack.note}" if ack.note else "")
            append_entry(conn, "ack", ack.story, detail, by=ack.by, at=ack.at, facts=facts)

    def acks(self, slug: str) -> list[Acknowledgement]:
        """Acknowledgements of a story, oldest first."""
        query = (
            select(ACK.c.fr_hash, ACK.c.kind, ACK.c.actor, ACK.c.at, ACK.c.note)
            .join(STORY, STORY.c.id == ACK.c.story_id)
            .where(STORY.c.slug == slug)
            .order_by(ACK.c.id)
        )
        with self._read() as conn:
            revoked = revoked_ids(conn, self._story_id(conn, slug))
            rows = conn.execute(query).all()
        acks = [Acknowledgement(slug, h, kind, by, from_db_time(at), note) for h, kind, by, at, note in rows]
        return in_force(acks, revoked)

    def add_waiver(self, waiver: Waiver) -> None:
        with self._write() as conn:
            story_id = self._story_id(conn, waiver.story)
            values = {
                "story_id": story_id,
                "check": waiver.check,
                "fr_hashes": dump(list(waiver.fr_hashes)),
                "en_hashes": dump(list(waiver.en_hashes)),
                "actor": waiver.by,
                "at": to_db_time(waiver.at),
                "reason": waiver.reason,
            }
            facts = [insert_fact(conn, "waiver", values)]
            detail = f"{waiver.check} fr {_short(waiver.fr_hashes)} en {_short(waiver.en_hashes)}: {waiver.reason}"
            append_entry(conn, "waive", waiver.story, detail, by=waiver.by, at=waiver.at, facts=facts)

    def waivers(self, slug: str) -> list[Waiver]:
        """Waivers of a story, oldest first."""
        query = (
            select(WAIVER.c.check, WAIVER.c.fr_hashes, WAIVER.c.en_hashes, WAIVER.c.actor, WAIVER.c.at, WAIVER.c.reason)
            .join(STORY, STORY.c.id == WAIVER.c.story_id)
            .where(STORY.c.slug == slug)
            .order_by(WAIVER.c.id)
        )
        with self._read() as conn:
            revoked = revoked_ids(conn, self._story_id(conn, slug))
            rows = conn.execute(query).all()
        waivers = [
            Waiver(slug, check, tuple(load(fr)), tuple(load(en)), by, from_db_time(at), reason)
            for check, fr, en, by, at, reason in rows
        ]
        return in_force(waivers, revoked)

    def add_approval(self, approval: Approval, *, expected_fr_rev: int, expected_en_rev: int) -> None:
        """Record a verdict, unless either language got a newer revision since the editor looked (ConflictError)."""
        with self._write() as conn:
            story_id = self._story_id(conn, approval.story, lock=True)
            latest = dict(
                conn.execute(
                    select(REVISION.c.lang, func.max(REVISION.c.number))
                    .where(REVISION.c.story_id == story_id)
                    .group_by(REVISION.c.lang)
                ).all()
            )
            for lang, expected in (("fr", expected_fr_rev), ("en", expected_en_rev)):
                if latest.get(lang) != expected:
                    raise ConflictError(
                        f"{approval.story}: {lang} is now at r{latest.get(lang)}, not r{expected}; review it again"
                    )
            values = {
                "story_id": story_id,
                "fr_rev": approval.fr_rev,
                "en_rev": approval.en_rev,
                "fr_hash": approval.fr_hash,
                "en_hash": approval.en_hash,
                "alignment_hash": approval.alignment_hash,
                "verdict": approval.verdict,
                "actor": approval.by,
                "at": to_db_time(approval.at),
                "note": approval.note,
                "forced": approval.forced,
                "paragraph": approval.paragraph,
            }
            facts = [insert_fact(conn, "approval", values)]
            action = "approve" if approval.verdict == "approved" else "reject"
            detail = (
                f"fr r{approval.fr_rev} {approval.fr_hash[:12]} en r{approval.en_rev} {approval.en_hash[:12]}"
                f" alignment {approval.alignment_hash[:12]}"
                + (f" paragraph {approval.paragraph[:12]}" if approval.paragraph else "")
                + (" forced" if approval.forced else "")
                + (f": {approval.note}" if approval.note else "")
            )
            append_entry(conn, action, approval.story, detail, by=approval.by, at=approval.at, facts=facts)

    def approvals(self, slug: str) -> list[Approval]:
        """Verdicts on a story, oldest first."""
        columns = (
            APPROVAL.c.fr_rev,
            APPROVAL.c.en_rev,
            APPROVAL.c.fr_hash,
            APPROVAL.c.en_hash,
            APPROVAL.c.alignment_hash,
            APPROVAL.c.verdict,
            APPROVAL.c.actor,
            APPROVAL.c.at,
            APPROVAL.c.note,
            APPROVAL.c.forced,
            APPROVAL.c.paragraph,
        )
        query = (
            select(*columns)
            .join(STORY, STORY.c.id == APPROVAL.c.story_id)
            .where(STORY.c.slug == slug)
            .order_by(APPROVAL.c.id)
        )
        with self._read() as conn:
            revoked = revoked_ids(conn, self._story_id(conn, slug))
            rows = conn.execute(query).all()
        return in_force(
            [
                Approval(slug, fr_rev, en_rev, fh, eh, ah, verdict, by, from_db_time(at), note, bool(forced), paragraph)
                for fr_rev, en_rev, fh, eh, ah, verdict, by, at, note, forced, paragraph in rows
            ],
            revoked,
        )


def _short(hashes: tuple[str, ...]) -> str:
    return ",".join(h[:12] for h in hashes) or "-"
