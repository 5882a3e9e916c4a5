"""Editorial approval rules: who may approve, what blocks an approval, and whether an approval still holds.

An approval is a fact bound to three content hashes (French, English, alignment); its validity is derived
from them on demand, so it can never drift out of date.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.flags import needs_action
from tracker.model import Approval, Revision, User
from tracker.view import ApprovalStatus, Row, open_error

ROLES = ("translator", "editor", "admin")


def may_decide(user: User | None) -> str | None:
    """Why `user` may not approve or reject (None when they may): only editors and admins decide."""
    if user is None:
        return "unknown user: an admin must add you first (tracker users add NAME --role editor)"
    if user.role not in ("editor", "admin"):
        return f"{user.name} is a {user.role}; only editors and admins approve or reject"
    return None


def four_eyes_refusal(user: User, en: Revision, enabled: bool) -> str | None:
    """Why the four-eyes rule refuses `user` approving `en` (None when it does not)."""
    if enabled and en.author == user.name:
        return f"four eyes: {user.name} wrote English revision {en.number} and may not approve it"
    return None


def blockers(rows: Sequence[Row]) -> tuple[str, ...]:
    """What stands in the way of approving: rows needing action that nobody acknowledged or waived."""
    found: list[str] = []
    for row in rows:
        for flag in row.flags:
            if needs_action(flag):
                where = f"en {list(flag.en)}" if flag.en else f"fr {list(flag.fr)}"
                found.append(f"{flag.kind}: {where}")
        for finding in row.findings:
            if open_error(finding):
                found.append(f"qa {finding.check}: fr {list(finding.fr)} en {list(finding.en)}: {finding.message}")
    return tuple(dict.fromkeys(found))


def _changed_since(kind: str, approved: int, current: Revision | None) -> str:
    if current is None:
        return f"{kind} revision {approved} approved, none shown now"
    return f"{kind} changed since the approval: r{approved} -> r{current.number} ({current.created_at:%Y-%m-%d %H:%M})"


def approval_status(
    approvals: Sequence[Approval], fr: Revision, en: Revision | None, alignment_hash: str
) -> ApprovalStatus | None:
    """The latest whole-revision verdict and whether the content under it is still exactly what it saw."""
    whole = [a for a in approvals if a.paragraph is None]
    if not whole:
        return None
    latest = max(whole, key=lambda a: a.at)
    reasons: list[str] = []
    if latest.fr_hash != fr.content_hash:
        reasons.append(_changed_since("French", latest.fr_rev, fr))
    if en is None or latest.en_hash != en.content_hash:
        reasons.append(_changed_since("English", latest.en_rev, en))
    if latest.alignment_hash != alignment_hash:
        reasons.append("alignment changed since the approval")
    valid = latest.verdict == "approved" and not reasons
    return ApprovalStatus(approval=latest, valid=valid, reasons=tuple(reasons))


def paragraph_approved(approvals: Sequence[Approval], en_hash: str, fr_hashes: Sequence[str]) -> bool:
    """Whether the latest per-paragraph verdict on this exact English text (and its French source) is approval."""
    source = ",".join(sorted(fr_hashes))
    mine = [a for a in approvals if a.paragraph == en_hash and a.fr_hash == source]
    return bool(mine) and max(mine, key=lambda a: a.at).verdict == "approved"
