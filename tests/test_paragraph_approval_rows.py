"""A row's own approvals (`row_paragraph_approvals`): approved while its English and French are the ones approved,
lapsed when either changed (saying which), and never contradicting `approved_paragraphs`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.approvals import approved_paragraphs, row_paragraph_approvals, source_hash
from tracker.model import Approval, Link, Paragraph, text_hash
from tracker.view import Row

T = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _row(fr: str, en: str) -> Row:
    return Row(Link((0,), (3,)), (Paragraph(0, fr),), (Paragraph(3, en),))


def _approve(row: Row, by: str = "ed", at: datetime = T, verdict: str = "approved") -> Approval:
    source = source_hash([p.hash for p in row.fr])
    return Approval("s", 1, 1, source, "", "", verdict, by, at, paragraph=row.en[0].hash)  # type: ignore[arg-type]


def test_an_approved_paragraph_holds_while_its_english_and_french_are_the_ones_approved() -> None:
    row = _row("Le sommet.", "The summit.")
    (verdict,) = row_paragraph_approvals([_approve(row)], row)
    assert (verdict.state, verdict.en, verdict.approval.by) == ("approved", 3, "ed")
    assert verdict.words() == "¶ 3 approved by ed, 2026-12-02 09:00"
    assert approved_paragraphs([_approve(row)], [row]) == frozenset({3})


def test_an_approval_lapses_when_the_french_changed_and_says_so() -> None:
    before = _row("Le sommet.", "The summit.")
    after = _row("Le sommet, selon Moscou.", "The summit.")
    (verdict,) = row_paragraph_approvals([_approve(before)], after)
    assert (verdict.state, verdict.en, verdict.why) == ("lapsed", 3, "its French changed")
    assert "approval lapsed: its French changed (approved by ed, 2026-12-02 09:00)" in verdict.words()
    assert approved_paragraphs([_approve(before)], [after]) == frozenset()


def test_an_approval_lapses_when_the_english_changed_until_the_new_text_is_approved() -> None:
    before = _row("Le sommet.", "The summit.")
    after = _row("Le sommet.", "The summit, they said.")
    old = _approve(before)
    (verdict,) = row_paragraph_approvals([old], after)
    assert (verdict.state, verdict.en, verdict.why) == ("lapsed", None, "its English changed")
    again = _approve(after, at=T + timedelta(hours=1))
    assert [v.state for v in row_paragraph_approvals([old, again], after)] == ["approved"]
    assert approved_paragraphs([old, again], [after]) == frozenset({3})


def test_a_row_nobody_approved_on_its_own_has_no_verdict() -> None:
    row = _row("Le sommet.", "The summit.")
    other = _row("Autre chose.", "Something else.")
    assert row_paragraph_approvals([_approve(other)], row) == ()
    whole = Approval("s", 1, 1, "", text_hash("x"), "", "approved", "ed", T)
    assert row_paragraph_approvals([whole], row) == ()
