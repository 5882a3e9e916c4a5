"""The story screen's text: the bar (state first, title last, what a rejection left) and the wrapped columns."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.tui.conftest import SLUG
from tests.tui.fake_backend import FakeBackend
from tracker.approvals import ApprovalVerdict
from tracker.model import Approval
from tracker.tui.screens.story import approval_text, story_bar

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def _verdict(verdict: str, note: str = "") -> Approval:
    return Approval(SLUG, 3, 5, "f", "e", "a", verdict, "ed", T, note)  # type: ignore[arg-type]


def test_the_state_comes_before_the_title_so_a_narrow_terminal_keeps_it() -> None:
    view = FakeBackend.with_sample().view(SLUG)
    bar = story_bar(view)
    assert bar.plain.index("to do") < bar.plain.index("approval:") < bar.plain.index(view.story.title)
    assert bar.no_wrap and bar.overflow == "ellipsis"


def test_a_rejection_shows_the_editors_note() -> None:
    text = approval_text(ApprovalVerdict("rejected", _verdict("rejected", "fix the toll in paragraph 7")))
    assert text.plain == "approval: rejected by ed, 2026-11-02 08:00: fix the toll in paragraph 7"


def test_text_changed_since_a_rejection_awaits_a_verdict() -> None:
    verdict = ApprovalVerdict("awaiting", _verdict("rejected", "fix the toll"), ("English changed",))
    assert approval_text(verdict).plain == "approval: awaiting (en r5 was rejected by ed: fix the toll)"


def test_approved_outdated_per_paragraph_and_none() -> None:
    assert approval_text(ApprovalVerdict("approved", _verdict("approved"))).plain == (
        "approval: approved by ed, 2026-11-02 08:00"
    )
    outdated = ApprovalVerdict("outdated", _verdict("approved"), ("English changed since",))
    expected = "approval: outdated (approved by ed, 2026-11-02 08:00; English changed since)"
    assert approval_text(outdated).plain == expected
    assert approval_text(ApprovalVerdict("per-paragraph", None, (), 4, 4)).plain == (
        "approval: approved per paragraph (4 of 4)"
    )
    assert approval_text(ApprovalVerdict("none")).plain == "approval: none"


def test_lines_never_break_at_a_no_break_space() -> None:
    from tracker.layout import wrap

    text = "il a dit «\u00a0ne pas recourir à la force\u00a0» et 6\u00a0500 morts"
    for width in range(8, 30):
        lines = ["".join(t for t, _ in line) for line in wrap([(text, "")], width)]
        assert "".join(lines) == text
        assert not any(line.startswith(("»", "500")) for line in lines)
        assert not any(line.rstrip(" ").endswith(("«", "6")) for line in lines)


def test_a_story_without_a_title_shows_its_french_opening() -> None:
    import dataclasses

    view = FakeBackend.with_sample().view(SLUG)
    untitled = dataclasses.replace(view, story=dataclasses.replace(view.story, title=""))
    assert story_bar(untitled).plain.endswith(view.fr.paragraphs[0].text)
