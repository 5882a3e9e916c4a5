"""The key bar: the screen's keys on one line, the palette's key at the right end, a click presses a key."""

from __future__ import annotations

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.keybar import KeyBar


def _line(bar: KeyBar) -> str:
    return bar.render().plain


async def test_the_bar_shows_the_story_screens_keys_and_the_palette_at_the_right(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        line = _line(app.screen.query_one(KeyBar))
        for shown in ("n Next flagged", "e Edit EN", "a Ack", "A Approve", "h History"):
            assert shown in line
        assert "Merge with next" not in line  # a binding marked show=False stays off the bar
        assert line.rstrip().endswith("^p Commands")
        assert len(line) == 200


async def test_the_bar_follows_the_screen(backend: FakeBackend) -> None:
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        stories_line = _line(app.screen.query_one(KeyBar))
        assert "s Sort" in stories_line and "Edit EN" not in stories_line
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert "e Edit EN" in _line(app.screen.query_one(KeyBar))


async def test_on_a_narrow_terminal_the_keys_give_way_and_the_palette_key_stays(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        line = _line(app.screen.query_one(KeyBar))
        assert len(line) <= 60
        assert "…" in line
        assert line.rstrip().endswith("^p Commands")


async def test_clicking_a_key_presses_it(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        x = _line(bar).index(" h History")
        assert bar.key_at(x + 1) == "h"
        line = _line(bar)
        assert bar.key_at(line.index("^p") + 1) == "ctrl+p"
        assert bar.key_at(line.index(" h History ") + len(" h History ") + 2) is None  # the gap before the user
        assert bar.key_at(line.index(" ? Help ") + 1) == "question_mark"
        await pilot.click(KeyBar, offset=(x + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_the_bar_says_who_is_acting(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        line = _line(app.screen.query_one(KeyBar))
        assert "ana (translator)" in line
        assert line.index("ana (translator)") < line.index("^p Commands")


async def test_help_and_the_palette_stay_in_sight_at_80_columns_and_a_long_user_name_is_cut(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.sub_title = "anastasia.konstantinopoulou-vanderbilt (translator)"
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        line = _line(bar)
        assert line.rstrip().endswith("? Help  ^p Commands") or line.rstrip().endswith("f1 Help  ^p Commands")
        assert "anastasia" in line and "vanderbilt" not in line and len(line) == 80
        help_at = line.index("Help")
        assert bar.key_at(help_at) in ("question_mark", "question_mark,f1", "f1")
