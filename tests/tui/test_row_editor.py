"""Editing in place: the editor covers the cursor row's English, the French stays in sight beside it."""

from __future__ import annotations

from textual.geometry import Region

from tests.tui.conftest import SLUG, settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.layout import GUTTER_WIDTH
from tracker.tui.screens.modals import ConfirmModal
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.roweditor import MIN_HEIGHT, RowEditor, editor_region
from tracker.tui.widgets.sidebyside import SideBySide


def _story(app: object) -> StoryScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StoryScreen)
    return screen


async def _open_on_stale_row(pilot: object) -> tuple[StoryScreen, SideBySide, RowEditor]:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("n", "n", "e")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = _story(pilot.app)  # type: ignore[attr-defined]
    return screen, screen.query_one(SideBySide), screen.query_one(RowEditor)


async def test_the_editor_covers_the_rows_english_and_leaves_its_french_in_sight(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        row = sbs.rows[sbs.cursor]
        assert editor.text == "\n\n".join(p.text for p in row.en)
        assert "from French r3" in str(editor.border_title)
        column, top, height = sbs.english_column(sbs.cursor)
        french_right = sbs.content_region.x + GUTTER_WIDTH + sbs.column_width
        assert editor.region.x == column.x - 1 and editor.region.right == column.right + 1
        assert editor.region.x >= french_right  # the French of the row is not covered
        assert editor.region.y <= top and editor.region.bottom >= top + min(height, column.height - 2)
        assert sbs.region.contains_region(Region(column.x, top, 1, 1))  # the row itself is on screen


async def test_letters_that_are_keys_elsewhere_are_typed_and_esc_leaves_everything_as_it_was(
    backend: FakeBackend,
) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        cursor, revisions = sbs.cursor, len(backend.revisions[(SLUG, "en")])
        editor.text = ""
        await pilot.press(*"anew", "A")  # ack, next flagged, edit, waive, approve on the rows
        assert editor.text == "anewA"
        assert sbs.cursor == cursor and isinstance(app.screen, StoryScreen)
        await pilot.press("escape")  # changes would be lost: asked first, and n keeps editing
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.query_one(RowEditor).text == "anewA"
        await pilot.press("escape", "enter")  # Enter, pressed out of habit, keeps the text too
        await settle(pilot)
        assert app.screen is screen and screen.query_one(RowEditor).text == "anewA"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not screen.query(RowEditor)
        assert sbs.has_focus and sbs.cursor == cursor
        assert len(backend.revisions[(SLUG, "en")]) == revisions
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")  # nothing changed: closes at once
        await settle(pilot)
        assert app.screen is screen and not screen.query(RowEditor)


async def test_the_editor_follows_its_row_when_the_rows_scroll(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        before = editor.region.y
        sbs.scroll_to(y=sbs.scroll_offset.y + 3, animate=False, immediate=True)
        await settle(pilot)
        assert editor.region.y == max(sbs.content_region.y, before - 3)


async def test_a_change_in_the_database_waits_for_the_editor_to_close(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        rows = sbs.rows
        backend.save_english(SLUG, (0,), "Someone else's standfirst.", fr_rev=3, expected_en_rev=2)
        screen._own_write_at = 0.0  # someone else's write, long after any of ours
        screen.on_database_changed()
        await settle(pilot)
        assert sbs.rows is rows and screen.query(RowEditor)  # nothing moved under the editor
        assert any("changed in the database" in n.message for n in app._notifications)  # and the person is told
        await pilot.press("escape")
        await settle(pilot)
        assert sbs.rows is not rows
        assert any("Someone else's standfirst." in p.text for r in sbs.rows for p in r.en)


def test_the_editor_region_keeps_room_to_type_and_stays_on_screen() -> None:
    column = Region(70, 2, 44, 30)
    assert editor_region(column, 10, 8) == Region(69, 9, 46, 10)
    assert editor_region(column, 10, 1).height == MIN_HEIGHT  # a one-line row still gets room
    assert editor_region(column, 30, 8).bottom == column.bottom  # near the bottom it moves up, not off screen
    assert editor_region(column, 1, 8).y == column.y  # and never above the rows
    assert editor_region(column, 10, 100).height == column.height


async def test_keys_typed_in_one_burst_are_applied_in_order(backend: FakeBackend) -> None:
    from textual import events

    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        editor.text = ""
        # as a terminal delivers fast typing: every key queued before the first is handled
        for key, char in [("a", "a"), ("b", "b"), ("left", None), ("X", "X"), ("end", None), ("c", "c")] * 3:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert editor.text == "aXbcaXbcaXbc"
        for key in ("backspace", "backspace", "left", "left"):
            app.post_message(events.Key(key, None))
        app.post_message(events.Key("Y", "Y"))
        await settle(pilot)
        assert editor.text == "aXbcaXbcYaX"


async def test_no_editing_while_an_older_french_revision_is_shown(backend: FakeBackend) -> None:
    from tests.tui.conftest import toasts

    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = _story(app)
        screen.fr_rev = 2
        screen.load_view()
        await settle(pilot)
        assert screen.view is not None and screen.view.fr.number == 2
        await pilot.press("e")
        await settle(pilot)
        assert not screen.query(RowEditor)
        assert any("old French revision" in t for t in toasts(app))


async def test_saving_an_emptied_row_asks_first(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        revisions = len(backend.revisions[(SLUG, "en")])
        editor.text = "  "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert screen.query(RowEditor) and len(backend.revisions[(SLUG, "en")]) == revisions
        await pilot.press("ctrl+s", "y")
        await settle(pilot)
        assert not screen.query(RowEditor) and len(backend.revisions[(SLUG, "en")]) == revisions + 1


async def test_the_editor_grows_with_the_text_typed(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        before = editor.region.height
        editor.text = "\n\n".join(["A new paragraph of English."] * 6)
        await settle(pilot)
        assert editor.region.height > before
        assert editor.region.bottom <= sbs.region.bottom


async def test_after_a_resize_the_editor_is_still_over_its_own_row(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        screen, sbs, editor = await _open_on_stale_row(pilot)
        index = sbs.cursor
        await pilot.resize_terminal(80, 20)
        await settle(pilot)
        column, top, height = sbs.english_column(index)
        assert column.y <= top < column.bottom  # the edited row is in sight
        assert editor.region.x == column.x - 1 and editor.region.y <= top
        assert sbs.region.contains_region(editor.region)  # not cut by the edge of the screen


async def test_the_editor_paints_blank_once_removed_or_before_its_styles_exist() -> None:
    # the screen's compositor may paint a removed editor until its next layout (the crash under load was the
    # TextArea looking its gutter style up in the styles its removal had cleared)
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield RowEditor("Sochi.", "title")

    crop = Region(0, 0, 12, 3)
    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        editor = app.query_one(RowEditor)
        await pilot.pause()
        assert "Sochi." in "".join(s.text for s in editor.render_lines(crop))
        await editor.remove()
        assert [s.text for s in editor.render_lines(crop)] == [" " * 12] * 3
        unstyled = RowEditor("Sochi.", "title")
        assert [s.text for s in unstyled.render_lines(crop)] == [" " * 12] * 3
