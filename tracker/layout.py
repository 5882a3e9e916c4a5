"""Story rows as styled, wrapped lines: what each side of a side-by-side view shows, for the TUI and the CLI alike.

Pure Python over the core's Row, no Textual: pieces are (text, style-name) pairs, so the widget maps names to
styles once and tests can check the words (the diff markers `[-old-]` `{+new+}` keep it readable without colour).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tracker.model import Flag
from tracker.terminal import visible
from tracker.view import Row

Piece = tuple[str, str]  # (text, style name: "", "del", "ins", "index", "gap", "label")
Line = tuple[Piece, ...]

# a word runs on through no-break spaces (French puts them inside « », before : ; ! ? and in 6 500), so a line
# never breaks there; the breaking spaces after it stay with it
_NO_BREAK = "\u00a0\u202f\u2007"
_WORD = re.compile(rf"(?:[^\s]|[{_NO_BREAK}])+[^\S{_NO_BREAK}]*|[^\S{_NO_BREAK}]+")

# Gutter letters: one letter per kind, so the flag reads without colour (the help screen carries the legend).
FLAG_LETTERS: dict[str, str] = {"stale": "S", "cosmetic": "c", "untranslated": "U", "orphaned": "O"}
FLAG_LETTERS |= {"correction": "C", "withdraw": "W"}
GUTTER_WIDTH = 5


def gutter(row: Row, approved: bool = False, paragraphs: frozenset[str] = frozenset()) -> tuple[Piece, ...]:
    """The flag letters of a row: W withdraw, C correction, S stale, c cosmetic, U untranslated, O orphaned, Q QA
    error (q waived), a acked; ✓ when the approval on screen still holds and the row needs nothing, or an English
    paragraph of the row is approved on its own; ~ when such a paragraph approval lapsed. `paragraphs`: the states
    of the row's paragraph approvals (`tracker.approvals.row_paragraph_approvals`)."""
    out: list[Piece] = []
    if approved and not row.needs_action and row.en:
        out.append(("✓", "flag-approved"))
    for flag in row.flags:
        letter = FLAG_LETTERS.get(flag.kind, "?")
        out.append(("a", "flag-acked") if flag.acknowledged else (letter, f"flag-{flag.kind}"))
    if row.findings:
        open_errors = [f for f in row.findings if not f.waived]
        out.append(("Q", "flag-qa") if open_errors else ("q", "flag-waived"))
    if "approved" in paragraphs:
        out.append(("✓", "flag-approved"))
    if "lapsed" in paragraphs:
        out.append(("~", "flag-lapsed"))
    seen: list[Piece] = []
    for piece in out:
        if piece not in seen:
            seen.append(piece)
    return tuple(seen[: GUTTER_WIDTH - 2])


def _diff_flag(row: Row) -> Flag | None:
    return next((f for f in row.flags if f.kind in ("correction", "stale", "cosmetic") and f.changes), None)


def french_pieces(row: Row) -> list[list[Piece]]:
    """One piece list per French paragraph; a changed paragraph shows its word diff since the English's base."""
    if not row.fr:
        return [[("— no French: added in the English —", "gap")]]
    flag = _diff_flag(row)
    by_new = {c.new[0]: c for c in flag.changes if c.new} if flag else {}
    paragraphs: list[list[Piece]] = []
    for p in row.fr:
        pieces: list[Piece] = [(f"{p.index} ", "index")]
        change = by_new.get(p.index)
        if change is None or not change.words:
            pieces.append((p.text, ""))
        else:
            for op, text in change.words:
                if op == "=":
                    pieces.append((text, ""))
                elif op == "-":
                    pieces.append((f"[-{text}-]", "del"))
                else:
                    pieces.append((f"{{+{text}+}}", "ins"))
        paragraphs.append(pieces)
    return paragraphs


def english_pieces(row: Row) -> list[list[Piece]]:
    """One piece list per English paragraph; a French-only row shows a gap saying why it may be empty."""
    if not row.en:
        acked = any(f.acknowledged for f in row.flags)
        note = "— no English: omitted on purpose —" if acked else "— no English —"
        return [[(note, "gap")]]
    return [[(f"{p.index} ", "index"), (p.text, "")] for p in row.en]


def wrap(pieces: list[Piece], width: int) -> list[Line]:
    """Greedy word wrap of styled pieces to `width` cells; words longer than a line are cut."""
    return list(_wrapped(tuple(pieces), width))


# a view read again (a save, a reload, another desk's write) lays out the same paragraphs at the same width: each
# is wrapped once, so a long story's relayout costs only the rows whose text changed
@functools.lru_cache(maxsize=1 << 16)
def _wrapped(pieces: tuple[Piece, ...], width: int) -> tuple[Line, ...]:
    width = max(width, 4)
    lines: list[Line] = []
    current: list[Piece] = []
    used = 0
    for raw, style in pieces:
        text = visible(raw)  # every text the side-by-side and the details show: no escape sequence reaches the screen
        for word in _WORD.findall(text):
            bare = word.rstrip()
            if used and used + len(bare) > width:
                lines.append(tuple(current))
                current, used = [], 0
                if not bare:
                    continue
            while len(bare) > width:
                lines.append(((bare[:width], style),))
                bare, word = bare[width:], word[width:]
            if current and current[-1][1] == style:
                current[-1] = (current[-1][0] + word, style)
            else:
                current.append((word, style))
            used += len(word)
    if current or not lines:
        lines.append(tuple(current))
    return tuple(lines)


def side_lines(paragraphs: list[list[Piece]], width: int) -> list[Line]:
    """Every paragraph wrapped, a blank line between paragraphs of the same row."""
    out: list[Line] = []
    for n, pieces in enumerate(paragraphs):
        if n:
            out.append(())
        out.extend(wrap(pieces, width))
    return out


@dataclass(frozen=True, slots=True)
class RowLayout:
    """A row laid out at a column width: its French and English lines (the taller side sets the height)."""

    fr: tuple[Line, ...]
    en: tuple[Line, ...]

    @property
    def height(self) -> int:
        return max(len(self.fr), len(self.en)) + 1  # one blank line between rows


def layout_row(row: Row, width: int) -> RowLayout:
    return RowLayout(tuple(side_lines(french_pieces(row), width)), tuple(side_lines(english_pieces(row), width)))


def side_lengths(row: Row) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The cells each French and English paragraph of a row takes unwrapped (its number, a space, its text, and a
    word diff's markers): what a height is guessed from, counted without building the pieces where it can."""
    if row.fr and _diff_flag(row) is None:
        fr = tuple(len(str(p.index)) + 1 + len(p.text) for p in row.fr)
    else:
        fr = tuple(sum(len(text) for text, _ in pieces) for pieces in french_pieces(row))
    if row.en:
        en = tuple(len(str(p.index)) + 1 + len(p.text) for p in row.en)
    else:
        en = tuple(sum(len(text) for text, _ in pieces) for pieces in english_pieces(row))
    return fr, en
