"""Properties of the lazy row plan: guessed heights converge to the exact wrapping, and nothing in sight moves."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.layout import layout_row
from tracker.tui.widgets.rowplan import RowPlan, guess_heights


@dataclass(frozen=True)
class Box:
    height: int


class Story:
    """Rows whose exact height at a width is known in advance, and a guess that may be anything."""

    def __init__(self, lengths: list[int], guesses: list[int]) -> None:
        self.lengths, self.guesses, self.wrapped = lengths, guesses, 0

    def exact(self, index: int, width: int) -> int:
        return self.lengths[index] // width + 1

    def wrap(self, index: int, width: int) -> Box:
        self.wrapped += 1
        return Box(self.exact(index, width))

    def guess(self, width: int) -> list[int]:
        return self.guesses


def ticking() -> object:
    """A clock that moves one second each time it is read: a slice of k seconds wraps about k rows."""
    now = [0.0]

    def clock() -> float:
        now[0] += 1
        return now[0]

    return clock


stories = st.integers(1, 60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 400), min_size=n, max_size=n), st.lists(st.integers(-2, 9), min_size=n, max_size=n)
    )
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("fill"), st.integers(0, 2000), st.integers(1, 40)),
        st.tuples(st.just("layout"), st.integers(0, 59), st.just(0)),
        st.tuples(st.just("advance"), st.integers(0, 2000), st.integers(1, 5)),
    ),
    max_size=25,
)


def _consistent(plan: RowPlan[Box], story: Story) -> None:
    heights = [plan.height(i) for i in range(plan.count)]
    assert plan.starts == list(accumulate(heights, initial=0))
    for i in range(plan.count):
        if plan.is_exact(i):
            assert heights[i] == story.exact(i, plan.width)


@settings(max_examples=300, deadline=None)
@given(stories, st.integers(4, 80), st.integers(0, 5), steps)
def test_guessed_heights_converge_to_the_exact_wrapping(
    rows: tuple[list[int], list[int]], width: int, eager: int, ops: list[tuple[str, int, int]]
) -> None:
    story = Story(*rows)
    plan = RowPlan(story.wrap, story.guess, len(story.lengths), width, eager=eager)
    for op, a, b in ops:
        if op == "fill":
            plan.fill(a, b)
        elif op == "layout":
            assert plan.layout(a % plan.count).height == story.exact(a % plan.count, width)
        else:
            plan.advance(a, seconds=b, clock=ticking())  # type: ignore[arg-type]
        _consistent(plan, story)
    for _ in range(plan.count + 1):
        plan.advance(0, seconds=3, clock=ticking())  # type: ignore[arg-type]
    assert plan.done
    _consistent(plan, story)
    assert all(plan.is_exact(i) for i in range(plan.count))
    assert story.wrapped == plan.count  # each row wrapped once, however it came to be asked for


@settings(max_examples=300, deadline=None)
@given(stories, st.integers(4, 80), st.integers(0, 59), st.integers(3, 30), st.integers(0, 5), st.integers(1, 4))
def test_the_cursor_row_keeps_its_place_in_the_view_while_the_rest_is_wrapped(
    rows: tuple[list[int], list[int]], width: int, cursor: int, lines: int, above: int, seconds: int
) -> None:
    story = Story(*rows)
    plan = RowPlan(story.wrap, story.guess, len(story.lengths), width, eager=0)
    cursor %= plan.count
    # the view brings the cursor row into sight (a few lines of it below the top) and paints what it shows
    plan.around(cursor, lines)
    top = max(0, plan.start(cursor) - min(above, lines - 1))
    plan.fill(top, lines)
    on_screen = plan.start(cursor) - top
    assert 0 <= on_screen < lines
    while not plan.done:
        top = plan.advance(top, seconds=seconds, clock=ticking())  # type: ignore[arg-type]
        assert plan.start(cursor) - top == on_screen
    _consistent(plan, story)


def test_a_short_story_is_wrapped_at_once_as_before() -> None:
    story = Story([10] * 300, [1] * 300)
    plan = RowPlan(story.wrap, story.guess, 300, 20)
    assert plan.done and story.wrapped == 300
    longer = Story([10] * 301, [1] * 301)
    plan = RowPlan(longer.wrap, longer.guess, 301, 20)
    assert not plan.done and longer.wrapped == 0


def test_guesses_stay_close_to_the_wrapping_of_real_rows(backend: object) -> None:
    """The guess is what the scroll bar shows until the rows are wrapped: on the sample, within a line a row."""
    from tests.tui.fake_backend import FakeBackend
    from tracker.layout import side_lengths

    assert isinstance(backend, FakeBackend)
    rows = backend.view("sochi-summit").rows
    for width in (30, 40, 66):
        guessed = guess_heights([side_lengths(r) for r in rows], width)
        exact = [layout_row(r, width).height for r in rows]
        assert sum(abs(g - e) for g, e in zip(guessed, exact, strict=True)) <= len(rows)


def test_side_lengths_count_the_cells_of_the_pieces_shown(backend: object) -> None:
    """Counted from the paragraphs where no word diff is shown, they are what the pieces add up to all the same."""
    from tests.tui.fake_backend import FakeBackend
    from tracker.layout import english_pieces, french_pieces, side_lengths

    assert isinstance(backend, FakeBackend)
    rows = backend.view("sochi-summit").rows
    assert any(r.flags for r in rows) and any(not r.fr for r in rows) and any(not r.en for r in rows)
    for row in rows:
        fr = tuple(sum(len(text) for text, _ in pieces) for pieces in french_pieces(row))
        en = tuple(sum(len(text) for text, _ in pieces) for pieces in english_pieces(row))
        assert side_lengths(row) == (fr, en)
