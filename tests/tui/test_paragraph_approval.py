"""Approving one paragraph (`P`) shows on screen, on the real desk: a ✓ in the row's gutter and a line in the details
panel with who and when; once its English changes the mark turns to ~ and the panel says the approval lapsed."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime

import pytest
from textual.widgets import TextArea

from tests.tui.conftest import SLUG, settle
from tests.tui.test_small_and_plain import painted
from tracker.tui.app import TrackerApp
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import DetailsPanel
from tracker.tui.widgets.sidebyside import SideBySide

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("tracker.services.desk") is None, reason="the desk service is not available"
)


def _cursor_gutter(app: TrackerApp) -> str:
    line = next(line for line in painted(app) if line and line[0].text.startswith("▶"))
    return "".join(s.text for s in line)[:5]


async def test_a_paragraph_approval_is_marked_on_its_row_and_told_in_the_panel_until_it_lapses() -> None:
    from tracker.services.desk import Desk
    from tracker.services.seed import ensure_seeded
    from tracker.storage import open_store

    store = open_store("sqlite://")
    ensure_seeded(store)
    store.add_user("ed", "editor", by="ed", at=datetime.now(UTC))
    app = TrackerApp(Desk(store, "ed"), story=SLUG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        sbs, panel = screen.query_one(SideBySide), screen.query_one(DetailsPanel)
        done = next(i for i, r in enumerate(sbs.rows) if r.en and r.fr and not r.flags and not r.findings)
        sbs.move_to(done)
        await settle(pilot)
        assert "✓" not in _cursor_gutter(app)
        assert "Paragraph approval" not in panel.text.plain
        await pilot.press("P")
        await settle(pilot)
        await pilot.press("enter")  # the note is optional
        await settle(pilot)
        assert screen.view is not None and screen.view.approved_en == {sbs.rows[done].en[0].index}
        assert sbs.cursor == done
        assert "✓" in _cursor_gutter(app)
        shown = panel.text.plain
        assert f"✓ ¶ {sbs.rows[done].en[0].index} approved by ed, " in shown

        await pilot.press("e")
        await settle(pilot)
        editor = app.screen.query_one(TextArea)
        editor.text = editor.text + " They said so."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.view.en is not None and screen.view.en.number == 3  # type: ignore[union-attr]
        assert not screen.view.approved_en  # type: ignore[union-attr]
        assert sbs.cursor == done
        assert "~" in _cursor_gutter(app) and "✓" not in _cursor_gutter(app)
        assert "~ approval lapsed: its English changed (approved by ed, " in panel.text.plain
