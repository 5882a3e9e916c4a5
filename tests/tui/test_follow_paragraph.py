"""Showing another revision (F, E) keeps the cursor on the same paragraph, wherever its row now stands."""

from __future__ import annotations

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.sidebyside import SideBySide


async def test_another_french_revision_keeps_the_cursor_on_the_same_english_paragraph(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        at = next(i for i, r in enumerate(sbs.rows) if [p.index for p in r.en] == [12])
        sbs.move_to(at)
        english = sbs.rows[at].en[0].text
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("down", "enter")  # newest first: r3 (shown), then r2
        await settle(pilot)
        assert screen.view is not None and screen.view.fr.number == 2
        row = sbs.rows[sbs.cursor]
        assert [p.text for p in row.en] == [english]
        assert sbs.cursor != at  # the paragraph moved: the same row number would show another one
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("down", "enter")  # English r1
        await settle(pilot)
        assert screen.view is not None and screen.view.en is not None and screen.view.en.number == 1
        assert [p.index for p in sbs.rows[sbs.cursor].fr] == [p.index for p in row.fr]
