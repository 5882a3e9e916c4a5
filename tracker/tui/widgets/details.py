"""The details panel: everything about the selected row — flags with their reasons, QA findings, paragraph history."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.align.carriers import flag_carriers
from tracker.layout import Line, Piece, wrap
from tracker.model import Flag
from tracker.tui.messages import EnglishVersion
from tracker.tui.widgets.decisions import decisions_text
from tracker.tui.widgets.wordmarks import append_words
from tracker.view import Row, StoryView, row_translator_notes, stored_notes

_FLAG_TEXT = {
    "withdraw": ("W withdraw", "the agency killed the story: the English must be taken down, and that recorded"),
    "correction": ("C correction", "the agency corrected this French: update the English, or say why not"),
    "stale": ("S stale", "the French changed since the English was written: update or acknowledge"),
    "cosmetic": ("c cosmetic", "the French changed in form only: nothing to do"),
    "untranslated": ("U untranslated", "a French paragraph with no English"),
    "orphaned": ("O orphaned", "English whose French source is gone"),
}


_FLAG_COLOURS = {"stale": "bold red", "untranslated": "bold magenta", "cosmetic": "yellow"}
_FLAG_COLOURS |= {"withdraw": "bold reverse red", "correction": "bold reverse red"}


def link_shape(fr: int, en: int) -> str:
    """What a link joins, in words: 'French only', 'English only', '1 French → 2 English'."""
    if not en:
        return "French only"
    if not fr:
        return "English only"
    return f"{fr} French → {en} English"


def written_from(row: Row, view: StoryView) -> str:
    """Which French the English was written from, without contradicting the row's flags.

    A revision's base says which French its translator last worked from, but a paragraph carried over word for
    word from an earlier English revision was written from an earlier French: that is why such a row is stale.
    The flag names that French revision when the view knew it; otherwise the line says what is known.
    """
    en = f"r{view.en.number}" if view.en else "-"
    base = view.base.number if view.base else view.fr.number
    traced = [f for f in row.flags if f.kind in ("correction", "stale", "cosmetic")]
    if not traced:
        return f"English {en} was written from French r{base}"
    since = next((f.since for f in traced if f.since is not None), None)
    if since is not None:
        whole = f"English {en} as a whole was written from French r{base}; " if since != base else ""
        return (
            f"{whole}this paragraph's English was written from French r{since}, "
            f"and its French changed since (French r{view.fr.number} shown)"
        )
    if base == view.fr.number:
        # nothing changed between the base and the French shown: the change is older than this English revision
        return (
            f"English {en} as a whole was written from French r{base}, but this paragraph's English is older: "
            "carried over from an earlier English revision, written from an earlier French that changed since"
        )
    return (
        f"English {en} as a whole was written from French r{base}; "
        f"this paragraph's French changed since its English was written (French r{view.fr.number} shown)"
    )


def describe_row(
    row: Row,
    view: StoryView,
    history: list[tuple[int, str, str]] | None = None,
    english: list[EnglishVersion] | None = None,
) -> Text:
    """The panel's text for one row (also used by tests, so it reads without colour); `history` and `english`:
    the French paragraph's and the row's English versions, newest first (None: not loaded yet)."""
    out = Text()
    fr = ", ".join(str(p.index) for p in row.fr) or "—"
    en = ", ".join(str(p.index) for p in row.en) or "—"
    out.append(f"Link: {link_shape(len(row.link.fr), len(row.link.en))}", style="bold")
    out.append(f"\nFR ¶ {fr} → EN ¶ {en}\n")
    if row.link.confirmed:
        out.append("linked by a person (an edit or an alignment correction)\n", style="dim")
    elif row.link.score:
        out.append(f"alignment score {row.link.score:.2f}\n", style="dim")
    out.append("\nFlags\n", style="bold underline")
    open_findings = sum(1 for f in row.findings if not f.waived)
    if not row.flags and open_findings:
        # no revision flag, yet the row is not done: "up to date" would hide the open findings
        out.append(f"none, but {open_findings} open QA finding(s) below\n", style="yellow")
    elif not row.flags:
        out.append("none: up to date\n", style="green")
    for flag in row.flags:
        label, meaning = _FLAG_TEXT.get(flag.kind, (flag.kind, ""))
        colour = _FLAG_COLOURS.get(flag.kind, "bold")
        out.append(label, style="dim" if flag.acknowledged else colour)
        out.append(" (acknowledged)" if flag.acknowledged else "", style="dim")
        out.append(f": {meaning}\n")
        for reason in flag.reasons:
            out.append(f"  • {reason}\n")
        if flag.note and flag.kind == "correction":
            out.append(f"  agency's note: {flag.note}\n", style="bold")
        for change in (c for c in flag.changes if c.kind != "unchanged"):
            out.append(f"  • {change.kind}{' (substantive)' if change.substantive else ''}")
            # the flag's reasons are its changes' reasons, already listed just above
            extra = [r for r in change.reasons if r not in flag.reasons]
            if extra:
                out.append(": " + ", ".join(extra))
            out.append("\n")
        for line in _carriers(row, flag):
            out.append(f"  → {line}\n", style="bold")
    out.append("\nQA findings\n", style="bold underline")
    if not row.findings:
        out.append("none\n", style="green")
    for finding in row.findings:
        mark = "waived" if finding.waived else finding.severity
        out.append(
            f"{'q' if finding.waived else 'Q'} {finding.check} [{mark}]", style="dim" if finding.waived else "bold red"
        )
        out.append(f": {finding.message}\n")
        if finding.waiver:
            out.append(f"  waived by {finding.waiver}\n", style="dim")
    translator = row_translator_notes(row, stored_notes(view.en))
    if translator:  # notes a translator wrote in a CAT tool, kept from a returned XLIFF
        out.append("\nTranslator notes\n", style="bold underline")
        out.append("".join(f"  • {note}\n" for note in translator))
    out.append_text(decisions_text(row, view))  # with the verdicts on the row's own paragraphs
    if view.base is not None:
        out.append(f"\n{written_from(row, view)}\n")
    out.append("\nParagraph history\n", style="bold underline")
    if history is None:
        out.append("press Enter to load\n", style="dim")
    elif not history:
        out.append("no earlier revision\n", style="dim")
    for number, text, what in history or []:
        out.append(f"FR r{number} ", style="bold")
        out.append(f"{what}\n", style="italic")
        out.append(f"  {text[:160]}{'…' if len(text) > 160 else ''}\n", style="dim")
    if english:
        out.append("English versions, each marked against the one before\n", style="underline")
    for version in english or []:
        out.append(f"EN r{version.number} ", style="bold")
        out.append(version.what, style="italic")
        source = f", from FR r{version.based_on}" if version.based_on else ""
        out.append(f"{f' by {version.author}' if version.author else ''}{source}\n", style="dim")
        out.append("  ")
        if version.words:
            append_words(out, version.words)
        else:
            out.append(version.text, style="dim")
        out.append("\n")
    return out


def text_lines(text: Text) -> list[list[Piece]]:
    """Rich Text (non-overlapping string styles, as built above) as lines of (text, style) pieces."""
    out: list[list[Piece]] = []
    for line in text.split("\n", allow_blank=True):
        plain, pieces, at = line.plain, [], 0
        for span in sorted(line.spans, key=lambda sp: sp.start):
            if span.start > at:
                pieces.append((plain[at : span.start], ""))
            pieces.append((plain[span.start : span.end], str(span.style)))
            at = max(at, span.end)
        if at < len(plain):
            pieces.append((plain[at:], ""))
        out.append(pieces)
    return out


class DetailsPanel(ScrollView, can_focus=False):
    """One row's details, painted line by line: changing them repaints the panel and never re-lays the screen."""

    shown = 0  # how many times the panel changed: lets benchmarks and tests wait for it

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        self._source: list[list[Piece]] = []
        self._lines: list[Line] = []
        self._styles: dict[str, Style] = {}

    def show(self, text: Text) -> None:
        self.shown += 1
        self.text = text
        self._source = text_lines(text)
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _relayout(self) -> None:
        # wrapped to the width the text will have: the whole panel, or, when the lines overflow its height, what
        # the vertical scroll bar leaves (wrapped to the whole width, their ends hid under the bar)
        region = self.content_region
        width = max(4, region.width)
        self._lines = [line for pieces in self._source for line in wrap(pieces, width)]
        if len(self._lines) > region.height:
            width = max(4, region.width - self.styles.scrollbar_size_vertical)
            self._lines = [line for pieces in self._source for line in wrap(pieces, width)]
        # a virtual height that only changes for long details, so most updates need no layout
        height = max(len(self._lines), region.height)
        if self.virtual_size != Size(width, height):
            self.virtual_size = Size(width, height)

    def on_resize(self) -> None:
        self._relayout()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        segments = []
        for piece, name in self._lines[index]:
            style = self._styles.get(name)
            if style is None:
                style = self._styles[name] = Style.parse(name) if name else Style()
            segments.append(Segment(piece, base + style))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)


def _carriers(row: Row, flag: Flag) -> list[str]:
    """The English sentence(s) of the row that carry the changed French: what to rewrite, quoted."""
    english = [p.text for p in row.en if p.index in flag.en]
    found = flag_carriers(flag, english)  # None for flags not about changed French
    if found is None or not found.en:
        return []
    quoted = " / ".join(f"“{q}”" for q in found.quoted(english))
    return [f"{found.describe()}: {quoted}"]
