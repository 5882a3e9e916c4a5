"""An English revision saved from one row keeps every other row's alignment: the links the translator saw are
carried onto the new revision (English indices shifted past the edit), the edited row relinked to its French.

Realigning a whole story after each row saved would cost seconds at a few thousand paragraphs, and could move
rows nobody touched; the carried links are what the translator saw, so they are what the new revision shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.align.aligner import _ordered
from tracker.model import Link


def edited_links(links: Sequence[Link], start: int, end: int, n_new: int, fr: Sequence[int] = ()) -> tuple[Link, ...]:
    """The links of an English revision whose paragraphs `start`..`end` (inclusive; `end = start - 1` for an
    insertion) became `n_new` paragraphs, from the links of the revision before.

    With French paragraphs `fr` (and some new English), the new paragraphs are linked to exactly those French
    ones, confirmed, as a relink decision would; otherwise they join the link that held paragraph `start`, or
    stand alone. Every paragraph of both sides stays in exactly one link.
    """
    shift = n_new - (end - start + 1)
    new_range = tuple(range(start, start + n_new))
    chosen = frozenset(fr) if n_new else frozenset()
    out: list[Link] = []
    joined = False
    for link in links:
        en = tuple(j if j < start else j + shift for j in link.en if not start <= j <= end)
        kept_fr = tuple(i for i in link.fr if i not in chosen)
        if not chosen and not joined and new_range and start in link.en:
            en, joined = tuple(sorted((*en, *new_range))), True
        if kept_fr or en:
            same = kept_fr == link.fr and len(en) == len(link.en)
            out.append(Link(kept_fr, en, link.score if same else 0.0, link.confirmed and same))
    if chosen:
        out.append(Link(tuple(sorted(chosen)), new_range, 1.0, True))
    elif new_range and not joined:
        out.extend(Link((), (j,)) for j in new_range)
    return _ordered(out)
