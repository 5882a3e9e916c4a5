"""The story screen: side by side, flags in the gutter, the cursor, the details panel, revisions and reloads."""

from __future__ import annotations

from tests.tui.conftest import SLUG, settle, story_app, toasts
from tests.tui.fake_backend import FakeBackend
from tracker.tui.screens.modals import RevisionModal
from tracker.tui.screens.story import StoryScreen
from tracker.tui.widgets.details import DetailsPanel
from tracker.tui.widgets.sidebyside import SideBySide, needs_something


def screen_text(sbs: SideBySide) -> str:
    return "\n".join(sbs.render_line(y).text for y in range(sbs.size.height))


async def test_story_shows_french_beside_english_with_a_flag_in_the_gutter(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        assert len(sbs.rows) == len(backend.view(SLUG).rows)
        text = screen_text(sbs)
        assert "L’Arménie et l’Azerbaïdjan sont convenus" in text
        assert "Armenia and Azerbaijan have agreed" in text
        assert "— no French: added in the English —" in text
        assert any(line.startswith("  c ") for line in text.splitlines())  # the cosmetic row's gutter


async def test_n_and_p_jump_between_flagged_rows(backend: FakeBackend) -> None:
    backend.add_large("large", 60)  # rows 0, 20 and 40 need action
    app = story_app(backend, "large")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        flagged = [i for i, r in enumerate(sbs.rows) if needs_something(r) and i > 0]
        await pilot.press("n")
        assert sbs.cursor == flagged[0]
        await pilot.press("n")
        assert sbs.cursor == flagged[1]
        await pilot.press("p")
        assert sbs.cursor == flagged[0]
        await pilot.press("down", "down")
        assert sbs.cursor == flagged[0] + 2


async def test_stale_row_shows_the_french_word_diff_readable_without_colour(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        stale = next(i for i, r in enumerate(sbs.rows) if any(f.kind == "stale" for f in r.flags))
        sbs.move_to(stale)
        await pilot.pause()
        text = screen_text(sbs)
        assert "{+" in text and "+}" in text
        assert "▶ S" in text


async def test_enter_opens_the_row_with_its_flags_and_paragraph_history(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 60)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")  # the stale row: French paragraph 5, changed in r3
        await pilot.press("enter")
        await settle(pilot)
        details = app.screen.query_one(DetailsPanel).text.plain
        assert "S stale" in details
        assert "FR r3 edited" in details
        assert "FR r1" in details or "FR r2" in details


async def test_picking_an_older_english_revision_shows_its_flags_and_findings(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, RevisionModal)
        await pilot.press("down", "enter")  # r2 (latest) is highlighted; r1 is below
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.view is not None and screen.view.en is not None and screen.view.en.number == 1
        assert any(r.findings for r in screen.query_one(SideBySide).rows)
        assert any(f.kind == "untranslated" for r in screen.view.rows for f in r.flags)


async def test_a_change_in_the_database_reloads_the_view(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        backend.save_english(SLUG, (), "A new English paragraph.", fr_rev=3, expected_en_rev=2, fr=(6,))
        screen.poll_changes()
        await settle(pilot)
        row = next(r for r in screen.query_one(SideBySide).rows if r.link.fr == (6,))
        assert [p.text for p in row.en] == ["A new English paragraph."]
        assert any("database changed" in t for t in toasts(app))


async def test_escape_goes_back_to_the_stories(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "StoriesScreen"


async def test_a_click_selects_the_row_and_a_double_click_opens_it(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        target = 3
        y = sbs.row_region(target).y - sbs.scroll_offset.y
        await pilot.click(SideBySide, offset=(10, y))
        assert sbs.cursor == target
        await pilot.click(SideBySide, offset=(10, y), times=2)
        await settle(pilot)
        details = app.screen.query_one(DetailsPanel).text.plain
        assert "Paragraph history" in details and "press Enter to load" not in details


async def test_next_flagged_says_when_it_wraps_round_to_the_first(backend: FakeBackend) -> None:
    backend.add_large("large", 60)  # rows 0, 20 and 40 need action
    app = story_app(backend, "large")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        flagged = [i for i, r in enumerate(sbs.rows) if needs_something(r)]
        assert len(flagged) == 3
        sbs.move_to(flagged[-1])
        await pilot.press("n")
        await pilot.pause()
        assert sbs.cursor == flagged[0]
        assert "Wrapped to the first flagged row." in toasts(app)
        await pilot.press("p")
        await pilot.pause()
        assert sbs.cursor == flagged[-1]
        assert "Wrapped to the last flagged row." in toasts(app)
