"""Alignments of revision pairs: the computed cache (replaced on save) and people's link decisions (facts)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from tracker.model import Link, LinkDecision
from tracker.revocations import in_force
from tracker.storage.audit_store import append_entry
from tracker.storage.base import StoreBase, dump, from_db_time, load, to_db_time, upsert
from tracker.storage.fingerprints import insert_fact
from tracker.storage.revocations import revoked_ids
from tracker.storage.tables import ALIGNMENT, LINK_DECISION


def links_to_json(links: Sequence[Link]) -> str:
    return dump([{"fr": list(k.fr), "en": list(k.en), "score": k.score, "confirmed": k.confirmed} for k in links])


# A story's alignments are read again on every view (one per English revision): each text is parsed once.
@functools.lru_cache(maxsize=16)
def links_from_json(text: str) -> tuple[Link, ...]:
    data: list[dict[str, Any]] = load(text)
    return tuple(
        Link(tuple(d["fr"]), tuple(d["en"]), float(d.get("score", 0.0)), bool(d.get("confirmed", False))) for d in data
    )


class AlignmentStore(StoreBase):
    """Computed alignments and confirmed link decisions."""

    def save_alignment(self, slug: str, fr_rev: int, en_rev: int, links: Sequence[Link]) -> None:
        """Cache the computed alignment of a revision pair, replacing any earlier one (not a decision: no audit)."""
        with self._write() as conn:
            story_id = self._story_id(conn, slug)
            values = {"story_id": story_id, "fr_rev": fr_rev, "en_rev": en_rev, "links": links_to_json(links)}
            upsert(conn, ALIGNMENT, values, ["story_id", "fr_rev", "en_rev"])

    def alignment(self, slug: str, fr_rev: int, en_rev: int) -> tuple[Link, ...] | None:
        """The cached alignment of a revision pair, None when none was saved."""
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            text = conn.execute(
                select(ALIGNMENT.c.links).where(
                    ALIGNMENT.c.story_id == story_id, ALIGNMENT.c.fr_rev == fr_rev, ALIGNMENT.c.en_rev == en_rev
                )
            ).scalar()
        return None if text is None else links_from_json(text)

    def add_link_decision(self, decision: LinkDecision) -> None:
        with self._write() as conn:
            story_id = self._story_id(conn, decision.story)
            values = {
                "story_id": story_id,
                "fr_rev": decision.fr_rev,
                "en_rev": decision.en_rev,
                "links": links_to_json(decision.links),
                "actor": decision.by,
                "at": to_db_time(decision.at),
                "action": decision.action,
            }
            facts = [insert_fact(conn, "link", values)]
            shown = " ".join(
                f"{','.join(map(str, k.fr)) or '-'}>{','.join(map(str, k.en)) or '-'}" for k in decision.links
            )
            detail = f"{decision.action} fr r{decision.fr_rev} en r{decision.en_rev}: {shown}"
            append_entry(conn, "link", decision.story, detail, by=decision.by, at=decision.at, facts=facts)

    def link_decisions(self, slug: str, fr_rev: int, en_rev: int) -> list[LinkDecision]:
        """People's link decisions on a revision pair in force (none revoked), oldest first."""
        with self._read() as conn:
            story_id = self._story_id(conn, slug)
            revoked = revoked_ids(conn, story_id)
            rows = conn.execute(
                select(LINK_DECISION.c.links, LINK_DECISION.c.actor, LINK_DECISION.c.at, LINK_DECISION.c.action)
                .where(
                    LINK_DECISION.c.story_id == story_id,
                    LINK_DECISION.c.fr_rev == fr_rev,
                    LINK_DECISION.c.en_rev == en_rev,
                )
                .order_by(LINK_DECISION.c.id)
            ).all()
        decisions = [
            LinkDecision(slug, fr_rev, en_rev, links_from_json(links), by, from_db_time(at), action)
            for links, by, at, action in rows
        ]
        return in_force(decisions, revoked)
