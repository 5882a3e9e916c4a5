"""Keys typed while a story is still being read wait for its rows, then act on them in the order typed: a
translator who presses Enter and `n` at once lands on the first row that needs something; no key falls dead."""

from __future__ import annotations

import threading

from textual import events
from textual.widgets import DataTable

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.model import Revision
from tracker.tui.app import TrackerApp
from tracker.tui.backend import Backend
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import StoryView


class GatedView(FakeBackend):
    """A backend whose story view waits, once armed, until the test lets it answer."""

    gate: threading.Event | None = None

    def view(self, slug: str, fr_rev: int | None = None, en_rev: int | None = None) -> StoryView:
        if self.gate is not None:
            assert self.gate.wait(60), "the test never let the view answer"
        return super().view(slug, fr_rev, en_rev)


async def test_keys_typed_before_the_rows_arrive_act_on_them_once_they_do() -> None:
    backend = GatedView.with_sample()
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        backend.gate = gate = threading.Event()
        try:
            # one burst, as a terminal delivers Enter and `n` typed together: both queued before Enter opens the story
            app.post_message(events.Key("enter", "\r"))
            app.post_message(events.Key("n", "n"))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StoryScreen) and not screen.query_one(SideBySide).rows  # still reading
            app.post_message(events.Key("j", "j"))  # and the next row, typed while nothing is on screen to move over
            await pilot.pause()
        finally:
            gate.set()
        await settle(pilot)
        sbs = screen.query_one(SideBySide)
        to_do = [i for i, row in enumerate(sbs.rows) if row.needs_action]
        assert to_do and 0 < to_do[0] < len(sbs.rows) - 1
        assert sbs.cursor == to_do[0] + 1  # `n` and `j` waited for the rows, then acted on them in order


async def test_keys_typed_while_the_database_opens_act_on_the_first_screen_once_it_is_up() -> None:
    release = threading.Event()

    def open_backend() -> Backend:
        assert release.wait(60), "the test never let the database open"
        return FakeBackend.with_sample()

    app = TrackerApp(open_backend=open_backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert "Opening the database" in str(app.screen.query_one("#opening").render())
        try:
            for key, char in (("enter", "\r"), ("n", "n")):  # open the first story, go to its first row to do
                app.post_message(events.Key(key, char))
            await pilot.pause()
        finally:
            release.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        assert sbs.cursor == next(i for i, row in enumerate(sbs.rows) if row.needs_action)


class GatedHistory(FakeBackend):
    """A backend whose revision history waits, once armed, until the test lets it answer."""

    gate: threading.Event | None = None

    def history(self, slug: str) -> list[Revision]:
        if self.gate is not None:
            assert self.gate.wait(60), "the test never let the history answer"
        return super().history(slug)


async def test_keys_typed_with_h_act_on_the_history_once_its_revisions_arrive() -> None:
    backend = GatedHistory.with_sample()
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        story = app.screen
        assert isinstance(story, StoryScreen)
        story.query_one(SideBySide).move_to(3)
        backend.gate = gate = threading.Event()
        try:
            app.post_message(events.Key("h", "h"))  # the history, then one revision up from the newest it opens on
            app.post_message(events.Key("up", None))
            await pilot.pause()
        finally:
            gate.set()
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one(DataTable)
        assert table.row_count > 1 and table.cursor_row == table.row_count - 2
        assert story.query_one(SideBySide).cursor == 3  # the story's rows did not take the key meant for the history
