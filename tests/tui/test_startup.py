"""Start-up: the frame paints before the backend is open, and a database that cannot be opened ends the program."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.tui.conftest import SLUG, settle
from tests.tui.fake_backend import FakeBackend
from tracker.errors import StoreError
from tracker.exitcodes import ExitCode
from tracker.tui.app import TrackerApp, run_app
from tracker.tui.backend import Backend
from tracker.tui.screens.stories import StoriesScreen
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import StorySummary

ROOT = Path(__file__).resolve().parents[2]


async def test_the_frame_paints_while_the_backend_is_still_opening() -> None:
    release = threading.Event()
    opened_on: list[threading.Thread] = []

    def open_backend() -> Backend:
        opened_on.append(threading.current_thread())
        release.wait(10)
        return FakeBackend.with_sample()

    app = TrackerApp(story=SLUG, open_backend=open_backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert "Opening the database" in str(app.screen.query_one("#opening").render())
        assert not isinstance(app.screen, StoryScreen)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert app.screen.query_one(SideBySide).rows
        assert app.sub_title == "ana (translator)"
    assert opened_on and opened_on[0] is not threading.main_thread()


async def test_the_stories_list_opens_once_the_backend_is_open() -> None:
    app = TrackerApp(open_backend=FakeBackend.with_sample)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)


async def test_a_database_that_cannot_be_opened_ends_the_app_with_exit_code_3() -> None:
    def open_backend() -> Backend:
        raise StoreError("/nowhere/tracker.db: cannot open database file")

    app = TrackerApp(story=SLUG, open_backend=open_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == ExitCode.DATA
    assert isinstance(app.startup_error, StoreError)


def test_run_app_raises_the_opening_error_after_the_app_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    def open_backend() -> Backend:
        raise StoreError("/nowhere/tracker.db: cannot open database file")

    async def headless(self: TrackerApp) -> None:
        async with self.run_test(size=(80, 24)) as pilot:
            await settle(pilot)

    def run(self: TrackerApp) -> None:
        import asyncio

        asyncio.run(headless(self))

    monkeypatch.setattr(TrackerApp, "run", run)
    with pytest.raises(StoreError, match="cannot open database file"):
        run_app(open_backend, story=SLUG)


def test_the_program_prints_one_line_and_exits_3_when_the_database_cannot_be_opened(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {"TRACKER_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tui.py"), "--db", str(blocker / "tracker.db")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == ExitCode.DATA
    # the terminal's restoring escapes come first (stdout is not a terminal, so Textual drew on stderr)
    last = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]", "", done.stderr).strip().splitlines()[-1].strip()
    assert last.startswith("tracker: error: ")
    assert str(blocker / "tracker.db") in last
    assert "\n" not in last


async def test_the_stories_list_says_it_is_loading_until_the_stories_arrive() -> None:
    release = threading.Event()

    class SlowStories(FakeBackend):
        def stories(self) -> list[StorySummary]:
            release.wait(10)
            return super().stories()

    app = TrackerApp(SlowStories.with_sample())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#stories-bar", Static)
        assert "loading" in str(bar.render())
        release.set()
        await settle(pilot)
        assert "loading" not in str(bar.render())
        assert "1 of 1" in str(bar.render())
