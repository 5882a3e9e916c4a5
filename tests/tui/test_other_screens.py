"""The stories list (state at a glance, sort, filter, search), the history screen and the help screen."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from tests.tui.conftest import SLUG, settle
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.stories import StoriesScreen
from tracker.tui.screens.story import StoryScreen


def _cells(table: DataTable[object]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_stories_show_each_storys_state_at_a_glance(backend: FakeBackend) -> None:
    backend.add_large("big-story", n=40)
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        rows = _cells(app.screen.query_one(DataTable))
        by_slug = {r[0]: r for r in rows}
        assert by_slug[SLUG][1] == "stale 1"
        assert by_slug["big-story"][1] == "stale 2, QA 2"
        assert [r[0] for r in rows] == ["big-story", SLUG]  # most to do first


async def test_stories_search_sort_and_filter(backend: FakeBackend) -> None:
    backend.add_large("big-story", n=40)
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("s", "s", "s")  # most to do -> urgency -> latest change -> name
        assert [r[0] for r in _cells(table)] == ["big-story", SLUG]
        assert "sorted by name" in str(app.screen.query_one("#stories-bar", Static).render())
        await pilot.press("slash", *"sochi")
        assert [r[0] for r in _cells(table)] == [SLUG]
        await pilot.press("escape")
        assert table.row_count == 2
        await pilot.press("f", "f")  # up to date only: none is
        assert table.row_count == 0


async def test_enter_on_a_story_opens_it(backend: FakeBackend) -> None:
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert app.screen.slug == SLUG


async def test_history_lists_revisions_and_diffs_two_of_one_language(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        diff = str(app.screen.query_one("#diff", Static).render())
        assert "EN r1 → r2" in diff and "{+" in diff
        table.move_cursor(row=1)  # FR r2
        await pilot.press("m")
        table.move_cursor(row=2)  # FR r3
        await settle(pilot)
        diff = str(app.screen.query_one("#diff", Static).render())
        assert "FR r2 → r3" in diff
        assert "moved" in diff and "added" in diff
        assert "[-6.500-]" in diff.replace(" ", "") or "[-500-]" in diff


async def test_help_lists_every_binding(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tracker.tui.app import binding_groups
        from tracker.tui.screens.help import bindings_table

        table = bindings_table(binding_groups())
        text = "\n".join(" ".join(str(cell) for cell in column._cells) for column in table.columns)
        needles = ("Acknowledge", "Approve the English", "Relink", "Next row that needs", "Search stories", "Mark")
        for needle in needles:
            assert needle in text
        await pilot.press("escape")
        assert isinstance(app.screen, StoryScreen)


async def test_search_box_takes_letters_that_are_also_keys(backend: FakeBackend) -> None:
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"sqf")
        assert app.screen.query_one("#search", Input).value == "sqf"
        assert isinstance(app.screen, StoriesScreen)


def test_readme_bindings_table_lists_every_binding() -> None:
    from pathlib import Path

    from textual.binding import Binding

    from tracker.tui.screens.help import _keys
    from tracker.tui.screens.history import HistoryScreen
    from tracker.tui.screens.stories import StoriesScreen
    from tracker.tui.screens.story import StoryScreen
    from tracker.tui.widgets.roweditor import RowEditor
    from tracker.tui.widgets.sidebyside import SideBySide

    readme = Path(__file__).resolve().parents[2].joinpath("README.md").read_text("utf-8")
    section = readme.split("## The terminal UI", 1)[1].split("\n## ", 1)[0]
    every = (TrackerApp.BINDINGS, StoriesScreen.BINDINGS, StoryScreen.BINDINGS, SideBySide.BINDINGS, RowEditor.BINDINGS)
    for bindings in every:
        for binding in bindings:
            assert isinstance(binding, Binding)
            assert f"`{_keys(binding)}` | {binding.tooltip or binding.description} |" in section
    assert all(isinstance(b, Binding) and f"`{_keys(b)}`" in section for b in HistoryScreen.BINDINGS)


async def test_opening_an_unknown_story_says_so_and_returns_to_the_list(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story="no-such-story")
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)


async def test_the_list_refreshes_itself_when_someone_else_writes(
    backend: FakeBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.tui.screens.stories as stories

    monkeypatch.setattr(stories, "POLL_SECONDS", 0.05)
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        calls = backend.calls.count("stories")
        backend.save_english(SLUG, (0,), "Someone else's standfirst.", fr_rev=3, expected_en_rev=2)
        await pilot.pause(0.3)
        await settle(pilot)
        assert backend.calls.count("stories") == calls + 1  # read again once, not on every poll
        table = app.screen.query_one(DataTable)
        english = [str(c) for c in table.get_row_at(0)][list(stories.COLUMNS).index("EN")]
        assert english == "r3"  # the new English revision is listed


async def test_history_shows_only_the_diff_last_asked_for_and_home_end_go_to_first_and_last(
    backend: FakeBackend,
) -> None:
    from tracker.tui.messages import DiffLoaded

    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(DataTable)
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor_row == 0
        assert "first revision" in str(screen.query_one("#diff", Static).render())
        # an answer to a request the cursor has since left behind arrives late: it is not shown
        stale = DiffLoaded("fr", 2, 3, backend.diff(SLUG, "fr", 2, 3))
        screen.post_message(stale)
        await settle(pilot)
        assert "first revision" in str(screen.query_one("#diff", Static).render())
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == table.row_count - 1
        assert "EN r1 → r2" in str(screen.query_one("#diff", Static).render())
