"""Stacked notifications never cover the cursor row's English: beside the details panel they are no wider than it;
without it the cursor row scrolls clear of them (the last row too), and they take at most half the screen."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.sidebyside import SideBySide


def _covered(app: TrackerApp, sbs: SideBySide) -> list[str]:
    """The notifications lying over the cursor row's English as it is on screen."""
    column, top, lines = sbs.english_column(sbs.cursor)
    english = Region(column.x, top, column.width, lines).intersection(sbs.content_region)
    return [str(toast.render()) for toast in app.screen.query("Toast") if toast.region.overlaps(english)]


@pytest.mark.parametrize(
    ("size", "keys"), [((120, 30), ("home", "n", "n")), ((120, 30), ("end",)), ((80, 24), ("end",))]
)
async def test_stacked_notifications_never_cover_the_cursor_rows_english(
    backend: FakeBackend, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    app = story_app(backend)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        await pilot.press(*keys)
        await settle(pilot)
        app.clear_notifications()  # what the keys said (n at the only row that needs something says so)
        await settle(pilot)
        for n in range(5):
            app.notify(f"Notification {n}: something happened to this story meanwhile.", timeout=60)
        await settle(pilot)
        assert len(app.screen.query("Toast")) == 5
        assert _covered(app, sbs) == []
        _, top, _ = sbs.english_column(sbs.cursor)
        assert sbs.content_region.y <= top < sbs.content_region.bottom  # and still in sight
        await pilot.press("up", "down")  # moving on keeps it clear too
        await settle(pilot)
        assert _covered(app, sbs) == []
