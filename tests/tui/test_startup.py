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
        # `tui` named: with no terminal (stdin is /dev/null here) a bare `tracker` refuses before opening anything,
        # `tracker tui` once the database is opened
        [sys.executable, str(ROOT / "tui.py"), "--db", str(blocker / "tracker.db"), "tui"],
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


async def test_the_opening_story_is_read_once_in_the_opening_worker_and_mounts_with_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tracker.tui.widgets.sidebyside as sidebyside

    backend = FakeBackend.with_sample()
    reads: list[tuple[threading.Thread, bool]] = []
    view = backend.view

    def spying_view(*args: object) -> object:
        # (thread, whether the app had its backend yet): the opening worker reads before handing it over
        reads.append((threading.current_thread(), "backend" in vars(app)))
        return view(*args)  # type: ignore[arg-type]

    widths: list[int] = []
    layout_row = sidebyside.layout_row

    def spying_layout(row: object, width: int) -> object:
        widths.append(width)
        return layout_row(row, width)  # type: ignore[arg-type]

    backend.view = spying_view  # type: ignore[method-assign]
    monkeypatch.setattr(sidebyside, "layout_row", spying_layout)
    app = TrackerApp(story=SLUG, open_backend=lambda: backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        sbs = app.screen.query_one(SideBySide)
        assert sbs.rows and app.screen.view is not None
        assert app.screen.token == backend.change_token()
        # rows given at mount are wrapped once the widget has its size (then again if a scroll bar takes a
        # column), never at a narrow guess made before it had one
        assert widths and widths[-1] == sbs.column_width and min(widths) >= sbs.column_width
    assert len(reads) == 1
    thread, had_backend = reads[0]
    assert thread is not threading.main_thread() and not had_backend


async def test_an_unknown_opening_story_still_says_so_on_the_list() -> None:
    backend = FakeBackend.with_sample()
    app = TrackerApp(story="no-such-story", open_backend=lambda: backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
    assert any("no-such-story" in str(n.message) for n in app._notifications)


async def test_collection_paused_by_the_launcher_resumes_once_the_app_is_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from tracker.tui import app as app_module

    # the start-up timer is recorded and put off, so a slow machine cannot fire it before the first assertion
    scheduled: list[float] = []
    set_timer = TrackerApp.set_timer

    def recording(self: TrackerApp, delay: float, callback: object = None, **kwargs: object) -> object:
        if callback is app_module.resume_collection:
            scheduled.append(delay)
            delay = 3600.0
        return set_timer(self, delay, callback, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(TrackerApp, "set_timer", recording)
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        app = TrackerApp(story=SLUG, open_backend=FakeBackend.with_sample)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            assert not gc.isenabled()  # nothing turns it back on before the start-up is over
            assert scheduled == [app_module.STARTUP_SECONDS]
            app_module.resume_collection()  # what the timer runs
            assert gc.isenabled()
            # the start-up's objects were set aside, so later collections do not scan them again
            assert gc.get_freeze_count() > frozen
    finally:
        gc.enable()
        gc.unfreeze()


def test_resuming_collection_does_nothing_when_it_was_never_paused() -> None:
    import gc

    from tracker.tui.app import resume_collection

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


async def test_the_opening_list_is_read_once_in_the_opening_worker() -> None:
    backend = FakeBackend.with_sample()
    reads: list[tuple[threading.Thread, bool]] = []
    stories = backend.stories

    def spying_stories() -> list[StorySummary]:
        reads.append((threading.current_thread(), "backend" in vars(app)))
        return stories()

    backend.stories = spying_stories  # type: ignore[method-assign]
    app = TrackerApp(open_backend=lambda: backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        assert "1 of 1" in str(app.screen.query_one("#stories-bar", Static).render())
    assert len(reads) == 1
    thread, had_backend = reads[0]
    assert thread is not threading.main_thread() and not had_backend
