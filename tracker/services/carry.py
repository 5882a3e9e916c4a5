"""Decisions carried from a story folder into the database: re-made by the importing user under the rules that
user meets (registered, an editor to approve, four eyes), recorded as carried and by whom, never stored under the
folder's names or dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tracker.errors import ForbiddenError, RefusedError
from tracker.model import Acknowledgement, Approval, Revision, Waiver
from tracker.services import approvals
from tracker.storage import Store


def _origin(kind: str, folder: str, by: str, at: datetime, verified: bool | None = None) -> str:
    check = "" if verified is None else (", verified" if verified else ", unverified")
    return f"{kind} carried from folder {folder}, by {by} at {at.isoformat()}{check}"


def carry_acks(
    store: Store, slug: str, folder: str, acks: Sequence[Acknowledgement], *, by: str, at: datetime
) -> list[str]:
    """Acknowledge again, as `by`, what the folder says was acknowledged and the store does not hold yet."""
    held = {(a.fr_hash, a.kind) for a in store.acks(slug)}
    done = []
    for ack in acks:
        if (ack.fr_hash, ack.kind) in held:
            continue
        note = _origin("acknowledgement", folder, ack.by, ack.at) + (f": {ack.note}" if ack.note else "")
        store.add_ack(Acknowledgement(slug, ack.fr_hash, ack.kind, by, at, note))
        held.add((ack.fr_hash, ack.kind))
        done.append(f"{slug}: acknowledgement ({ack.kind}) by {ack.by} carried as {by}")
    return done


def carry_waivers(
    store: Store, slug: str, folder: str, waivers: Sequence[Waiver], *, by: str, at: datetime
) -> list[str]:
    """Waive again, as `by`, the folder's waivers the store does not hold yet."""
    held = {(w.check, w.fr_hashes, w.en_hashes) for w in store.waivers(slug)}
    done = []
    for w in waivers:
        if (w.check, w.fr_hashes, w.en_hashes) in held:
            continue
        reason = f"{_origin('waiver', folder, w.by, w.at)}: {w.reason}"
        store.add_waiver(Waiver(slug, w.check, w.fr_hashes, w.en_hashes, by, at, reason))
        held.add((w.check, w.fr_hashes, w.en_hashes))
        done.append(f"{slug}: waiver of {w.check} by {w.by} carried as {by}")
    return done


def _held(stored: Sequence[Approval], a: Approval, origin: str) -> bool:
    """Whether the store has this verdict already: the same fact (exported from here) or carried before."""
    same = [
        s
        for s in stored
        if (s.fr_hash, s.en_hash, s.verdict, s.paragraph) == (a.fr_hash, a.en_hash, a.verdict, a.paragraph)
    ]
    return any((s.by, s.at) == (a.by, a.at) or s.note.startswith(origin) for s in same)


def carry_approvals(
    store: Store,
    slug: str,
    folder: str,
    verdicts: Sequence[tuple[Approval, bool]],
    fr: Revision,
    en: Revision,
    *,
    by: str,
    at: datetime,
) -> list[str]:
    """Make again, as `by` and under the rules `by` meets, the folder's newest whole-story (verdict, signature
    verified) on the texts stored from it; a verdict the rules refuse stays in the folder, with the reason
    (per-paragraph approvals stay in the folder)."""
    done = []
    stored = store.approvals(slug)
    whole = [v for v in verdicts if v[0].paragraph is None]
    # only the verdict that counts in the folder, its newest: re-made now, older ones would all share one time
    for a, verified in sorted(whole, key=lambda v: v[0].at)[-1:]:
        origin = _origin(a.verdict.replace("approved", "approval").replace("rejected", "rejection"), folder, a.by, a.at)
        if _held(stored, a, origin):
            continue
        if (a.fr_hash, a.en_hash) != (fr.content_hash, en.content_hash):
            done.append(f"{slug}: {a.verdict} by {a.by} on other texts than the folder's: kept in the folder only")
            continue
        note = origin + (", verified" if verified else ", unverified") + (f": {a.note}" if a.note else "")
        try:
            approvals.decide(store, slug, a.verdict, by=by, at=at, note=note, force=a.forced, fr_rev=fr.number,
                             en_rev=en.number)  # fmt: skip
        except (ForbiddenError, RefusedError) as refusal:
            done.append(f"{slug}: {a.verdict} by {a.by} not carried ({refusal}): kept in the folder only")
            continue
        done.append(f"{slug}: {a.verdict} by {a.by} carried as {by} on fr r{fr.number} / en r{en.number}")
    return done
