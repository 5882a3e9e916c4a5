"""Where a row went: after another revision is shown, the row holding the same paragraph, not the same row number."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tracker.view import Row


def same_paragraph(row: Row, rows: Sequence[Row]) -> int | None:
    """The index in `rows` of the row that holds what `row` held, by the surest sign first: the same French and
    English texts, the same English text (the French revision changed), the same French text (the English
    changed), then the same French or English paragraph number; None when nothing matches."""
    fr, en = {p.hash for p in row.fr}, {p.hash for p in row.en}
    fr_at, en_at = {p.index for p in row.fr}, {p.index for p in row.en}
    tests: list[Callable[[Row], bool]] = [
        lambda r: bool(fr and en) and bool(fr & {p.hash for p in r.fr}) and bool(en & {p.hash for p in r.en}),
        lambda r: bool(en & {p.hash for p in r.en}),
        lambda r: bool(fr & {p.hash for p in r.fr}),
        lambda r: bool(fr_at & {p.index for p in r.fr}),
        lambda r: bool(en_at & {p.index for p in r.en}),
    ]
    for test in tests:
        found = next((n for n, candidate in enumerate(rows) if test(candidate)), None)
        if found is not None:
            return found
    return None
