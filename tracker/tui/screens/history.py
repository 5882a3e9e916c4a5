"""The history screen: a story's revisions on a timeline, and the diff between two revisions of one language."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tracker.errors import TrackerError
from tracker.model import Change, Revision
from tracker.tui.backend import Backend
from tracker.tui.keyhold import WaitsForRows
from tracker.tui.messages import ActionFailed, DiffLoaded, HistoryLoaded
from tracker.tui.widgets.keybar import KeyBar
from tracker.tui.widgets.wordmarks import append_words


def diff_text(changes: tuple[Change, ...], *, show_unchanged: bool = False) -> Text:
    """A paragraph diff as text: one block per change, words marked [-deleted-] and {+inserted+}."""
    out = Text()
    shown = 0
    for change in changes:
        if change.kind == "unchanged" and not show_unchanged:
            continue
        shown += 1
        old = ",".join(map(str, change.old)) or "—"
        new = ",".join(map(str, change.new)) or "—"
        out.append(f"¶ {old} → {new}  {change.kind}", style="bold")
        if change.kind != "unchanged":
            out.append("  substantive" if change.substantive else "  cosmetic", style="italic")
        if change.reasons:
            out.append(f"  ({', '.join(change.reasons)})", style="dim")
        out.append("\n")
        append_words(out, change.words)
        out.append("\n\n")
    if not shown:
        out.append("No change between these revisions.", style="dim")
    return out


class Timeline(DataTable[str]):
    """The revisions, one a row: Home and End go to the first and the last revision."""

    def action_scroll_home(self) -> None:
        self.action_scroll_top()

    def action_scroll_end(self) -> None:
        self.action_scroll_bottom()


class HistoryScreen(WaitsForRows, Screen[None]):
    """Pick a revision to see what it changed; mark one (m) to compare any two of the same language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back", tooltip="Back to the story"),
        Binding("m", "mark", "Mark as base", tooltip="Mark this revision as the base of the diff (again to unmark)"),
        Binding("u", "toggle_unchanged", "Unchanged ¶", tooltip="Show or hide unchanged paragraphs in the diff"),
    ]

    def __init__(self, backend: Backend, slug: str) -> None:
        super().__init__()
        self.backend = backend
        self.slug = slug
        self.revisions: list[Revision] = []
        self.marked: Revision | None = None
        self.show_unchanged = False
        self._last: DiffLoaded | None = None
        # the diff the cursor asks for now: a thread worker cannot be stopped, so an answer to an earlier
        # request (the cursor moved on meanwhile) may arrive after the one wanted, and is then dropped
        self._wanted: tuple[str, int, int] | None = None
        self.rows_hold: int | None = None  # the key hold of the keys typed with `h`: they wait for the revisions

    def compose(self) -> ComposeResult:
        yield Static(f"History of {self.slug}", id="history-bar")
        with Horizontal(id="history-body"):
            yield Timeline(id="timeline", cursor_type="row")
            with VerticalScroll(id="diff-pane"):
                yield Static("", id="diff")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("", "Lang", "Rev", "When", "By", "From FR", "¶", "Label")
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="history")
    def load(self) -> None:
        try:
            revisions = self.backend.history(self.slug)
        except TrackerError as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(HistoryLoaded(revisions))

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        self.revisions = message.revisions
        self._refill()
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)
        self._release_for_rows()

    def _refill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for r in self.revisions:
            mark = "●" if self.marked is r else ""
            table.add_row(
                mark,
                r.lang.upper(),
                f"r{r.number}",
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.author,
                f"r{r.based_on}" if r.based_on else "",
                str(len(r.paragraphs)),
                r.label or "",
                key=f"{r.lang}:{r.number}",
            )

    def _revision_at(self, row: int) -> Revision | None:
        return self.revisions[row] if 0 <= row < len(self.revisions) else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        rev = self._revision_at(event.cursor_row)
        if rev is None:
            return
        if self.marked is not None and self.marked.lang == rev.lang and self.marked.number != rev.number:
            a, b = sorted((self.marked.number, rev.number))
        elif rev.number > 1:
            a, b = rev.number - 1, rev.number
        else:
            self._wanted = None
            self.query_one("#diff", Static).update(Text(f"{rev.lang.upper()} r1: the first revision.", style="dim"))
            return
        self._wanted = (rev.lang, a, b)
        self.load_diff(rev.lang, a, b)

    @work(thread=True, exclusive=True, exit_on_error=False, group="diff")
    def load_diff(self, lang: str, a: int, b: int) -> None:
        try:
            changes = self.backend.diff(self.slug, lang, a, b)
        except TrackerError as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(DiffLoaded(lang, a, b, changes))

    def on_diff_loaded(self, message: DiffLoaded) -> None:
        if (message.lang, message.a, message.b) != self._wanted:
            return
        self._last = message
        head = Text(f"{message.lang.upper()} r{message.a} → r{message.b}\n\n", style="bold underline")
        self.query_one("#diff", Static).update(head + diff_text(message.changes, show_unchanged=self.show_unchanged))

    def on_action_failed(self, message: ActionFailed) -> None:
        self._release_for_rows()
        self.notify(message.text, title="Not done", severity="error", timeout=8)

    def action_mark(self) -> None:
        table = self.query_one(DataTable)
        rev = self._revision_at(table.cursor_row)
        self.marked = None if rev is self.marked else rev
        row = table.cursor_row
        self._refill()
        table.move_cursor(row=row)
        if self.marked:
            self.notify(f"Base: {rev.lang.upper()} r{rev.number}. Move to another revision of the same language.")  # type: ignore[union-attr]

    def action_toggle_unchanged(self) -> None:
        self.show_unchanged = not self.show_unchanged
        if self._last is not None:
            self.on_diff_loaded(self._last)
