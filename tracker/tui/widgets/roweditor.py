"""The row editor: the English of one row edited where it stands, over its own column, the French beside it.

The story screen places it over the English column of the cursor row (absolute position, its own layer) and moves
it when the rows scroll or the terminal changes size. Ctrl+S posts `Saved` with the text, Esc posts `Cancelled`;
the screen saves through the backend and removes the editor once the text is stored (until then the editor says
"saving…" and keeps the text). A blank line separates paragraphs.

As in a CAT tool: Ctrl+N (also Ctrl+Enter and Alt+Enter where the terminal tells them from Enter) saves and
opens the next row that needs action; Ctrl+O inserts the row's French at the cursor, Ctrl+T asks for the machine
translation and inserts it there (an insert replaces the selection, is set a space apart from the words beside it,
and Ctrl+Z takes it back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from tracker.tui.keyhold import hand_back_if_held, holder

# rows shorter than this still get room to type (the border takes two lines)
MIN_HEIGHT = 6
HELP = "Ctrl+S save · ^N next · ^O FR · ^T MT"  # Esc and the rest are in the key bar
# terminals send Ctrl+Enter and Alt+Enter as a plain Enter unless they speak the kitty keyboard protocol: Ctrl+N
# works in every terminal, the others where Textual receives them
SAVE_NEXT_KEYS = "ctrl+n,ctrl+enter,alt+enter"


class RowEditor(TextArea):
    """A text area with a title saying what is edited and from which French revision."""

    # not priority bindings: those run as the key arrives, before the letters typed ahead of it are inserted (a
    # fast save lost its last words); `_on_key` runs them here, in the order typed
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this row's English (a new English revision)"),
        Binding(
            SAVE_NEXT_KEYS,
            "save_next",
            "Save, next",
            tooltip="Save and open the next row that needs action (as memoQ's Ctrl+Enter)",
        ),
        Binding("ctrl+o", "insert_french", "Insert FR", tooltip="Insert the row's French text at the cursor"),
        Binding("ctrl+t", "insert_suggestion", "Insert MT", tooltip="Insert the machine translation at the cursor"),
        Binding("escape", "cancel", "Cancel", tooltip="Close the editor (asks first when the text changed)"),
        Binding("ctrl+home", "text_start", "Start", show=False, tooltip="Go to the start of the text"),
        Binding("ctrl+end", "text_end", "End", show=False, tooltip="Go to the end of the text"),
    ]

    @dataclass
    class Saved(Message):
        text: str
        advance: bool = False  # then open the next row that needs action

    class Cancelled(Message):
        pass

    class SuggestionWanted(Message):
        """The person asked for the machine translation of the row, to insert at the cursor."""

    def __init__(
        self,
        text: str,
        title: str,
        *,
        french: str = "",
        start: int | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        """`french`: what Ctrl+O inserts; `start`: where the cursor starts, as a character index (None: the end)."""
        super().__init__(text, soft_wrap=True, show_line_numbers=False, id=id)
        self.original = text  # what Esc discards back to, asked first when it differs
        self.french = french
        self.start = start
        self.border_title = title
        self.border_subtitle = HELP
        self.saving = False
        self.closed = False  # set as the screen removes it

    def on_mount(self) -> None:
        if self.start is None or not 0 <= self.start <= len(self.text):
            self.move_cursor(self.document.end)
        else:
            before = self.text[: self.start]  # as a (line, column) location
            self.move_cursor((before.count("\n"), len(before) - (before.rfind("\n") + 1)))
        self.focus()
        app = holder(self)
        if app is not None:  # the keys typed since `e` (held meanwhile) come here now
            app.release_keys()

    def begin_saving(self) -> None:
        self.saving, self.read_only = True, True
        self.border_subtitle = "saving…"

    def end_saving(self) -> None:
        self.saving, self.read_only = False, False
        self.border_subtitle = HELP

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs a widget's own key bindings (arrows, backspace, home...) only once the key has bubbled up
        # to the app, through the screen's queue, while the letters typed after it are inserted here at once: in a
        # burst of typing, `a b Left X` gave `abX`. The editor's own bindings run here, in the order typed.
        # Keys that arrive while the text is being saved (or while the app holds keys) come back after the save.
        app = holder(self)
        if self.saving and app is not None:
            app.hold_keys()
        if hand_back_if_held(self, event):
            return
        bindings = self._bindings.key_to_bindings.get(event.key)
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Removing a widget detaches it and clears the styles of its component classes at once, but the screen's
        # compositor keeps painting it from its last layout until the next one (and a widget mounted but not yet
        # styled has none either): TextArea then looks its gutter style up and raises KeyError, taking the app
        # down. Such a frame is replaced by the next layout; a blank one is all it needs.
        if not self.is_attached or not self._styled():
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)

    def _styled(self) -> bool:
        try:
            self.get_component_styles(*self.COMPONENT_CLASSES)
        except KeyError:
            return False
        return True

    def place(self, region: Region) -> None:
        """Cover `region` (screen cells): the row's English column and the border around it."""
        self.styles.offset = (region.x, region.y)
        self.styles.width = region.width
        self.styles.height = region.height

    def action_save(self) -> None:
        app = holder(self)
        if app is not None:  # the keys typed after Ctrl+S wait for the screen to decide what saving does
            app.hold_keys()
        self.post_message(self.Saved(self.text))

    def action_save_next(self) -> None:
        app = holder(self)
        if app is not None:  # the keys typed after it go to the next row's editor
            app.hold_keys()
        self.post_message(self.Saved(self.text, advance=True))

    def action_text_start(self) -> None:
        self.move_cursor((0, 0))

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def insert_at_cursor(self, text: str) -> None:
        """Insert `text` where the cursor is, in place of the selection (one edit: Ctrl+Z takes it back)."""
        if self.saving or self.read_only:
            return
        start, end = sorted(self.selection)
        before = self.document.get_line(start[0])[: start[1]][-1:]
        after = self.document.get_line(end[0])[end[1] :][:1]
        self.replace(spaced(text, before, after), start, end, maintain_selection_offset=False)

    def action_insert_french(self) -> None:
        if not self.french:
            self.notify("This row has no French to insert.", severity="warning", timeout=3)
            return
        self.insert_at_cursor(self.french)

    def action_insert_suggestion(self) -> None:
        if not self.saving:
            self.post_message(self.SuggestionWanted())


OPENING = "([{«“‘\"'¿¡/-"


def spaced(text: str, before: str, after: str) -> str:
    """`text` as inserted between the characters `before` and `after` ("" at a line's edge): set apart from a word
    by one space on either side, as a translator would type it, never doubling a space or the gap a line leaves."""
    if text and before and not before.isspace() and before not in OPENING and not text[0].isspace():
        text = " " + text
    if text and after and (after.isalnum() or after in "([{«“") and not text[-1].isspace():
        text = text + " "
    return text


def editor_region(column: Region, row_top: int, lines: int, limit: Region | None = None) -> Region:
    """Where the editor goes: over a row's English column (`column`: its visible cells on screen, full height of
    the rows area; `row_top`: the row's first line on screen), `lines` of text and a cell of border around, kept
    on screen and within `limit` (the rows' widget) when given."""
    height = min(max(lines + 2, MIN_HEIGHT), column.height)
    top = max(column.y, min(row_top - 1, column.bottom - height))
    region = Region(column.x - 1, top, column.width + 2, height)
    return region if limit is None else region.intersection(limit)
