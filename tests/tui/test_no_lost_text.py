"""Nothing typed in the row editor is lost: quitting, leaving, another revision or a reload ask or keep the text,
a save takes exactly the keys typed before Ctrl+S, and the keys typed after it come after the save."""

from __future__ import annotations

import threading

import pytest
from textual import events

from tests.tui.conftest import SLUG, settle, story_app, toasts
from tests.tui.fake_backend import FakeBackend
from tracker.model import Revision
from tracker.tui.app import TrackerApp
from tracker.tui.screens.edit_modals import UnsavedModal
from tracker.tui.screens.modals import RevisionModal
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.roweditor import RowEditor
from tracker.tui.widgets.sidebyside import SideBySide


def _story(app: TrackerApp) -> StoryScreen:
    screen = app.screen
    assert isinstance(screen, StoryScreen)
    return screen


def _type(app: TrackerApp, *keys: str) -> None:
    """Post keys as a terminal delivers a burst: all queued before the first is handled."""
    for key in keys:
        char = key if len(key) == 1 else (" " if key == "space" else None)
        app.post_message(events.Key(key, char))


def _latest_en(backend: FakeBackend) -> Revision:
    return backend.revisions[(SLUG, "en")][-1]


async def _edit_stale_row(pilot: object, app: TrackerApp) -> RowEditor:
    await settle(pilot)
    await pilot.press("n", "n", "e")  # type: ignore[attr-defined]
    await settle(pilot)
    editor = _story(app).query_one(RowEditor)
    editor.move_cursor(editor.document.end)  # it starts where the French changed: these tests type at the end
    return editor


async def test_ctrl_q_with_changed_text_asks_and_keep_editing_keeps_it(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        editor = await _edit_stale_row(pilot, app)
        await pilot.press(*" Typed.")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedModal) and app.is_running
        await pilot.press("k")
        await settle(pilot)
        assert _story(app).query_one(RowEditor) is editor and editor.text.endswith(" Typed.")
        assert editor.has_focus


@pytest.mark.parametrize(("answer", "saved"), [("s", 1), ("d", 0)])
async def test_ctrl_q_then_save_or_discard_does_so_and_quits(backend: FakeBackend, answer: str, saved: int) -> None:
    app = story_app(backend)
    revisions = len(backend.revisions[(SLUG, "en")])
    async with app.run_test(size=(140, 40)) as pilot:
        await _edit_stale_row(pilot, app)
        await pilot.press(*" Typed.", "ctrl+q", answer)
        await settle(pilot)
    assert not app.is_running
    assert len(backend.revisions[(SLUG, "en")]) == revisions + saved
    assert any(t.endswith(" Typed.") for t in _latest_en(backend).texts) == bool(saved)


async def test_ctrl_q_with_an_unchanged_editor_quits_at_once(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await _edit_stale_row(pilot, app)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not app.is_running


async def test_leaving_the_story_or_picking_a_revision_asks_first(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        editor = await _edit_stale_row(pilot, app)
        screen = _story(app)
        await pilot.press(*" Typed.")
        screen.query_one(SideBySide).focus()  # as a click on the rows does: q and F reach the screen
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedModal)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and editor.text.endswith(" Typed.")
        screen.query_one(SideBySide).focus()
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedModal)
        await pilot.press("d")  # discarded by choice: then the revision picker
        await settle(pilot)
        assert isinstance(app.screen, RevisionModal) and not screen.query(RowEditor)


async def test_a_view_arriving_while_editing_waits_and_a_reload_says_so(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        editor = await _edit_stale_row(pilot, app)
        screen, sbs = _story(app), _story(app).query_one(SideBySide)
        rows = sbs.rows
        await pilot.press(*" Typed.")
        backend.save_english(SLUG, (0,), "Someone else's standfirst.", fr_rev=3, expected_en_rev=2)
        screen.action_reload()
        screen.load_view()
        await settle(pilot)
        assert sbs.rows is rows and editor.text.endswith(" Typed.")
        assert any("reloads when the editor closes" in t for t in toasts(app))


async def test_ctrl_s_takes_every_key_typed_before_it(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await _edit_stale_row(pilot, app)
        _type(app, *" Twelve.", "ctrl+s")
        await settle(pilot)
        assert not _story(app).query(RowEditor)
        assert any(t.endswith(" Twelve.") for t in _latest_en(backend).texts)


async def test_a_burst_of_edit_type_save_twice_keeps_every_word(backend: FakeBackend) -> None:
    # the burst: e, type, Ctrl+S, and right after e, type, Ctrl+S, all queued before the first is handled
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        revisions = len(backend.revisions[(SLUG, "en")])
        # (on the stale row the cursor starts where the French changed: Ctrl+End takes it to the end)
        _type(app, "e", "ctrl+end", *" Twelve.", "ctrl+s", "e", "ctrl+end", *" Thirteen.", "ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert len(backend.revisions[(SLUG, "en")]) == revisions + 2
        assert any(t.endswith(" Twelve. Thirteen.") for t in _latest_en(backend).texts)
        assert not _story(app).query(RowEditor)


class SlowSave(FakeBackend):
    """Saves wait for the test to let them through, so the screen can be seen while one is in flight."""

    gate: threading.Event

    def save_english(self, *args: object, **kwargs: object) -> Revision:
        self.gate.wait(timeout=30)
        return super().save_english(*args, **kwargs)  # type: ignore[arg-type]


async def test_while_a_save_is_in_flight_the_row_says_saving_and_keeps_the_text() -> None:
    backend = SlowSave.with_sample()
    assert isinstance(backend, SlowSave)
    backend.gate = threading.Event()
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        editor = await _edit_stale_row(pilot, app)
        screen = _story(app)
        await pilot.press(*" Typed.", "ctrl+s")
        await pilot.pause()
        assert editor.border_subtitle == "saving…" and editor.text.endswith(" Typed.")
        assert screen.query_one(RowEditor) is editor
        screen.on_database_changed()  # a poll that saw the write before the answer did: no news for us
        backend.gate.set()
        await settle(pilot)
        await settle(pilot)
        assert not screen.query(RowEditor)
        assert any(t.endswith(" Typed.") for t in _latest_en(backend).texts)
        assert not any("database changed" in t for t in toasts(app))
        assert any(" Typed." in p.text for r in screen.query_one(SideBySide).rows for p in r.en)
