"""Small terminals and no colour: at 80x24 the details panel takes the lower half and the cursor row stays in sight;
with NO_COLOR every flag and count is set apart by reverse video, and no text is grey on grey."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.segment import Segment
from textual.color import Color
from textual.widgets import Static

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.nocolor import LEGIBLE
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import DetailsPanel
from tracker.tui.widgets.sidebyside import SideBySide


def painted(app: TrackerApp) -> list[list[Segment]]:
    """The screen as the terminal receives it (line filters applied), one list of segments per line."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console = Console(width=app.size.width, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    return [[s for s in line if s.style is not None] for line in Segment.split_lines(console.render(update))]


def _segment(lines: list[list[Segment]], text: str) -> Segment:
    return next(s for line in lines for s in line if s.text.strip() == text)


def _contrast(segment: Segment) -> float:
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None
    fg, bg = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    return abs(fg.brightness - bg.brightness)


def _cursor_row_in_sight(sbs: SideBySide) -> bool:
    top = round(sbs.scroll_offset.y)
    row = sbs.row_region(sbs.cursor)
    return top <= row.y < top + sbs.scrollable_content_region.height


async def test_at_80x24_the_details_panel_takes_the_lower_half_and_the_cursor_row_stays_in_sight(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs, panel = screen.query_one(SideBySide), screen.query_one(DetailsPanel)
        assert not panel.display  # narrow: the panel starts hidden
        wide = sbs.column_width
        for _ in range(4):
            await pilot.press("n")
        await pilot.press("enter")  # opening a row shows the panel
        await settle(pilot)
        assert panel.display
        assert panel.region.y >= sbs.region.bottom  # below the rows, not beside them
        assert sbs.column_width == wide >= 30  # the columns keep the whole width
        assert _cursor_row_in_sight(sbs)
        await pilot.press("end")
        await settle(pilot)
        assert _cursor_row_in_sight(sbs)
        await pilot.press("d", "home")
        await settle(pilot)
        assert not panel.display and _cursor_row_in_sight(sbs)
        await pilot.press("d")
        await settle(pilot)
        assert panel.display and _cursor_row_in_sight(sbs)


async def test_without_colour_flags_and_counts_are_in_reverse_video_and_nothing_is_grey_on_grey(
    backend: FakeBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read (and removed) by the app as it is built
    app = story_app(backend)
    assert app.no_color
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        assert any(f.kind == "stale" for f in sbs.rows[sbs.cursor].flags)
        lines = painted(app)
        count = _segment(lines, "1 to do")
        assert count.style is not None and count.style.reverse and count.style.bold
        stale = _segment(lines, "S stale")
        assert stale.style is not None and stale.style.reverse
        cursor_line = next(line for line in lines if any(s.text.startswith("▶") for s in line))
        flag = next(s for s in cursor_line if s.text.strip() == "S")
        assert flag.style is not None and flag.style.reverse
        drawn = [s for line in lines for s in line if s.text.strip() and s.style and s.style.color and s.style.bgcolor]
        unreadable = [s.text for s in drawn if _contrast(s) < LEGIBLE and not s.style.dim]  # type: ignore[union-attr]
        assert unreadable == []


async def test_at_80x24_the_history_diff_keeps_room_to_read(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        pane = app.screen.query_one("#diff-pane")
        assert pane.region.width >= 34
        assert "EN r1 → r2" in str(app.screen.query_one("#diff", Static).render())
