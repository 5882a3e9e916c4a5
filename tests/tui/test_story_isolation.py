"""The TUI's list on the real desk (SQLite and PostgreSQL) with one damaged story: that row says "error: ...",
every other row reads as ever, and another story still opens."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.isolation import with_a_damaged_story
from tests.tui.conftest import settle
from tracker.services.desk import Desk
from tracker.storage import Store
from tracker.tui.app import TrackerApp
from tracker.tui.screens.stories import StoriesScreen
from tracker.tui.screens.story import StoryScreen


async def test_one_damaged_story_is_one_error_row_and_the_rest_open(store: Store) -> None:
    with_a_damaged_story(store)
    app = TrackerApp(Desk(store, store.db_user() or "ana"))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        table = app.screen.query_one(DataTable)
        rows = {str(r[0]): [str(c) for c in r] for r in (table.get_row_at(i) for i in range(table.row_count))}
        assert set(rows) == {"good", "damaged", "other"}
        assert rows["damaged"][1].startswith("error: damaged fr r1: its stored metadata is damaged")
        assert rows["good"][1] == "up to date" and rows["other"][1] == "no English"
        assert not [n for n in app._notifications if "Unexpected" in str(n.message)]
        table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index("good"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen) and app.screen.view is not None
        assert app.screen.view.story.slug == "good"


async def test_opening_the_damaged_story_says_why_in_one_line(store: Store) -> None:
    with_a_damaged_story(store)
    app = TrackerApp(Desk(store, store.db_user() or "ana"), story="damaged")
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        shown = [str(n.message) for n in app._notifications]
        assert any("damaged fr r1: its stored metadata is damaged" in m for m in shown), shown
        assert not any("Unexpected" in m or "Traceback" in m for m in shown)
        assert app.is_running
