"""Where each row of a long view stands, planned lazily: every row's height guessed cheaply, the rows in sight
wrapped exactly, the rest wrapped a slice at a time, so that opening or rewrapping 10,000 rows costs what is seen.

Pure Python (no Textual): the widget owns the screen, this owns the arithmetic, and a property test checks that the
guesses converge to the exact wrapping while the row at the top of the view stays where it was.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Generic, Protocol, TypeVar


class HasHeight(Protocol):
    @property
    def height(self) -> int: ...


L = TypeVar("L", bound=HasHeight)

# up to this many rows are wrapped exactly at once, as before the plan was lazy: a short story (and every snapshot
# picture) never shows a guessed height, and a long one opens in the time of a short one
EAGER_ROWS = 300
SLICE_SECONDS = 0.008  # a background slice: short enough that a key pressed meanwhile waits for no more than this


def _room(width: int) -> int:
    # each line of a greedy word wrap loses about half a word at its end: a line is counted a few cells short
    return max(1, width - min(4, width // 5))


def guess_lines(lengths: Sequence[int], width: int) -> int:
    """Lines that paragraphs of these lengths (in cells) take wrapped at `width`, a blank line between them."""
    if not lengths:
        return 1
    room, lines = _room(width), len(lengths) - 1
    for n in lengths:
        lines += -(-n // room) or 1
    return lines


def guess_heights(sides: Sequence[tuple[Sequence[int], Sequence[int]]], width: int) -> list[int]:
    """Each two-sided row's guessed height at column `width`: its taller side, and the blank line below it."""
    room = _room(width)
    out = []
    for fr, en in sides:
        # most rows hold one paragraph a side: counted without a call (10,000 rows are guessed on every resize)
        a = (-(-fr[0] // room) or 1) if len(fr) == 1 else guess_lines(fr, width)
        b = (-(-en[0] // room) or 1) if len(en) == 1 else guess_lines(en, width)
        out.append((a if a > b else b) + 1)
    return out


class RowPlan(Generic[L]):
    """The height and top line of `count` rows at one width; a row's layout is exact once `layout(i)` was asked.

    `wrap(index, width)` lays a row out exactly (its `.height` counts); `guess(width)` says about how tall every row
    is without wrapping any. Starts are prefix sums of the heights, redone once per batch of rows wrapped."""

    def __init__(
        self,
        wrap: Callable[[int, int], L],
        guess: Callable[[int], Sequence[int]],
        count: int = 0,
        width: int = 0,
        *,
        eager: int = EAGER_ROWS,
    ) -> None:
        self._wrap, self._guess, self.eager = wrap, guess, eager
        self.count, self.width = 0, 0
        self._layouts: list[L | None] = []
        self._heights: list[int] = []
        self._starts: list[int] = [0]
        self._next = 0  # the background pass wraps from here on
        self.reset(count, width)

    # ------------------------------------------------------------------ (re)planning
    def reset(self, count: int, width: int, known: Sequence[L | None] = ()) -> None:
        """New rows, or the same rows at a new width: short views are wrapped now, long ones guessed. `known`: rows
        already laid out at this width (None where not), e.g. those a save left as they were, kept exact."""
        self.count, self.width = count, width
        self._next = 0
        if count <= self.eager:
            self._layouts = [self._wrap(i, width) for i in range(count)]
            self._heights = [lay.height for lay in self._layouts]  # type: ignore[union-attr]
            self._next = count
        else:
            self._layouts = list(known) if len(known) == count else [None] * count
            guesses = self._guess(width)
            assert len(guesses) == count, "a guess for every row"
            pairs = zip(guesses, self._layouts, strict=True)
            self._heights = [max(1, h) if lay is None else lay.height for h, lay in pairs]
        self._starts = list(accumulate(self._heights, initial=0))

    @property
    def done(self) -> bool:
        """Every row wrapped exactly."""
        return self._next >= self.count

    @property
    def total(self) -> int:
        """Lines of all the rows."""
        return self._starts[-1]

    @property
    def layouts(self) -> list[L | None]:
        """Each row's exact layout, None where it is only guessed so far (read-only)."""
        return self._layouts

    @property
    def starts(self) -> list[int]:
        """Each row's first line (and the total after the last): read-only, redone when heights change."""
        return self._starts

    def start(self, index: int) -> int:
        return self._starts[index]

    def height(self, index: int) -> int:
        return self._heights[index]

    def is_exact(self, index: int) -> bool:
        return self._layouts[index] is not None

    def row_at(self, y: int) -> int:
        """The row that line `y` falls in (the last row past the end, the first before the start)."""
        return max(0, min(self.count - 1, bisect_right(self._starts, y) - 1))

    # ------------------------------------------------------------------ wrapping exactly
    def layout(self, index: int) -> L:
        """Row `index` laid out exactly (wrapped now if it was only guessed; the rows below it move)."""
        lay = self._layouts[index]
        if lay is None:
            self._exact_from(index, lambda i, _: i > index)
            lay = self._layouts[index]
        assert lay is not None
        return lay

    def around(self, index: int, lines: int) -> None:
        """Wrap exactly row `index` and the rows `lines` lines above and below it: a view scrolled to show that
        row then shows exact rows only, so no guess corrected while painting moves it."""
        first, above, changed = index, 0, False
        while first > 0 and above < lines:
            first -= 1
            changed |= self._wrap_one(first)
            above += self._heights[first]
        changed |= self._wrap_one(index)
        if changed:
            self._restart(first)
        self.fill(self._starts[index], self._heights[index] + lines)

    def fill(self, top: int, lines: int) -> bool:
        """Wrap exactly every row that lines `top`..`top + lines` show (their first row keeps its start, since only
        rows at and below it change); True when a height changed."""
        if not self.count:
            return False
        first = self.row_at(top)
        return self._exact_from(first, lambda _, start: start >= top + lines)

    def _exact_from(self, first: int, stop: Callable[[int, int], bool]) -> bool:
        changed, start, i = False, self._starts[first], first
        while i < self.count and not stop(i, start):
            changed |= self._wrap_one(i)
            start += self._heights[i]
            i += 1
        if changed:
            self._restart(first)
        return changed

    def _wrap_one(self, index: int) -> bool:
        """Wrap one row if it was only guessed (starts are left to the caller); True when its height changed."""
        if self._layouts[index] is not None:
            return False
        lay = self._layouts[index] = self._wrap(index, self.width)
        changed = lay.height != self._heights[index]
        self._heights[index] = lay.height
        return changed

    def _restart(self, first: int) -> None:
        self._starts[first:] = accumulate(self._heights[first:], initial=self._starts[first])

    def advance(self, top: int, seconds: float = SLICE_SECONDS, clock: Callable[[], float] = time.perf_counter) -> int:
        """One background slice: wrap the next rows not yet exact for about `seconds`; returns where the line that
        was at `top` now is, so that the caller scrolls there and nothing on screen moves."""
        if self.done:
            return top
        anchor = self.row_at(top)
        offset = top - self._starts[anchor]
        deadline = clock() + seconds
        first = self._next
        i = first
        changed = False
        while i < self.count:
            changed |= self._wrap_one(i)
            i += 1
            if clock() >= deadline:
                break
        while i < self.count and self._layouts[i] is not None:  # rows the view already wrapped: nothing to do
            i += 1
        self._next = i
        if changed:
            self._restart(first)
        return self._starts[anchor] + min(offset, self._heights[anchor] - 1)
