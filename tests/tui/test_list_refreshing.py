"""Coming back to the list: while it is read again the bar says "refreshing…", and once read the rows are the new
ones; the backend's answer is held back by the test, so the in-between state is seen for certain."""

from __future__ import annotations

import threading

from textual.widgets import DataTable, Static

from tests.tui.conftest import settle
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.stories import StoriesScreen
from tracker.tui.screens.story import StoryScreen
from tracker.view import StorySummary


class SlowList(FakeBackend):
    """A backend whose list waits, once armed, until the test lets it answer."""

    gate: threading.Event | None = None

    def stories(self) -> list[StorySummary]:
        if self.gate is not None:
            assert self.gate.wait(60), "the test never let the list answer"
        return super().stories()


def _bar(app: TrackerApp) -> str:
    return str(app.screen.query_one("#stories-bar", Static).render())


async def test_coming_back_to_the_list_says_refreshing_until_the_new_rows_are_shown() -> None:
    backend = SlowList.with_sample()
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen) and "refreshing" not in _bar(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        backend.add_large("another-story", n=3)  # written meanwhile: the list read before does not have it
        backend.gate = gate = threading.Event()
        try:
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, StoriesScreen)
            assert "refreshing…" in _bar(app)
            assert app.screen.query_one(DataTable).row_count == 1  # the old rows, and the bar says they may be old
        finally:
            gate.set()
        await settle(pilot)
        assert "refreshing" not in _bar(app)
        assert app.screen.query_one(DataTable).row_count == 2
