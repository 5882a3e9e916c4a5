"""Editorial approval rules: who may approve, what blocks an approval, and whether an approval still holds.

An approval is a fact bound to three content hashes (French, English, alignment); its validity is derived
from them on demand, so it can never drift out of date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tracker.flags import needs_action
from tracker.model import Approval, Revision, User, text_hash
from tracker.view import ApprovalState, ApprovalStatus, Row, StoryView, open_error

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


def approved_paragraphs(approvals: Sequence[Approval], rows: Sequence[Row]) -> frozenset[int]:
    """The English paragraphs (indices) whose latest own verdict approves their exact text and French source."""
    mine = [a for a in approvals if a.paragraph is not None]
    if not mine:
        return frozenset()
    return frozenset(
        j
        for row in rows
        for j, para in zip(row.link.en, row.en, strict=True)
        if paragraph_approved(mine, para.hash, [p.hash for p in row.fr])
    )


def source_hash(fr_hashes: Sequence[str]) -> str:
    """What a paragraph approval binds its French source to: the one paragraph's hash, or for a row of several
    French paragraphs the hash of their sorted hashes (64 characters either way, as the database column holds)."""
    ordered = sorted(fr_hashes)
    return ordered[0] if len(ordered) == 1 else text_hash(",".join(ordered))


def paragraph_approved(approvals: Sequence[Approval], en_hash: str, fr_hashes: Sequence[str]) -> bool:
    """Whether the latest per-paragraph verdict on this exact English text (and its French source) is approval."""
    # the joined form is how SQLite files written before source_hash bound rows of several French paragraphs
    sources = {source_hash(fr_hashes), ",".join(sorted(fr_hashes))}
    mine = [a for a in approvals if a.paragraph == en_hash and a.fr_hash in sources]
    return bool(mine) and max(mine, key=lambda a: a.at).verdict == "approved"


ParagraphState = Literal["approved", "lapsed", "rejected"]


@dataclass(frozen=True, slots=True)
class ParagraphApproval:
    """Where an editor's verdict on one English paragraph of a row stands: `approved` (still its exact English and
    French), `lapsed` (approved, then `why` changed) or `rejected`; `en` is the paragraph's index, None when its
    English is gone (edited since the approval)."""

    state: ParagraphState
    approval: Approval
    en: int | None
    why: str = ""

    def words(self) -> str:
        """One line: `¶ 6 approved by eve, 2026-12-01 09:00`, or what lapsed and why."""
        a = self.approval
        where = f"¶ {self.en} " if self.en is not None else ""
        who = f"{a.by}, {a.at:%Y-%m-%d %H:%M}"
        note = f": {a.note}" if a.note else ""
        if self.state == "lapsed":
            return f"{where}approval lapsed: {self.why} (approved by {who}{note})"
        return f"{where}{self.state} by {who}{note}"


def row_paragraph_approvals(approvals: Sequence[Approval], row: Row) -> tuple[ParagraphApproval, ...]:
    """The verdicts on a row's own English paragraphs (the rule of `paragraph_approved`), and an approval that lapsed.

    An approval binds one English text to its French source: when the French changed it lapses on the same text;
    when the English changed it names text no longer there, and is found by its French source instead (shown only
    when no verdict on the current text came after it)."""
    mine = [a for a in approvals if a.paragraph is not None]
    if not mine or not row.en:
        return ()
    fr_hashes = [p.hash for p in row.fr]
    sources = {source_hash(fr_hashes), ",".join(sorted(fr_hashes))} if fr_hashes else set()
    out: list[ParagraphApproval] = []
    for para in row.en:
        on_text = [a for a in mine if a.paragraph == para.hash]
        current = [a for a in on_text if a.fr_hash in sources]
        if current:
            latest = max(current, key=lambda a: a.at)
            out.append(ParagraphApproval(latest.verdict, latest, para.index))
            continue
        approved = [a for a in on_text if a.verdict == "approved"]
        if approved:
            out.append(ParagraphApproval("lapsed", max(approved, key=lambda a: a.at), para.index, "its French changed"))
    texts = {p.hash for p in row.en}
    gone = [a for a in mine if a.verdict == "approved" and a.fr_hash in sources and a.paragraph not in texts]
    if gone:
        latest = max(gone, key=lambda a: a.at)
        if all(p.approval.at < latest.at for p in out):
            out.append(ParagraphApproval("lapsed", latest, None, "its English changed"))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ApprovalVerdict:
    """The one verdict every face shows for the English on screen, derived from the facts.

    `approval` is the whole-revision verdict it rests on (None for per-paragraph or none); `reasons` say what changed
    since it; `approved`/`total` count the English paragraphs approved on their own, for per-paragraph verdicts.
    """

    state: ApprovalState
    approval: Approval | None = None
    reasons: tuple[str, ...] = ()
    approved: int = 0
    total: int = 0

    @property
    def publishable(self) -> bool:
        """True when the English shown is approved and still exactly what was approved (the publish gate)."""
        return self.state in ("approved", "per-paragraph")

    def words(self) -> str:
        """The verdict in one line of words, the same on every face."""
        a = self.approval
        if self.state == "void":
            return "void (" + "; ".join(self.reasons) + ")"
        if a is None:
            if self.state == "per-paragraph":
                return f"approved per paragraph ({self.approved} of {self.total})"
            if self.state == "awaiting":
                return f"awaiting ({self.approved} of {self.total} paragraphs approved)"
            return "none"
        who = f"{a.by}, {a.at:%Y-%m-%d %H:%M}"
        note = f": {a.note}" if a.note else ""
        if self.state == "approved":
            return f"approved by {who}"
        if self.state == "outdated":
            return f"outdated (approved by {who}; {'; '.join(self.reasons)})"
        if self.state == "rejected":
            return f"rejected by {who}{note}"
        return f"awaiting (en r{a.en_rev} was rejected by {a.by}{note})"


def approval_verdict(view: StoryView) -> ApprovalVerdict:
    """What the English shown has from the editors: a whole approval that still holds, every paragraph approved on
    its own, an approval the content has since outgrown, a rejection (or the new text awaiting a verdict after one),
    or nothing; void while the agency's kill stands."""
    total = sum(len(row.en) for row in view.rows)
    approved = sum(1 for row in view.rows for j in row.link.en if j in view.approved_en)
    status = view.approval
    latest = status.approval if status is not None else None
    if view.en is None:
        return ApprovalVerdict("none")
    killed = next((f for row in view.rows for f in row.flags if f.kind == "withdraw"), None)
    if killed is not None:  # a killed story's English is withdrawn, not published: no approval counts
        return ApprovalVerdict("void", latest, killed.reasons[:1], approved, total)
    if status is not None and latest is not None and latest.verdict == "approved" and status.valid:
        return ApprovalVerdict("approved", latest, (), approved, total)
    if total and approved == total:
        return ApprovalVerdict("per-paragraph", None, (), approved, total)
    if status is not None and latest is not None:
        if latest.verdict == "rejected":
            # a rejection sends back the text it saw; once that text changed, the new one awaits a verdict
            state: ApprovalState = "awaiting" if status.reasons else "rejected"
            return ApprovalVerdict(state, latest, status.reasons, approved, total)
        return ApprovalVerdict("outdated", latest, status.reasons, approved, total)
    if approved:
        return ApprovalVerdict("awaiting", None, (), approved, total)
    return ApprovalVerdict("none", None, (), approved, total)
