"""Two people save one row: the second keeps their text, sees what the first saved, and chooses which stays.

On the fake backend and on the real Desk (a SQLite file, and PostgreSQL through the `db_url` fixture); the
other person writes through their own Desk on the same database, as their own terminal would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.tui.conftest import SLUG, settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.edit_modals import ConflictModal, conflict_text
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.roweditor import RowEditor
from tracker.tui.widgets.sidebyside import SideBySide

AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _story(app: TrackerApp) -> StoryScreen:
    screen = app.screen_stack[-1] if isinstance(app.screen, StoryScreen) else app.screen_stack[-2]
    assert isinstance(screen, StoryScreen)
    return screen


async def _open_editor_on(pilot: Any, app: TrackerApp, row: int) -> RowEditor:
    await settle(pilot)
    _story(app).query_one(SideBySide).move_to(row)
    await pilot.press("e")
    await settle(pilot)
    return _story(app).query_one(RowEditor)


def _row_with_english(app: TrackerApp) -> tuple[int, tuple[int, ...]]:
    rows = _story(app).query_one(SideBySide).rows
    index = next(i for i, r in enumerate(rows) if r.fr and len(r.en) == 1 and "Putin" in r.en[0].text)
    return index, tuple(p.index for p in rows[index].en)


def test_the_conflict_diff_marks_their_words_and_yours() -> None:
    text = conflict_text("The summit was held on Monday.", "The summit was held in Sochi on Monday.").plain
    assert text == "The summit was held {+in Sochi +}on Monday."
    assert "without English" in conflict_text("", "Mine.").plain


async def _lose_the_race(pilot: Any, app: TrackerApp, save_theirs: Any) -> tuple[RowEditor, str]:
    """Open the editor, type, let the other person save the row, then press Ctrl+S."""
    index, _ = _row_with_english(app)
    editor = await _open_editor_on(pilot, app, index)
    mine = editor.text + " Mine, typed here."
    await pilot.press(*" Mine, typed here.")
    save_theirs(editor.text.removesuffix(" Mine, typed here.") + " Theirs, saved first.")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ConflictModal)
    shown = app.screen.query_one("#conflict-diff").render()
    assert "[-Theirs, saved first-]" in str(shown) and "{+Mine, typed here+}" in str(shown)
    return editor, mine


def _fake_save_theirs(backend: FakeBackend, app: TrackerApp) -> Any:
    def save(text: str) -> None:
        _, en = _row_with_english(app)
        backend.save_english(SLUG, en, text, fr_rev=3, expected_en_rev=backend.revisions[(SLUG, "en")][-1].number)

    return save


async def test_the_loser_keeps_editing_and_saving_again_asks_before_writing_over(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        editor, mine = await _lose_the_race(pilot, app, _fake_save_theirs(backend, app))
        theirs_rev = backend.revisions[(SLUG, "en")][-1]
        await pilot.press("k")
        await settle(pilot)
        screen = _story(app)
        assert screen.query_one(RowEditor) is editor and editor.text == mine and editor.has_focus
        await pilot.press("ctrl+s")  # kept editing: saving again asks again, it never writes over theirs unasked
        await settle(pilot)
        assert isinstance(app.screen, ConflictModal)
        assert len(backend.revisions[(SLUG, "en")]) == theirs_rev.number
        await pilot.press("o")  # now said: saved over theirs, as a new revision after it
        await settle(pilot)
        assert not screen.query(RowEditor)
        latest = backend.revisions[(SLUG, "en")][-1]
        assert latest.number == theirs_rev.number + 1 and mine in latest.texts
        assert any(t.endswith("Theirs, saved first.") for t in theirs_rev.texts)


async def test_the_loser_can_save_theirs_over_at_once_or_take_theirs(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _, mine = await _lose_the_race(pilot, app, _fake_save_theirs(backend, app))
        await pilot.press("o")
        await settle(pilot)
        assert mine in backend.revisions[(SLUG, "en")][-1].texts
        count = len(backend.revisions[(SLUG, "en")])
        await _lose_the_race(pilot, app, _fake_save_theirs(backend, app))
        await pilot.press("t")
        await settle(pilot)
        screen = _story(app)
        assert not screen.query(RowEditor) and len(backend.revisions[(SLUG, "en")]) == count + 1
        assert any("Theirs, saved first." in p.text for r in screen.query_one(SideBySide).rows for p in r.en)


@pytest.fixture
def desk_store(db_url: str) -> Iterator[Any]:
    from tracker.services.seed import ensure_seeded
    from tracker.storage import open_store

    with open_store(db_url) as opened:
        ensure_seeded(opened)
        opened.add_user("ana", "translator", by="ana", at=AT)
        opened.add_user("tom", "translator", by="ana", at=AT)
        yield opened


async def test_on_the_real_desk_both_texts_survive_a_conflicting_save(desk_store: Any) -> None:
    from tracker.services.desk import Desk

    ana, tom = Desk(desk_store, "ana"), Desk(desk_store, "tom")
    app = TrackerApp(ana, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)

        def tom_saves(text: str) -> None:
            view = tom.view(SLUG)
            _, en = _row_with_english(app)
            assert view.en is not None
            tom.save_english(SLUG, en, text, fr_rev=view.fr.number, expected_en_rev=view.en.number)

        editor, mine = await _lose_the_race(pilot, app, tom_saves)
        toms = desk_store.revision(SLUG, "en", None)
        assert toms.author == "tom"
        await pilot.press("o")
        await settle(pilot)
        latest = desk_store.revision(SLUG, "en", None)
        assert latest.author == "ana" and latest.number == toms.number + 1 and mine in latest.texts
        assert any(t.endswith("Theirs, saved first.") for t in desk_store.revision(SLUG, "en", toms.number).texts)
        assert not _story(app).query(RowEditor)
