"""The UI on the real desk (an in-memory SQLite store seeded with the sample): the Protocol holds end to end."""

from __future__ import annotations

import importlib.util

import pytest
from textual.widgets import TextArea

from tests.tui.conftest import SLUG, settle, toasts
from tracker.tui.app import TrackerApp
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.sidebyside import SideBySide

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("tracker.services.desk") is None, reason="the desk service is not available"
)


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    from tracker.services.seed import ensure_seeded
    from tracker.storage import open_store

    opened = open_store("sqlite://")
    ensure_seeded(opened)
    return opened


async def test_on_the_real_desk_a_translator_reads_acknowledges_edits_and_cannot_approve_their_own_work(
    store: object,
) -> None:
    from tracker.services.desk import Desk

    desk = Desk(store, "ana")  # type: ignore[arg-type]
    app = TrackerApp(desk, story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        rows = screen.query_one(SideBySide).rows
        assert any(f.kind == "stale" for r in rows for f in r.flags)
        stale = next(i for i, r in enumerate(rows) if any(f.kind == "stale" for f in r.flags))
        screen.query_one(SideBySide).move_to(stale)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "The summit was held in Sochi, according to both countries' tolls."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.view is not None and screen.view.en is not None
        assert "The summit was held in Sochi, according to both countries' tolls." in screen.view.en.texts
        assert screen.view.en.based_on == screen.view.fr.number
        await pilot.press("A", "enter")
        await settle(pilot)
        assert any("four eyes" in t or "editor" in t for t in toasts(app))


async def test_on_the_real_desk_a_row_already_acknowledged_says_so(store: object) -> None:
    from tracker.services.desk import Desk

    app = TrackerApp(Desk(store, "ana"), story=SLUG)  # type: ignore[arg-type]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        acked = next(i for i, r in enumerate(sbs.rows) if r.flags and all(f.acknowledged for f in r.flags))
        sbs.move_to(acked)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen
        assert "Already acknowledged." in toasts(app)
