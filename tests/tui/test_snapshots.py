"""SVG snapshots of the main screens on the sample story at a fixed size (update with --snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SLUG, settle
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp

SIZE = (140, 40)
Compare = Callable[..., bool]


def _then(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        # timers the keys started (the details panel follows the cursor after DETAILS_DELAY) fire late on a busy
        # machine: let them fire, and what they start finish, before the picture
        await pilot.pause(0.3)
        await settle(pilot)
        # a blinking cursor is on or off depending on when the picture is taken (a busy machine takes it late)
        for field in pilot.app.screen.query("TextArea, Input"):
            field.cursor_blink = False  # type: ignore[attr-defined]
            # Textual's TextArea keys a cached line alike whether the blink hid the cursor or blinking is off: a
            # line painted in the blink's off phase (a busy machine paints late) would be shown without the cursor
            lines = getattr(field, "_line_cache", None)
            if lines is not None:
                lines.clear()
            field.refresh()
        await pilot.pause()

    return run


def test_stories_screen(snap_compare: Compare) -> None:
    assert snap_compare(TrackerApp(FakeBackend.with_sample()), terminal_size=SIZE, run_before=_then())


def test_story_side_by_side(snap_compare: Compare) -> None:
    app = TrackerApp(FakeBackend.with_sample(), story=SLUG)
    assert snap_compare(app, terminal_size=SIZE, run_before=_then())


def test_stale_row_opened_with_its_diff_and_details(snap_compare: Compare) -> None:
    app = TrackerApp(FakeBackend.with_sample(), story=SLUG)
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("n", "enter"))


def test_row_editor_on_the_stale_row(snap_compare: Compare) -> None:
    app = TrackerApp(FakeBackend.with_sample(), story=SLUG)
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("n", "e"))


def test_help_screen(snap_compare: Compare) -> None:
    app = TrackerApp(FakeBackend.with_sample(), story=SLUG)
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("question_mark"))


def test_story_at_80x24_with_the_details_panel_below(snap_compare: Compare) -> None:
    app = TrackerApp(FakeBackend.with_sample(), story=SLUG)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_then("n", "n", "enter"))


def test_stale_row_opened_without_colour(snap_compare: Compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read (and removed) by the app as it is built
    app = TrackerApp(FakeBackend.with_sample(), story=SLUG)
    assert snap_compare(app, terminal_size=SIZE, run_before=_then("n", "n", "enter"))
