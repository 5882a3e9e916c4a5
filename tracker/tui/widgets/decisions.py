"""The details panel's list of decisions standing on a row: what, who, when and why, each one `R` can take back."""

from __future__ import annotations

from rich.text import Text

from tracker.view import Row, RowDecision


def decision_line(decision: RowDecision) -> str:
    """One decision as people read it: `acknowledged: no change needed — tina, 2026-12-01 09:00: same figure`."""
    when = decision.at.strftime("%Y-%m-%d %H:%M")
    why = f": {decision.why}" if decision.why else ""
    return f"{decision.what} — {decision.by}, {when}{why}"


def decisions_text(row: Row) -> Text:
    """The panel's Decisions section (empty when no decision stands on the row)."""
    out = Text()
    if not row.decisions:
        return out
    out.append("\nDecisions (R takes one back)\n", style="bold underline")
    for decision in row.decisions:
        out.append(f"  • {decision_line(decision)}\n")
    return out
