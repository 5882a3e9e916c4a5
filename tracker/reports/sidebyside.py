"""A stored story as text, row by row as the TUI shows it: two columns for a terminal or a log, or a plain linear
form for a screen reader (`plain`), each with the flags in words and the French word diff since the English's base."""

from __future__ import annotations

from tracker.approvals import approval_verdict, row_paragraph_approvals
from tracker.layout import GUTTER_WIDTH, Line, english_pieces, french_pieces, gutter, side_lines
from tracker.view import Row, StoryView

FLAG_WORDS = {"stale": "stale", "cosmetic": "cosmetic change", "untranslated": "untranslated", "orphaned": "orphaned"}
FLAG_WORDS |= {"correction": "correction", "withdraw": "withdraw"}


def _text(line: Line) -> str:
    return "".join(text for text, _ in line)


def flag_words(row: Row) -> list[str]:
    """Each flag and finding of a row in words, with its reasons."""
    out = []
    for flag in row.flags:
        words = FLAG_WORDS.get(flag.kind, flag.kind) + (" (acknowledged)" if flag.acknowledged else "")
        out.append(words + (f": {'; '.join(flag.reasons)}" if flag.reasons else ""))
    for finding in row.findings:
        waived = f" (waived: {finding.waiver})" if finding.waived else ""
        out.append(f"QA {finding.severity} {finding.check}: {finding.message}{waived}")
    return out


def _header(view: StoryView) -> list[str]:
    en = f" / en r{view.en.number}" if view.en else " / no English yet"
    base = f" (written from fr r{view.base.number})" if view.base is not None and view.en else ""
    pending = sum(r.needs_action for r in view.rows)
    return [
        f"{view.story.slug}: fr r{view.fr.number}{en}{base}",
        view.title,
        f"{pending} row{'s' * (pending != 1)} to do; approval: {approval_verdict(view).words()}",
    ]


def side_by_side(view: StoryView, width: int = 140) -> str:
    """Two columns, French (with its word diff) left and English right, the gutter's letters first."""
    approved = view.approval is not None and view.approval.valid
    column = max(20, (width - GUTTER_WIDTH - 3) // 2)
    lines = _header(view) + [""]
    for row in view.rows:
        verdicts = row_paragraph_approvals(view.paragraph_approvals, row)
        states = frozenset(v.state for v in verdicts)
        marks = "".join(text for text, _ in gutter(row, approved, states)).ljust(GUTTER_WIDTH)
        fr = side_lines(french_pieces(row), column)
        en = side_lines(english_pieces(row), column)
        for n in range(max(len(fr), len(en))):
            left = _text(fr[n]) if n < len(fr) else ""
            right = _text(en[n]) if n < len(en) else ""
            lines.append(f"{marks if n == 0 else ' ' * GUTTER_WIDTH}{left.ljust(column)} │ {right}".rstrip())
        for words in flag_words(row) + [v.words() for v in verdicts]:
            lines.append(" " * GUTTER_WIDTH + f"  ↳ {words}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def plain(view: StoryView, width: int = 100) -> str:
    """One row after another in words, no columns and no box drawing: what a screen reader reads well."""
    lines = _header(view) + [""]
    for n, row in enumerate(view.rows, 1):
        fr = ", ".join(map(str, row.link.fr)) or "none"
        en = ", ".join(map(str, row.link.en)) or "none"
        lines.append(f"Row {n}: French {fr}, English {en}.")
        for words in flag_words(row):
            lines.append(f"  Flag: {words}.")
        for label, pieces in (("French", french_pieces(row)), ("English", english_pieces(row))):
            for paragraph in pieces:
                lines.append(f"  {label}: {''.join(t for t, _ in paragraph).strip()}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
