"""A long story is wrapped lazily: the rows in sight at once, the rest a slice at a time, and nothing seen moves."""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate

import pytest

from tests.tui.conftest import settle, story_app
from tests.tui.fake_backend import SAMPLE, FakeBackend
from tracker.layout import layout_row
from tracker.model import Link
from tracker.tui.widgets.rowplan import EAGER_ROWS
from tracker.tui.widgets.sidebyside import SideBySide

LONG = "long-story"


def _long(n: int = 2000) -> FakeBackend:
    """A story of `n` rows whose paragraphs (the sample's, repeated) have many lengths, so guesses miss."""
    fake = FakeBackend.with_sample()
    texts = {}
    for lang, name in (("fr", "fr.r1.txt"), ("en", "en.r1.txt")):
        paragraphs = [p for p in (SAMPLE / name).read_text().split("\n\n")[1:] if p.strip()]
        texts[lang] = "\n\n".join(f"{paragraphs[k % len(paragraphs)]} ({k})" for k in range(n))
    fake.titles[LONG] = f"A {n}-paragraph story"
    fake._add(LONG, "fr", texts["fr"], "afp")
    fake._add(LONG, "en", texts["en"], "tom", based_on=1)
    fake.alignments[(LONG, 1, 1)] = tuple(Link((i,), (i,), 0.9) for i in range(n))
    fake.en_bases[(LONG, 1)] = (1,) * n
    return fake


@pytest.fixture
def paused(monkeypatch: pytest.MonkeyPatch) -> object:
    """The background pass held: what the view shows before it wraps anything; calling the result runs it out."""
    run = SideBySide._wrap_some
    monkeypatch.setattr(SideBySide, "_wrap_some", lambda self: None)

    def finish(sbs: SideBySide) -> int:
        slices = 0
        while not sbs._plan.done:
            run(sbs)
            slices += 1
        return slices

    return finish


def _screen(sbs: SideBySide) -> list[str]:
    return [sbs.render_line(y).text for y in range(sbs.size.height)]


def _exactly_wrapped(sbs: SideBySide) -> None:
    heights = [layout_row(row, sbs._width).height for row in sbs.rows]
    assert sbs._starts == list(accumulate(heights, initial=0))
    assert sbs.virtual_size.height >= sbs._plan.total


async def test_a_long_story_shows_its_rows_having_wrapped_only_those_in_sight(paused: object) -> None:
    backend = _long()
    app = story_app(backend, LONG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        assert len(sbs.rows) == 2000
        screen = _screen(sbs)
        assert "▶" in screen[0] and "Arménie" in "".join(screen)
        wrapped = sum(sbs._plan.is_exact(i) for i in range(len(sbs.rows)))
        assert 0 < wrapped < EAGER_ROWS  # the rows a screen can show, not the story
        # the heights of the rows shown are exact: what is painted is what a full wrap would paint
        for i in range(sbs._plan.row_at(sbs.size.height)):
            assert sbs._plan.layout(i) == layout_row(sbs.rows[i], sbs._width)


async def test_the_cursor_row_stays_where_it_is_on_screen_while_the_rest_is_wrapped(paused: object) -> None:
    backend = _long()
    app = story_app(backend, LONG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        sbs.move_to(1500)  # far below anything wrapped: the rows above it are guessed
        await pilot.pause()
        before = _screen(sbs)
        row_y = sbs.row_region(1500).y - round(sbs.scroll_offset.y)
        assert "▶" in before[row_y] and "(1500)" in "".join(before)
        assert paused(sbs) > 1  # type: ignore[operator]
        _exactly_wrapped(sbs)
        assert sbs.row_region(1500).y - round(sbs.scroll_offset.y) == row_y
        assert _screen(sbs) == before
        assert sbs.cursor_in_sight()


async def test_a_width_change_rewraps_what_is_in_sight_and_keeps_the_cursor_row_in_view(paused: object) -> None:
    backend = _long()
    app = story_app(backend, LONG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        paused(sbs)  # type: ignore[operator]
        sbs.move_to(900)
        await pilot.pause()
        width = sbs._width
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        assert sbs._width != width
        assert sum(sbs._plan.is_exact(i) for i in range(len(sbs.rows))) < EAGER_ROWS
        assert sbs.cursor_in_sight()
        screen = _screen(sbs)
        assert any("▶" in line for line in screen) and "(900)" in "".join(screen)
        paused(sbs)  # type: ignore[operator]
        _exactly_wrapped(sbs)
        assert sbs.cursor_in_sight()


async def test_the_background_pass_wraps_every_row_on_its_own() -> None:
    backend = _long(600)
    app = story_app(backend, LONG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        for _ in range(2000):  # a few hundred milliseconds even on a loaded machine; a minute at most
            if sbs._plan.done:
                break
            await pilot.pause(0.03)
        assert sbs._plan.done and sbs._wrapping is None
        _exactly_wrapped(sbs)
        assert sbs.virtual_size.height == sbs._plan.total + sbs._reserve


async def test_a_short_story_is_wrapped_whole_when_it_opens(backend: FakeBackend, paused: object) -> None:
    app = story_app(backend)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        assert sbs._plan.done and sbs._wrapping is None
        _exactly_wrapped(sbs)


async def test_a_view_read_again_keeps_every_unchanged_row_where_it_was(paused: object) -> None:
    """A save or a reload shows the rows again: those unchanged keep their exact height, so the cursor row stays
    on its line of the screen instead of jumping by what the guesses above it miss."""
    backend = _long()
    app = story_app(backend, LONG)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        paused(sbs)  # type: ignore[operator]
        sbs.move_to(1500)
        await pilot.pause()
        before, row_y = _screen(sbs), sbs.row_region(1500).y - round(sbs.scroll_offset.y)
        rows = list(backend.view(LONG).rows)
        assert rows == list(sbs.rows) and rows[10] is not sbs.rows[10]  # read again: equal, not the same objects
        sbs.set_rows(rows)
        await pilot.pause()
        assert sbs.row_region(1500).y - round(sbs.scroll_offset.y) == row_y
        assert _screen(sbs) == before
        assert all(sbs._plan.is_exact(i) for i in range(len(rows)))
        changed = rows[1499].en[0]
        rows[1499] = replace(rows[1499], en=(replace(changed, text=changed.text + " More words." * 30),))
        sbs.set_rows(rows)
        await pilot.pause()
        assert sbs._plan.layout(1499) == layout_row(rows[1499], sbs._width)
        assert sbs.cursor_in_sight() and "More words." in "".join(_screen(sbs))
