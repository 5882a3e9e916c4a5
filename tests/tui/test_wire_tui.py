"""The wire in the terminal UI, on the real desk (SQLite and PostgreSQL): a correction's row carries C with the
agency's note in the details and takes a note to be acknowledged as needing no change; a kill puts W on every
English row, voids the approval and says KILLED in the story bar; an embargo shows in the list and the bar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from tests.tui.conftest import settle
from tests.wire_items import ENGLISH, write
from tracker.cli import main
from tracker.layout import gutter
from tracker.tui.app import TrackerApp
from tracker.tui.screens.modals import AckModal
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import describe_row
from tracker.tui.widgets.sidebyside import SideBySide

T = datetime.now(UTC).replace(microsecond=0)
NOTE = "CORRECTS budget figure in para 1"


@pytest.fixture
def desk(db_url: str, tmp_path: Path) -> Iterator[tuple[Any, str, Path, str]]:
    """A desk whose G2 story has an approved English; yields (store, slug, item folder, url)."""
    from tracker.services import approvals
    from tracker.services.desk import Desk
    from tracker.storage import open_store

    assert main(["--db", db_url, "import", write(tmp_path, "g2", 1)]) == 0
    with open_store(db_url) as store:
        slug = store.stories()[0].slug
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("tina", "translator", by="chief", at=T)
        store.add_user("ed", "editor", by="chief", at=T)
        Desk(store, "tina", clock=lambda: T).save_english(slug, (), ENGLISH, fr_rev=1, expected_en_rev=None)
        approvals.decide(store, slug, "approved", by="ed", at=T, note="ok")
        yield store, slug, tmp_path, db_url


def _bar(screen: StoryScreen) -> str:
    return str(screen.query_one("#story-bar").render())


async def test_a_correction_is_flagged_c_with_the_agencys_note_and_no_change_needs_a_note(
    desk: tuple[Any, str, Path, str],
) -> None:
    from tracker.services.desk import Desk

    store, slug, folder, url = desk
    assert main(["--db", url, "import", write(folder, "g2", 2, "correction", NOTE, n=15)]) == 0
    app = TrackerApp(Desk(store, "tina"), story=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen) and screen.view is not None
        assert f"correction: {NOTE}" in _bar(screen)
        rows = screen.query_one(SideBySide).rows
        at = next(i for i, r in enumerate(rows) if any(f.kind == "correction" for f in r.flags))
        assert ("C", "flag-correction") in gutter(rows[at])
        details = describe_row(rows[at], screen.view).plain
        assert "C correction" in details and f"agency's note: {NOTE}" in details
        screen.query_one(SideBySide).move_to(at)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AckModal)
        await pilot.press("enter")  # no note: refused, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, AckModal) and not store.acks(slug)
        app.screen.query_one("#ack-note", Input).value = "the site ran 15 million from the start"
        await pilot.press("enter")
        await settle(pilot)
        assert [a.note for a in store.acks(slug)] == ["the site ran 15 million from the start"]
        rows = screen.query_one(SideBySide).rows
        assert ("a", "flag-acked") in gutter(rows[at])


async def test_a_kill_flags_every_english_row_w_and_voids_the_approval(desk: tuple[Any, str, Path, str]) -> None:
    from tracker.services.desk import Desk

    store, slug, folder, url = desk
    assert main(["--db", url, "import", write(folder, "g2", 2, "kill", "KILL: legal")]) == 0
    app = TrackerApp(Desk(store, "ed"), story=slug)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen) and screen.view is not None
        bar = _bar(screen)
        assert "KILLED: KILL: legal" in bar and "void" in bar
        rows = screen.query_one(SideBySide).rows
        assert all(("W", "flag-withdraw") in gutter(r) for r in rows if r.en)
        assert "W withdraw" in describe_row(rows[0], screen.view).plain
        # the editor records the withdrawal from the story screen: W, a note, Enter
        await pilot.press("W")
        await settle(pilot)
        app.screen.query_one(Input).value = "taken off the site and the app"
        await pilot.press("enter")
        await settle(pilot)
        assert [(w.by, w.note) for w in store.withdrawals(slug)] == [("ed", "taken off the site and the app")]
        rows = screen.query_one(SideBySide).rows
        assert all(("a", "flag-acked") in gutter(r) for r in rows if r.en)
        assert "English withdrawn" in _bar(screen)


async def test_an_embargo_shows_in_the_list_and_the_story_bar(db_url: str, tmp_path: Path) -> None:
    from tracker.services.desk import Desk
    from tracker.storage import open_store

    until = (T + timedelta(days=2)).replace(minute=0, second=0)
    item = write(tmp_path, "ninjs", 1, until=until.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert main(["--db", db_url, "import", item]) == 0
    words = f"embargoed until {until:%Y-%m-%d %H:%M} UTC"
    with open_store(db_url) as store:
        slug = store.stories()[0].slug
        app = TrackerApp(Desk(store, "tina"))
        async with app.run_test(size=(180, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            assert words in str(table.get_row_at(0))
        app = TrackerApp(Desk(store, "tina"), story=slug)
        async with app.run_test(size=(180, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, StoryScreen)
            assert words in _bar(app.screen)
