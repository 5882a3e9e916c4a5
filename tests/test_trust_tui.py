"""The terminal UI on a real PostgreSQL desk: through Pilot, a translator's Approve is refused and records nothing,
an editor's is recorded under the editor's own role."""

from __future__ import annotations

import pytest
from trust_desk import TeamDesk, team

from tests.tui.conftest import settle, toasts
from tracker.services.desk import Desk
from tracker.services.seed import SAMPLE_SLUG
from tracker.tui.app import TrackerApp

__all__ = ["team"]
pytestmark = pytest.mark.postgres


async def _press_approve(desk: Desk) -> list[str]:
    app = TrackerApp(desk, story=SAMPLE_SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        # rows still need action: the approval modal's note, then Tab and Space tick Force
        await pilot.press(*"checked by phone", "tab", "space", "enter")
        await settle(pilot)
        return toasts(app)


async def test_a_translator_s_approve_in_the_tui_is_refused(team: TeamDesk) -> None:
    with team.store("translator") as store:
        shown = await _press_approve(Desk(store, team.names["translator"]))
        assert any("translator" in t for t in shown), shown
        assert store.approvals(SAMPLE_SLUG) == []


async def test_an_editor_s_approve_in_the_tui_is_recorded_as_the_editor(team: TeamDesk) -> None:
    editor = team.names["editor"]
    with team.store("editor") as store:
        shown = await _press_approve(Desk(store, editor))
        assert [a.by for a in store.approvals(SAMPLE_SLUG)] == [editor], shown
