"""Coming back to the list (or to a story someone changed meanwhile): while it is read again the bar says
"refreshing…", and once read the rows are the new ones; the backend's answer is held back by the test, so the
in-between state is seen for certain."""

from __future__ import annotations

import threading

from textual.widgets import DataTable, Static

from tests.tui.conftest import SLUG, settle
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.stories import StoriesScreen
from tracker.tui.screens.story import StoryScreen
from tracker.view import StorySummary, StoryView


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


class SlowView(FakeBackend):
    """A backend whose story view waits, once armed, until the test lets it answer."""

    gate: threading.Event | None = None

    def view(self, slug: str, fr_rev: int | None = None, en_rev: int | None = None) -> StoryView:
        if self.gate is not None:
            assert self.gate.wait(60), "the test never let the view answer"
        return super().view(slug, fr_rev, en_rev)


async def test_coming_back_to_a_story_changed_meanwhile_says_refreshing_until_it_is_read_again() -> None:
    backend = SlowView.with_sample()
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        story = app.screen
        assert isinstance(story, StoryScreen)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        story.on_database_changed()  # what the story's poll does when someone writes while History is in front
        backend.gate = gate = threading.Event()
        try:
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is story
            assert "refreshing…" in str(story.query_one("#story-bar", Static).render())
        finally:
            gate.set()
        await settle(pilot)
        assert "refreshing" not in str(story.query_one("#story-bar", Static).render())
