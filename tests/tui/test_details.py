"""The details panel's words: what a row links, its flags' reasons once each."""

from __future__ import annotations

from dataclasses import replace

from tests.tui.conftest import SLUG, settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.model import Change, Flag
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import DetailsPanel, describe_row
from tracker.tui.widgets.sidebyside import SideBySide


def test_the_details_name_the_link_in_words_not_as_a_row_number(backend: FakeBackend) -> None:
    view = backend.view(SLUG)
    heads = {describe_row(r, view).plain.splitlines()[0] for r in view.rows}
    assert "Link: French only" in heads
    assert "Link: English only" in heads
    assert "Link: 1 French → 1 English" in heads
    assert not any(h.startswith("Row ") for h in heads)


async def test_the_panel_shows_the_link_of_the_selected_row(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs = screen.query_one(SideBySide)
        sbs.move_to(next(i for i, r in enumerate(sbs.rows) if r.link.fr == (6,)))
        await pilot.pause(0.2)
        assert screen.query_one(DetailsPanel).text.plain.startswith("Link: French only")


def test_a_stale_reason_is_shown_once(backend: FakeBackend) -> None:
    view = backend.view(SLUG)
    row = next(r for r in view.rows if r.fr and r.en)
    reason = "number changed: 286 → 300"
    change = Change((row.fr[0].index,), (row.fr[0].index,), "edited", True, (reason,))
    flagged = replace(row, flags=(Flag("stale", row.link.fr, row.link.en, (reason,), (change,)),))
    text = describe_row(flagged, view).plain
    assert text.count(reason) == 1
    assert "edited (substantive)" in text
