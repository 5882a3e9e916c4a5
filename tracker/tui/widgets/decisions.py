"""The details panel's list of decisions standing on a row: what, who, when and why, each one `R` can take back;
and where the editors' verdicts on the row's own paragraphs stand (approved, or lapsed and why)."""

from __future__ import annotations

from rich.text import Text

from tracker.approvals import row_paragraph_approvals
from tracker.view import Row, RowDecision, StoryView

_APPROVAL_MARKS = {"approved": ("✓ ", "bold green"), "lapsed": ("~ ", "bold yellow"), "rejected": ("✗ ", "bold red")}


def decision_line(decision: RowDecision) -> str:
    """One decision as people read it: `acknowledged: no change needed — tina, 2026-12-01 09:00: same figure`."""
    when = decision.at.strftime("%Y-%m-%d %H:%M")
    why = f": {decision.why}" if decision.why else ""
    return f"{decision.what} — {decision.by}, {when}{why}"


def paragraph_approval_text(row: Row, view: StoryView) -> Text:
    """The panel's Paragraph approval section: the verdicts on this row's own English paragraphs, who and when, and
    which lapsed and why (empty when there is none)."""
    out = Text()
    verdicts = row_paragraph_approvals(view.paragraph_approvals, row)
    if not verdicts:
        return out
    out.append("\nParagraph approval\n", style="bold underline")
    for verdict in verdicts:
        mark, style = _APPROVAL_MARKS[verdict.state]
        out.append(mark, style=style)
        out.append(f"{verdict.words()}\n")
    return out


def decisions_text(row: Row, view: StoryView | None = None) -> Text:
    """The panel's Decisions section (empty when no decision stands on the row), after the Paragraph approval
    section when the view is given."""
    out = paragraph_approval_text(row, view) if view is not None else Text()
    if not row.decisions:
        return out
    out.append("\nDecisions (R takes one back)\n", style="bold underline")
    for decision in row.decisions:
        out.append(f"  • {decision_line(decision)}\n")
    return out
