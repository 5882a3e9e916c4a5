"""Search and go-to in the story screen: `/` finds French and English text with accents and case ignored, F3 and
Shift+F3 step through the matches (wrapping), `:` goes to a French or English paragraph."""

from __future__ import annotations

from tests.tui.conftest import settle, story_app, toasts
from tests.tui.fake_backend import FakeBackend
from tracker.model import Link, Paragraph
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import Row, fold, row_of_paragraph, rows_matching


def _row(n: int, fr: str, en: str) -> Row:
    return Row(Link((n,), (n,)), (Paragraph(n, fr),), (Paragraph(n, en),))


def test_search_folds_accents_case_and_spaces() -> None:
    assert fold("L’Arménie  et\u202fÉrevan") == "l’armenie et erevan"
    rows = [_row(0, "Arménie", "Armenia"), _row(1, "Bakou", "Baku"), _row(2, "Sotchi", "ARMÉNIE again")]
    assert rows_matching(rows, "armenie") == (0, 2)
    assert rows_matching(rows, "BAKU") == (1,)
    assert rows_matching(rows, "  ") == ()
    assert row_of_paragraph(rows, "en", 2) == 2
    assert row_of_paragraph(rows, "fr", 7) is None


async def test_slash_finds_rows_and_f3_steps_through_them(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        expected = rows_matching(sbs.rows, "poutine")
        assert len(expected) >= 2  # the sample names Putin in several paragraphs
        await pilot.press("slash", *"POUTINE", "enter")
        await settle(pilot)
        assert sbs.cursor == expected[0]
        assert any(f"match 1 of {len(expected)}" in t for t in toasts(app))
        await pilot.press("f3")
        await settle(pilot)
        assert sbs.cursor == expected[1]
        await pilot.press("shift+f3", "shift+f3")
        await settle(pilot)
        assert sbs.cursor == expected[-1]  # wrapped back past the first


async def test_a_search_with_no_match_says_so(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzzz", "enter")
        await settle(pilot)
        assert any("No row contains" in t for t in toasts(app))
        await pilot.press("f3")
        await settle(pilot)
        assert any("No search yet" in t for t in toasts(app))


async def test_colon_goes_to_a_french_or_english_paragraph(backend: FakeBackend) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        await pilot.press("colon", *"9", "enter")
        await settle(pilot)
        assert any(p.index == 9 for p in sbs.rows[sbs.cursor].fr)
        await pilot.press("colon", *"e3", "enter")
        await settle(pilot)
        assert any(p.index == 3 for p in sbs.rows[sbs.cursor].en)
        await pilot.press("colon", *"e999", "enter")
        await settle(pilot)
        assert any("No English paragraph 999" in t for t in toasts(app))
