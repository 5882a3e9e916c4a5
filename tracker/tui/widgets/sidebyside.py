"""The side-by-side view: French and English in two synchronised columns, a flag gutter, one row per link.

A Line API widget (ScrollView + render_line): only the visible lines are turned into strips, and only the rows in
sight are wrapped before they are shown; the rest of a long story is wrapped in short slices between keys
(`rowplan.RowPlan`), so 10,000 rows open and follow a width change as fast as a short story's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.css.query import NoMatches
from textual.geometry import Region, Size, Spacing
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tracker.approvals import row_paragraph_approvals
from tracker.layout import GUTTER_WIDTH, Line, RowLayout, gutter, layout_row, side_lengths
from tracker.model import Approval
from tracker.tui.messages import CursorMoved, RowOpened
from tracker.tui.widgets.rowplan import RowPlan, guess_heights
from tracker.view import Row

_STYLE_NAMES = (
    "index",
    "del",
    "ins",
    "gap",
    "cursor",
    "divider",
    "flag-stale",
    "flag-correction",
    "flag-withdraw",
    "flag-cosmetic",
    "flag-untranslated",
    "flag-orphaned",
    "flag-qa",
    "flag-waived",
    "flag-acked",
    "flag-approved",
    "flag-lapsed",
)


def needs_something(row: Row) -> bool:
    """What n and p stop at: a row that needs action (stale, untranslated, orphaned, QA error) or has a QA
    finding nobody waived; a cosmetic change or an acknowledged flag needs nothing."""
    return row.needs_action or any(not f.waived for f in row.findings)


class SideBySide(ScrollView, can_focus=True):
    """Rows of French beside English; the cursor is a row, and the screen listens for CursorMoved/RowOpened."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"sbs--{name}" for name in _STYLE_NAMES}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Next row", show=False),
        Binding("up,k", "cursor(-1)", "Previous row", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        Binding(
            "n",
            "flagged(1)",
            "Next flagged",
            tooltip="Next row that needs something (cosmetic, acknowledged rows skipped unless a filter shows them)",
        ),
        Binding("p", "flagged(-1)", "Prev flagged", show=False, tooltip="Previous row that needs something"),
        Binding("enter", "open", "Open row", show=False, tooltip="Open the row: details and paragraph history"),
    ]

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)
    # n and p visit every row shown when a filter chose them; otherwise only the rows that need something
    step_every_row = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[Row, ...] = ()
        self.approved = False
        self.paragraph_approvals: tuple[Approval, ...] = ()
        self._plan: RowPlan[RowLayout] = RowPlan(self._wrap_row, self._guess_heights)
        self._sides: list[tuple[tuple[int, ...], tuple[int, ...]]] | None = None  # paragraph lengths, for guesses
        self._width = 0
        self._placed = False  # rows planned at the widget's width (not before it had one)
        self._reserve = 0  # below the rows, blank lines that let the last rows scroll clear of toasts
        self._wrapping: Timer | None = None  # the background pass over rows not wrapped yet
        self._slices = 0
        self._guesses: dict[int, list[int]] = {}  # row heights guessed at each width, for these rows
        self._known: list[RowLayout | None] = []  # for the next plan: layouts of rows that did not change
        self._styles: dict[str, Style] = {}
        # painted lines by (row, line, selected, width): scrolling and cursor moves reuse all but two rows
        self._strips: LRUCache[tuple[int, int, bool, int], Strip] = LRUCache(2048)

    # ------------------------------------------------------------------ data and layout
    def set_rows(
        self,
        rows: Sequence[Row],
        cursor: int | None = None,
        *,
        approved: bool | None = None,
        paragraph_approvals: Sequence[Approval] | None = None,
    ) -> None:
        """Show new rows, keeping the cursor on the same index (clamped) unless told otherwise.

        `approved`: a valid approval covers the revisions shown, so rows that need nothing get a ✓;
        `paragraph_approvals`: the verdicts on single paragraphs, marked on their rows (✓ holds, ~ lapsed).
        Either left out keeps what the rows had (a filter shows fewer rows of the same view).
        """
        old, kept, sides = self.rows, self._plan.layouts, self._sides
        self.rows = tuple(rows)
        self._sides, self._guesses = None, {}
        if len(old) == len(self.rows) > self._plan.eager:
            # the rows a save or a reload left as they were keep their layout (nothing around the cursor moves)
            # and their lengths
            same = [new == was for new, was in zip(self.rows, old, strict=True)]
            if self._placed and self.column_width == self._width and len(kept) == len(same):
                self._known = [lay if keep else None for lay, keep in zip(kept, same, strict=True)]
            if sides is not None:
                triples = zip(sides, same, self.rows, strict=True)
                self._sides = [lengths if keep else side_lengths(r) for lengths, keep, r in triples]
        if approved is not None:
            self.approved = approved
        if paragraph_approvals is not None:
            self.paragraph_approvals = tuple(paragraph_approvals)
        self._width = 0
        self._strips.clear()
        self._relayout()
        target = self.cursor if cursor is None else cursor
        self.set_reactive(SideBySide.cursor, max(0, min(target, len(self.rows) - 1)))
        self.refresh()
        self.scroll_to_cursor(animate=False)
        self.post_message(CursorMoved(self.cursor))

    @property
    def column_width(self) -> int:
        return max(10, (self.scrollable_content_region.width - GUTTER_WIDTH - 3) // 2)

    @property
    def _starts(self) -> list[int]:
        """Each row's first line and, after the last, the total; empty until the rows are planned at a width."""
        return self._plan.starts if self._placed and self.rows else []

    def _wrap_row(self, index: int, width: int) -> RowLayout:
        return layout_row(self.rows[index], width)

    def _guess_heights(self, width: int) -> list[int]:
        if self._sides is None:
            self._sides = [side_lengths(row) for row in self.rows]
            self._guesses = {}
        # a width comes back (a terminal made narrow then wide again, the details panel shown and hidden)
        guessed = self._guesses.get(width)
        if guessed is None:
            guessed = self._guesses[width] = guess_heights(self._sides, width)
        return guessed

    def _relayout(self) -> None:
        if not self.size.width:
            # not laid out yet (rows given at mount): wrapping at a guessed width would be thrown away; and the
            # background pass has nothing left to wrap of rows that are no longer these
            self._placed = False
            self._plan.reset(0, 0)
            return
        width = self.column_width
        if self._placed and width == self._width and self._plan.count == len(self.rows):
            return
        self._width, self._placed = width, True
        self._strips.clear()
        known, self._known = self._known, []
        self._plan.reset(len(self.rows), width, known)
        self._resize_virtual()
        if not self._plan.done and self._wrapping is None:
            self._wrapping = self.set_interval(0.001, self._wrap_some, name="wrap rows")

    def _resize_virtual(self) -> None:
        size = Size(self.size.width, self._plan.total + self._reserve)
        if size != self.virtual_size:
            self.virtual_size = size

    def _wrap_some(self) -> None:
        """A slice of the background pass: the line at the top of the view stays where it is on screen."""
        top = round(self.scroll_offset.y)
        moved = self._plan.advance(top)
        self._slices += 1
        # a new virtual size lays the screen out again: done when the view must follow, and now and then for the
        # scroll bar, not after every slice
        if moved != top or self._plan.done or not self._slices % 16:
            self._resize_virtual()
        if moved != top:
            self.set_scroll(None, moved)  # the rows above the view changed height: it follows them
        if self._plan.done and self._wrapping is not None:
            self._wrapping.stop()
            self._wrapping = None

    def on_resize(self) -> None:
        unplaced = not self._starts
        self._relayout()
        if unplaced or not self.cursor_in_sight():
            # the first layout of rows set before the widget had a size, or rows rewrapped or the view made
            # shorter (the details panel shown below): the cursor row is brought back into sight
            self.scroll_to_cursor(animate=False)
        self.refresh()

    def cursor_in_sight(self) -> bool:
        """Whether the cursor row's first line and as much of it as fits are inside the visible lines."""
        if not self.rows or not self._starts:
            return True
        region = self.row_region(self.cursor)
        top, bottom = round(self.scroll_offset.y), round(self.scroll_offset.y) + self.scrollable_content_region.height
        return top <= region.y and region.y + min(region.height, bottom - top) <= bottom

    def on_mount(self) -> None:
        self._styles = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._strips.clear()

    def _style(self, name: str) -> Style:
        if not self._styles:
            self._styles = {n: self.get_component_rich_style(f"sbs--{n}", partial=True) for n in _STYLE_NAMES}
            self._styles[""] = Style()
        return self._styles.get(name, Style())

    def row_region(self, index: int) -> Region:
        if not self._starts:
            return Region(0, 0, 0, 0)
        self._plan.layout(index)  # its exact height: the cursor row, a row being edited, are always in sight
        return Region(0, self._plan.start(index), self.size.width, self._plan.height(index))

    def english_column(self, index: int) -> tuple[Region, int, int]:
        """Where row `index`'s English is on screen: the English column (visible cells, the rows' full height), the
        row's first line, and its number of text lines."""
        self._relayout()
        content = self.content_region
        column = Region(content.x + GUTTER_WIDTH + self._width + 3, content.y, self._width, content.height)
        if not self._starts:
            return column, content.y, 1
        height = self._plan.layout(index).height
        top = content.y + self._plan.start(index) - round(self.scroll_offset.y)
        return column, top, max(1, height - 1)

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if self.rows:
            covered = self.covered_by_toasts()
            if covered != self._reserve and self._starts:
                self._reserve = covered
                self._resize_virtual()
            # a line of context above and below, so the neighbours of the row stay in sight; and the lines that
            # notifications cover at the bottom are not counted as in sight
            # the rows a view around the cursor row can show are wrapped first: none moves it once painted
            if self._starts:
                self._plan.around(self.cursor, self.scrollable_content_region.height)
            region = self.row_region(self.cursor).grow((1, 0, 1, 0))
            spacing = Spacing(0, 0, min(covered, max(0, self.scrollable_content_region.height - region.height)), 0)
            self.scroll_to_region(region, spacing=spacing, animate=animate, force=True, immediate=True)

    def covered_by_toasts(self) -> int:
        """How many lines at the bottom of the view notifications hide over the English column (0 when none)."""
        if not self.is_mounted or not self._starts:
            return 0
        try:  # Textual's own container of a screen's toasts: hidden while there is none (every key asks)
            rack = self.screen.get_child_by_id("textual-toastrack")
        except NoMatches:
            return 0
        if not rack.display:
            return 0
        column, _, _ = self.english_column(self.cursor)
        bottom = self.content_region.bottom
        tops = [
            toast.region.y
            for holder in rack.children  # one holder per toast
            for toast in holder.children
            if toast.region.height and toast.region.x < column.right and toast.region.right > column.x
        ]
        return max(0, bottom - min(tops)) if tops else 0

    def keep_clear_of_toasts(self) -> bool:
        """Scroll the cursor row out from under the notifications; False while one is not laid out yet."""
        if any(not toast.region.height for toast in self.screen.query("Toast")):
            return False
        self.scroll_to_cursor()
        return True

    # ------------------------------------------------------------------ painting
    def render_line(self, y: int) -> Strip:
        self._relayout()
        _, scroll_y = self.scroll_offset
        virtual_y = y + scroll_y
        width = self.size.width
        plan = self._plan
        if not self._starts or virtual_y >= plan.total:
            return Strip.blank(width, self.rich_style)
        index = plan.row_at(virtual_y)
        if not plan.is_exact(index):  # the rows from here down the view, wrapped now (those above do not move)
            plan.fill(virtual_y, self.size.height - y)
            self.call_after_refresh(self._resize_virtual)
            index = plan.row_at(virtual_y)  # the row wrapped shorter than its guess: the line is the next row's
        line_no = virtual_y - plan.start(index)
        key = (index, line_no, index == self.cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._row_line(index, line_no, width)
        return strip

    def _cells(self, line: Line, width: int, base: Style) -> list[Segment]:
        segments: list[Segment] = []
        used = 0
        for text, name in line:
            if used >= width:
                break
            text = text[: width - used]
            segments.append(Segment(text, base + self._style(name) if name else base))
            used += len(text)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return segments

    def _row_line(self, index: int, line_no: int, width: int) -> Strip:
        row, lay = self.rows[index], self._plan.layout(index)
        selected = index == self.cursor
        base = self.rich_style + (self._style("cursor") if selected else Style())
        col = self._width
        segments: list[Segment] = []
        if line_no == 0:
            states = frozenset(p.state for p in row_paragraph_approvals(self.paragraph_approvals, row))
            marks = gutter(row, self.approved, states)
            pointer = "▶" if selected else " "
            segments.append(Segment(pointer + " ", base))
            segments.extend(Segment(text, base + self._style(name)) for text, name in marks)
            segments.append(Segment(" " * (GUTTER_WIDTH - 2 - len(marks)), base))
        else:
            segments.append(Segment(" " * GUTTER_WIDTH, base))
        if line_no >= lay.height - 1:
            return Strip(segments + [Segment(" " * (width - GUTTER_WIDTH), self.rich_style)]).crop(0, width)
        fr_line = lay.fr[line_no] if line_no < len(lay.fr) else ()
        en_line = lay.en[line_no] if line_no < len(lay.en) else ()
        segments.extend(self._cells(fr_line, col, base))
        segments.append(Segment(" │ ", base + self._style("divider")))
        segments.extend(self._cells(en_line, col, base))
        strip = Strip(segments)
        return strip.extend_cell_length(width, base).crop(0, width)

    # ------------------------------------------------------------------ cursor
    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            if 0 <= index < len(self.rows) and self._starts:
                region = self.row_region(index)
                self.refresh(region.translate((0, -self.scroll_offset.y)))
        self.scroll_to_cursor()
        self.post_message(CursorMoved(new))

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        if not self._starts:
            return
        target_y = self._plan.start(self.cursor) + step * max(1, self.size.height - 2)
        self.move_to(self._plan.row_at(max(0, target_y)))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_flagged(self, step: int) -> None:
        """Jump to the next (or previous) row that needs something, wrapping around: a cosmetic change or an
        acknowledged flag needs nothing (unless a filter shows such rows: then every row shown is visited)."""
        n = len(self.rows)
        for k in range(1, n + 1):
            index = (self.cursor + step * k) % n
            if self.step_every_row or needs_something(self.rows[index]):
                if k == n:  # around to the row it started from
                    self.notify("This is the only row that needs something.", timeout=3)
                elif not 0 <= self.cursor + step * k < n:  # went past an end: say so, or it reads as a jump back
                    self.notify(f"Wrapped to the {'first' if step > 0 else 'last'} flagged row.", timeout=3)
                self.move_to(index)
                return
        self.notify("No row needs anything: everything is up to date.", timeout=3)

    def action_open(self) -> None:
        if self.rows:
            self.post_message(RowOpened(self.cursor))

    def on_click(self, event: events.Click) -> None:
        if self._starts:
            index = self._plan.row_at(event.y + round(self.scroll_offset.y))
            if event.chain >= 2 and index == self.cursor:
                self.action_open()
            self.move_to(index)
