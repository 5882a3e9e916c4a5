"""Showing only the rows that matter now: `f` cycles the row filter (all, needs action, QA findings, changed since
the English's base) and the story bar says how many rows it keeps ("3 of 167 rows"), how many are done and how
many words the English has."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from tracker.tui.screens.story_search import SearchActions
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import ROW_FILTERS, Row, filter_rows


class FilterActions(SearchActions):
    """The row filter of the story screen; reloads keep it."""

    row_filter: str = "all"

    def shown_rows(self, rows: Sequence[Row]) -> tuple[Row, ...]:
        """The view's rows as the filter shows them."""
        return filter_rows(rows, self.row_filter)

    def filter_note(self, total: int, shown: int) -> Text:
        """The bar's progress (rows done, English words) and, when one is on, the filter's count."""
        out = Text()
        if self.view is not None:
            done = sum(1 for r in self.view.rows if not r.needs_action)
            words = sum(len(p.text.split()) for p in self.view.en.paragraphs) if self.view.en else 0
            out.append(f"  │  {done} of {total} rows done · {words:,} words")
        if self.row_filter != "all":
            out.append(f"  │  {shown} of {total} rows ({self.row_filter}; f: next filter)", style="bold cyan")
        return out

    def action_filter(self) -> None:
        if self.view is None:
            return
        self.row_filter = ROW_FILTERS[(ROW_FILTERS.index(self.row_filter) + 1) % len(ROW_FILTERS)]
        sbs = self.query_one(SideBySide)
        sbs.step_every_row = self.row_filter != "all"  # the filter chose these rows: n and p visit each one
        current = sbs.rows[sbs.cursor].link if sbs.rows else None
        rows = self.shown_rows(self.view.rows)
        cursor = next((n for n, r in enumerate(rows) if r.link == current), 0)
        sbs.set_rows(rows, cursor)
        self.refresh_bar()
        if not rows:
            self.notify(f"No row matches “{self.row_filter}”: f shows the next filter.", timeout=4)

    def refresh_bar(self) -> None:
        """Redraw the story bar (its state and the filter's count)."""
        raise NotImplementedError
