"""The revision pickers show each revision's time, author and label, and mark the French revision the English
shown was written from (real desk on the sample)."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.tui.conftest import SLUG, settle
from tracker.services.desk import Desk
from tracker.services.seed import ensure_seeded
from tracker.storage import open_store
from tracker.tui.app import TrackerApp
from tracker.tui.widgets.revisions import revision_choices


async def test_the_french_picker_shows_time_author_and_the_englishs_base() -> None:
    store = open_store("sqlite://")
    ensure_seeded(store)
    desk = Desk(store, "ana")
    view = desk.view(SLUG, 3, 1)  # English r1 was written from French r2
    lines = dict(revision_choices(view, "fr"))
    assert lines[3].startswith("r3  2022-11-01 07:30  AFP") and "(latest)" in lines[3]
    assert "written from this" in lines[2] and "written from this" not in lines[3]
    english = dict(revision_choices(view, "en"))
    assert english[1].endswith("from FR r2") and "from FR r3" in english[2]
    app = TrackerApp(desk, story=SLUG)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown[0].startswith("r3  2022-11-01 07:30  AFP")
        assert any("written from this" in line for line in shown)  # English r2 was written from French r3
        await pilot.press("escape")
