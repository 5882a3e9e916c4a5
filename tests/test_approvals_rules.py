"""Approval rules as pure functions: roles, four eyes, blockers, and validity bound to content hashes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tracker.approvals import approval_status, blockers, four_eyes_refusal, may_decide, paragraph_approved
from tracker.model import Approval, Finding, Flag, Link, Revision, User
from tracker.view import Row

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _rev(lang: str, number: int, content: str, author: str = "ana") -> Revision:
    return Revision(
        story="s",
        lang=lang,
        number=number,
        created_at=T0 + timedelta(hours=number),
        author=author,
        content_hash=content,
    )


def _approval(verdict: str = "approved", at: datetime = T0, **kw: object) -> Approval:
    approval = Approval("s", 2, 1, "F2", "E1", "A", "approved", "ed", at)
    return replace(approval, verdict=verdict, **kw)  # type: ignore[arg-type]


def test_only_editors_and_admins_decide() -> None:
    assert may_decide(User("t", "translator", T0)) is not None
    assert may_decide(None) is not None
    assert may_decide(User("e", "editor", T0)) is None
    assert may_decide(User("a", "admin", T0)) is None


def test_four_eyes_refuses_the_author_only_when_enabled() -> None:
    editor = User("ana", "editor", T0)
    assert four_eyes_refusal(editor, _rev("en", 1, "E1", author="ana"), enabled=True)
    assert four_eyes_refusal(editor, _rev("en", 1, "E1", author="ana"), enabled=False) is None
    assert four_eyes_refusal(editor, _rev("en", 1, "E1", author="bob"), enabled=True) is None


def test_an_approval_holds_only_while_all_three_hashes_match() -> None:
    fr, en = _rev("fr", 2, "F2"), _rev("en", 1, "E1")
    status = approval_status([_approval()], fr, en, "A")
    assert status is not None and status.valid and not status.reasons
    moved = approval_status([_approval()], _rev("fr", 3, "F3"), en, "A")
    assert moved is not None and not moved.valid
    assert "French changed" in moved.reasons[0] and "r2 -> r3" in moved.reasons[0]
    relinked = approval_status([_approval()], fr, en, "B")
    assert relinked is not None and not relinked.valid and "alignment" in relinked.reasons[0]
    assert approval_status([], fr, en, "A") is None


def test_the_latest_verdict_wins() -> None:
    fr, en = _rev("fr", 2, "F2"), _rev("en", 1, "E1")
    later_reject = [_approval(), _approval("rejected", at=T0 + timedelta(minutes=5))]
    status = approval_status(later_reject, fr, en, "A")
    assert status is not None and not status.valid and status.approval is not None
    assert status.approval.verdict == "rejected"


def test_unacknowledged_flags_and_unwaived_errors_block_approval() -> None:
    link = Link((0,), (0,))
    stale = Flag("stale", (0,), (0,))
    acked = Flag("untranslated", (1,), (), acknowledged=True)
    error = Finding("numbers", "error", (0,), (0,), "6.600 vs 6,500")
    waived = Finding("names", "error", (0,), (0,), "x", waived=True)
    rows = [Row(link, (), (), flags=(stale, acked), findings=(error, waived))]
    found = blockers(rows)
    assert found == ("stale: en [0]", "qa numbers: fr [0] en [0]: 6.600 vs 6,500")
    assert blockers([Row(link, (), (), flags=(acked,), findings=(waived,))]) == ()


def test_a_paragraph_approval_is_bound_to_its_english_and_french_text() -> None:
    approvals = [_approval(paragraph="en-h", fr_hash="fa,fb")]
    assert paragraph_approved(approvals, "en-h", ["fb", "fa"])
    assert not paragraph_approved(approvals, "en-h", ["fa"])
    assert not paragraph_approved(approvals, "other", ["fa", "fb"])
