"""The details panel: everything about the selected row — flags with their reasons, QA findings, paragraph history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.view import Row, StoryView

_FLAG_TEXT = {
    "stale": ("S stale", "the French changed since the English was written: update or acknowledge"),
    "cosmetic": ("c cosmetic", "the French changed in form only: nothing to do"),
    "untranslated": ("U untranslated", "a French paragraph with no English"),
    "orphaned": ("O orphaned", "English whose French source is gone"),
}


def describe_row(row: Row, view: StoryView, history: list[tuple[int, str, str]] | None = None) -> Text:
    """The panel's text for one row (also used by tests, so it reads without colour)."""
    out = Text()
    fr = ", ".join(str(p.index) for p in row.fr) or "—"
    en = ", ".join(str(p.index) for p in row.en) or "—"
    out.append(f"Row {row.link.kind}", style="bold")
    out.append(f"  FR ¶ {fr} → EN ¶ {en}\n")
    if row.link.confirmed:
        out.append("alignment confirmed by a person\n", style="dim")
    elif row.link.score:
        out.append(f"alignment score {row.link.score:.2f}\n", style="dim")
    out.append("\nFlags\n", style="bold underline")
    if not row.flags:
        out.append("none: up to date\n", style="green")
    for flag in row.flags:
        label, meaning = _FLAG_TEXT.get(flag.kind, (flag.kind, ""))
        colour = {"stale": "bold red", "untranslated": "bold magenta", "cosmetic": "yellow"}.get(flag.kind, "bold")
        out.append(label, style="dim" if flag.acknowledged else colour)
        out.append(" (acknowledged)" if flag.acknowledged else "", style="dim")
        out.append(f": {meaning}\n")
        for reason in flag.reasons:
            out.append(f"  • {reason}\n")
        for change in (c for c in flag.changes if c.kind != "unchanged"):
            out.append(f"  • {change.kind}{' (substantive)' if change.substantive else ''}")
            if change.reasons:
                out.append(": " + ", ".join(change.reasons))
            out.append("\n")
    out.append("\nQA findings\n", style="bold underline")
    if not row.findings:
        out.append("none\n", style="green")
    for finding in row.findings:
        mark = "waived" if finding.waived else finding.severity
        out.append(f"Q {finding.check} [{mark}]", style="dim" if finding.waived else "bold red")
        out.append(f": {finding.message}\n")
    if view.base is not None:
        out.append(f"\nEnglish r{view.en.number if view.en else '-'} was written from French r{view.base.number}\n")
    out.append("\nParagraph history\n", style="bold underline")
    if history is None:
        out.append("press Enter to load\n", style="dim")
    elif not history:
        out.append("no earlier revision\n", style="dim")
    for number, text, what in history or []:
        out.append(f"FR r{number} ", style="bold")
        out.append(f"{what}\n", style="italic")
        out.append(f"  {text[:160]}{'…' if len(text) > 160 else ''}\n", style="dim")
    return out


class DetailsPanel(VerticalScroll):
    """A scrollable panel that shows one row's details; the story screen decides what and when."""

    def compose(self) -> ComposeResult:
        yield Static(id="details-text")

    def show(self, text: Text) -> None:
        self.query_one("#details-text", Static).update(text)
