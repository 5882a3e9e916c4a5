"""Defects an acceptance tester met in a real terminal: the stories list, the approve dialog, the details panel."""

from __future__ import annotations

from typing import Any

from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, RadioButton, RadioSet, Static

from tests.tui.conftest import SLUG, settle
from tests.tui.fake_backend import FakeBackend
from tracker.tui.app import TrackerApp
from tracker.tui.screens.modals import AckModal, ApproveModal
from tracker.tui.screens.stories import StoriesScreen

LONG_TITLE = (
    "Armenia and Azerbaijan pledge not to use force in their decades-long territorial dispute over "
    "Nagorno-Karabakh after a summit hosted by Vladimir Putin in the Black Sea resort of Sochi on Monday"
)


def _slugs(table: DataTable[object]) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def _heads(table: DataTable[object]) -> list[str]:
    return [str(c.label) for c in table.ordered_columns]


def _cursor_slug(table: DataTable[object]) -> str:
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


def _bar(app: TrackerApp) -> str:
    return str(app.screen.query_one("#stories-bar", Static).render())


async def test_a_long_title_never_pushes_the_state_columns_off_screen(backend: FakeBackend) -> None:
    backend.add_large("big-story", n=40)
    backend.titles[SLUG] = LONG_TITLE
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        heads = _heads(table)
        assert heads.index("Title") > max(heads.index(h) for h in ("State", "Approval", "FR", "EN", "Updated"))
        assert table.max_scroll_x == 0  # no horizontal scrolling
        title = str(table.get_row_at(_slugs(table).index(SLUG))[heads.index("Title")])
        assert title.endswith("…") and title.startswith("Armenia and Azerbaijan")
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert table.max_scroll_x == 0
        assert str(table.get_row_at(_slugs(table).index(SLUG))[heads.index("Title")]).endswith("…")
        await pilot.press("slash", *"big")  # the long title is hidden: the columns still fit
        await pilot.pause()
        assert _slugs(table) == ["big-story"]
        assert table.max_scroll_x == 0


async def test_search_ignores_accents_case_and_slug_dashes(backend: FakeBackend) -> None:
    backend.add_large("japan-quake", n=4)
    backend.titles["japan-quake"] = "Séisme au Japon"
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("slash", *"SEISME")
        await pilot.pause()
        assert _slugs(table) == ["japan-quake"]
        await pilot.press("escape", "slash", *"japan quake")
        await pilot.pause()
        assert _slugs(table) == ["japan-quake"]
        await pilot.press("escape", "slash", *"sochi_summit")
        await pilot.pause()
        assert _slugs(table) == [SLUG]


async def test_a_search_that_finds_nothing_says_so(backend: FakeBackend) -> None:
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"xyz")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 0
        assert "no story matches 'xyz'" in _bar(app)
        await pilot.press("escape", "slash", *"[b]")  # read as text, not as markup
        await pilot.pause()
        assert "no story matches '[b]'" in _bar(app)


async def test_back_from_a_story_keeps_the_cursor_on_it(backend: FakeBackend) -> None:
    backend.add_large("big-story", n=40)
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert _slugs(table) == ["big-story", SLUG]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, StoriesScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        assert _cursor_slug(table) == SLUG
        await pilot.press("enter")
        await settle(pilot)
        assert getattr(app.screen, "slug", None) == SLUG


async def test_the_cursor_follows_its_story_through_sort_and_reload(backend: FakeBackend) -> None:
    backend.add_large("big-story", n=40)
    backend.add_large("a-story", n=4)
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=_slugs(table).index(SLUG))
        for key in ("s", "s", "r", "f"):  # latest change, name, reload, needs work
            await pilot.press(key)
            await settle(pilot)
            assert _cursor_slug(table) == SLUG, key


async def test_back_from_a_story_opened_directly_puts_the_cursor_on_it(backend: FakeBackend) -> None:
    backend.add_large("big-story", n=40)
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        table = app.screen.query_one(DataTable)
        assert _slugs(table) == ["big-story", SLUG]
        assert _cursor_slug(table) == SLUG


async def test_a_story_with_no_english_is_not_awaiting_approval(backend: FakeBackend) -> None:
    backend._add("no-english", "fr", "Un séisme a frappé le Japon lundi.\n\nAucune victime.", "afp")
    app = TrackerApp(backend)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f", "f", "f")
        await pilot.pause()
        assert "filter: awaiting approval" in _bar(app)
        assert _slugs(app.screen.query_one(DataTable)) == [SLUG]


def _dialog(app: TrackerApp, modal: ModalScreen[Any]) -> list[Any]:
    answers: list[Any] = []
    app.push_screen(modal, callback=answers.append)
    return answers


async def test_enter_on_the_force_checkbox_confirms_the_approval(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        answers = _dialog(app, ApproveModal("Approve the English", pending=1))
        await pilot.pause()
        await pilot.press(*"checked by phone", "tab")
        box = app.screen.query_one(Checkbox)
        assert box.has_focus
        await pilot.press("space")  # space still ticks it
        assert box.value
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [("checked by phone", True)]
        assert not isinstance(app.screen, ApproveModal)


async def test_enter_on_the_acknowledgement_choices_confirms(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        answers = _dialog(app, AckModal(omitted=False))
        await pilot.pause()
        app.screen.query_one(RadioSet).focus()
        await pilot.press("down", "space")  # arrows move to 'omitted', space picks it
        assert app.screen.query_one("#omitted", RadioButton).value
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [("omitted", "")]


async def test_enter_on_cancel_still_cancels_the_approval(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        answers = _dialog(app, ApproveModal("Approve the English", pending=0))
        await pilot.pause()
        app.screen.query_one("#cancel", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [None]


async def test_ticked_and_unticked_boxes_differ_in_their_mark_not_only_in_colour(backend: FakeBackend) -> None:
    app = TrackerApp(backend, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        _dialog(app, AckModal(omitted=False))
        await pilot.pause()
        on, off = app.screen.query_one("#no-change", RadioButton), app.screen.query_one("#omitted", RadioButton)
        assert on.value and not off.value
        assert _mark(on) != _mark(off)
        await app.screen.dismiss(None)
        _dialog(app, ApproveModal("Approve the English", pending=1))
        await pilot.pause()
        box = app.screen.query_one(Checkbox)
        before = _mark(box)
        box.value = True
        await pilot.pause()
        assert _mark(box) != before


def _mark(toggle: Checkbox | RadioButton) -> str:
    """The toggle's button as plain text, colours dropped: what a monochrome terminal shows."""
    return toggle.render().plain[:3]
