"""Short lines between strong neighbours linked by position: dialogue (`— Demain.` / `"Tomorrow."`) shares too
few words with its translation to be matched by content, but between two links both sides are sure of, the
same number of short lines on each side stand for each other in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.align.score import Scorer

Group = tuple[tuple[int, ...], tuple[int, ...]]

# A link both sides are sure of (about twice what a link must score to pay off); a line of dialogue, in characters.
STRONG = 0.15
SHORT = 80
# Between short lines matched by a word or two, only a close match is sure enough to cut a run in two.
SURE = 0.5
# A single pair between neighbours is the move pass's sandwich, which also checks lengths.
MIN_RUN = 2


def by_position(scorer: Scorer, groups: Sequence[Group]) -> list[Group]:
    """The groups, with each run of short lines between two strong links paired in order when both sides hold
    the same number of them."""
    short = (
        [not p.title and p.chars <= SHORT for p in scorer.fr],
        [not p.title and p.chars <= SHORT for p in scorer.en],
    )
    anchors = sorted(
        (core, g)
        for g in groups
        if g[0] and g[1] and scorer.group(*g) >= (SURE if _all_short(g, short) else STRONG)
        for core in [_core(g, short)]
    )
    taken: set[tuple[int, int]] = set()
    pairs: list[Group] = []
    for (a, _), (b, _) in zip(anchors, anchors[1:], strict=False):
        gap_fr = range(max(a[0]) + 1, min(b[0]))
        gap_en = range(max(a[1]) + 1, min(b[1]))
        lines = len(gap_fr) == len(gap_en) >= MIN_RUN
        if lines and all(short[0][i] for i in gap_fr) and all(short[1][j] for j in gap_en):
            pairs.extend(((i,), (j,)) for i, j in zip(gap_fr, gap_en, strict=True))
            taken.update((0, i) for i in gap_fr)
            taken.update((1, j) for j in gap_en)
    if not pairs:
        return list(groups)
    out: list[Group] = []
    for fr, en in groups:
        kept = (tuple(i for i in fr if (0, i) not in taken), tuple(j for j in en if (1, j) not in taken))
        if kept[0] or kept[1]:
            out.append(kept)
    return out + pairs


def _all_short(group: Group, short: tuple[list[bool], list[bool]]) -> bool:
    return all(short[0][i] for i in group[0]) and all(short[1][j] for j in group[1])


def _core(group: Group, short: tuple[list[bool], list[bool]]) -> Group:
    """A link without the short lines it picked up, which may belong to a run beside it."""
    fr, en = group
    return tuple(i for i in fr if not short[0][i]) or fr, tuple(j for j in en if not short[1][j]) or en
