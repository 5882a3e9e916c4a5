"""Taking a decision back in the story screen (real desk): the details panel lists each decision on the row with
who, when and why; `R` picks one, asks why, and the row's flag comes back."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.tui.conftest import SLUG, settle, toasts
from tracker.services.desk import Desk
from tracker.services.seed import ensure_seeded
from tracker.storage import open_store
from tracker.tui.app import TrackerApp
from tracker.tui.widgets.details import DetailsPanel, describe_row
from tracker.tui.widgets.sidebyside import SideBySide

T = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


async def test_r_takes_back_an_acknowledgement_and_the_stale_flag_returns() -> None:
    store = open_store("sqlite://")
    ensure_seeded(store)
    desk = Desk(store, "ana", clock=lambda: T)
    first = desk.view(SLUG)
    stale = next(r for r in first.rows if any(f.kind == "stale" for f in r.flags))
    desk.ack(SLUG, stale.fr[0].index, "no-change", "same figure", fr_rev=first.fr.number)
    app = TrackerApp(desk, story=SLUG)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        index = next(i for i, r in enumerate(sbs.rows) if r.link == stale.link)
        sbs.move_to(index)
        await settle(pilot)
        row = sbs.rows[index]
        assert not row.needs_action
        panel = describe_row(row, app.screen.view).plain  # type: ignore[attr-defined]
        assert "acknowledged: no change needed — ana, 2026-12-01 09:30: same figure" in panel
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("enter")  # the only decision on the row
        await settle(pilot)
        await pilot.press(*"the figure changed", "enter")
        await settle(pilot)
        assert any("Taken back" in t for t in toasts(app))
        assert sbs.rows[index].needs_action
        assert not sbs.rows[index].decisions
        (revocation,) = store.revocations(SLUG)
        assert (revocation.by, revocation.reason) == ("ana", "the figure changed")
        assert app.screen.query_one(DetailsPanel) is not None


async def test_r_on_a_row_with_no_decision_says_so() -> None:
    store = open_store("sqlite://")
    ensure_seeded(store)
    app = TrackerApp(Desk(store, "ana"), story=SLUG)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        sbs.move_to(next(i for i, r in enumerate(sbs.rows) if not r.decisions))
        await pilot.press("R")
        await settle(pilot)
        assert any("nothing to take back" in t for t in toasts(app))
