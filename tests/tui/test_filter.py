"""The row filter: `f` cycles all, needs action, QA findings and changed since base; the bar says how many rows
it keeps, and a reload keeps the filter."""

from __future__ import annotations

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import FakeBackend
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import filter_rows


async def test_f_cycles_the_filters_and_the_bar_counts_the_rows(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        sbs = screen.query_one(SideBySide)
        every = screen.view.rows  # type: ignore[attr-defined]
        needing = filter_rows(every, "needs action")
        assert 0 < len(needing) < len(every)
        await pilot.press("f")
        await settle(pilot)
        assert sbs.rows == needing and all(r.needs_action for r in sbs.rows)
        bar = str(screen.query_one("#story-bar").render())
        assert f"{len(needing)} of {len(every)} rows (needs action" in bar
        assert f"{len(every) - len(needing)} of {len(every)} rows done" in bar
        await pilot.press("r")  # a reload keeps the filter
        await settle(pilot)
        assert sbs.rows == filter_rows(screen.view.rows, "needs action")  # type: ignore[attr-defined]
        await pilot.press("f", "f")
        await settle(pilot)
        changed = filter_rows(every, "changed since base")
        assert sbs.rows == changed and changed
        await pilot.press("f")
        await settle(pilot)
        assert len(sbs.rows) == len(every)
        assert "rows (" not in str(screen.query_one("#story-bar").render())
