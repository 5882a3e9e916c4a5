"""Figures swapped between sentences: each figure is in the English, but in the sentence that stands for another.

"Le séisme a fait 12 morts. Les secours ont hospitalisé 30 blessés." adapted as "The quake killed 30 people.
Rescuers took 12 injured to hospital." carries every figure, so the paragraph-level check is silent; sentence
against sentence it is a corruption. Where the sentence links of a link are known, a French figure missing from
the English sentences linked to its own sentence, yet found in those of another sentence whose figure in turn
sits in its sentence's place, is reported as a swap. A figure merely moved to another sentence (an adapter's
restructuring) is not: only the crossed pair is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from tracker.align.sentences import link_sentences
from tracker.facts import Figure
from tracker.model import Link
from tracker.qa.match import figure_matched, time_values
from tracker.qa.pair import Pair
from tracker.sentences import sentence_spans

_DIGIT = re.compile(r"\d")
SWAP_REACH = 8  # sentences either side of a figure's own where its crossed partner is looked for


def _where(starts: Sequence[int], ends: Sequence[int], position: int) -> int | None:
    """The sentence holding `position` (spans sorted and disjoint), found by bisection."""
    k = bisect_right(starts, position) - 1
    return k if k >= 0 and position < ends[k] else None


def _grouped(figures: Sequence[Figure], at: Sequence[int | None], groups: int) -> list[tuple[Figure, ...]]:
    """The figures of each group, in order: one pass, not one scan per group."""
    members: list[list[Figure]] = [[] for _ in range(groups)]
    for figure, k in zip(figures, at, strict=True):
        if k is not None and k < groups:
            members[k].append(figure)
    return [tuple(m) for m in members]


def swapped_figures(pair: Pair) -> list[tuple[Figure, Figure]]:
    """Pairs of French figures whose English sentences are crossed, each pair once, in French order."""
    fr_claims = [f for f in pair.fr_figures if f.claim and not f.spelled]
    en_claims = [f for f in pair.en_figures if f.claim and not f.spelled]
    # sentences are linked by their words, figures masked: linked by their figures, crossed figures would cross
    # the sentence links too (or merge them) and hide the very swap looked for
    fr_text, en_text = _DIGIT.sub("#", pair.fr), _DIGIT.sub("#", pair.en)
    fr_spans, en_spans = sentence_spans(fr_text), sentence_spans(en_text)
    if len(fr_claims) < 2 or len(en_claims) < 2 or len(fr_spans) < 2 or len(en_spans) < 2:
        return []
    fr_starts, fr_ends = [a for a, _ in fr_spans], [b for _, b in fr_spans]
    fr_at = [_where(fr_starts, fr_ends, f.start) for f in fr_claims]
    if len({k for k in fr_at if k is not None}) < 2:
        return []
    en_starts, en_ends = [a for a, _ in en_spans], [b for _, b in en_spans]
    en_at = [_where(en_starts, en_ends, g.start) for g in en_claims]
    extra = time_values(pair.en_dates)
    by_position = _grouped(en_claims, en_at, len(en_spans))
    if all(k is None or k >= len(by_position) or figure_matched(f, by_position[k], extra)
           for f, k in zip(fr_claims, fr_at, strict=True)):  # fmt: skip
        return []  # every figure in the English sentence of its French sentence's rank: the usual, in order
    found = link_sentences([fr_text], [en_text], Link((0,), (0,)))
    group_of = {k: n for n, sentence_link in enumerate(found.links) for k in sentence_link.fr}
    en_group = {k: n for n, sentence_link in enumerate(found.links) for k in sentence_link.en}
    english = _grouped(en_claims, [en_group.get(k) if k is not None else None for k in en_at], len(found.links))
    # whether a reading is matched in a group, decided once: a sentence repeated a thousand times costs its figures
    known: dict[tuple[frozenset[float], str | None, int], bool] = {}

    def matched(figure: Figure, group: int) -> bool:
        key = (figure.values, figure.unit, group)
        if key not in known:
            known[key] = figure_matched(figure, english[group], extra)
        return known[key]

    placed: list[tuple[Figure, int, frozenset[int]]] = []  # a figure away from its sentence, and where it is
    seen: set[tuple[frozenset[float], str | None, str, int]] = set()
    for figure, k in zip(fr_claims, fr_at, strict=True):
        group = group_of.get(k) if k is not None else None
        if group is None or (figure.values, figure.unit, figure.text, group) in seen:
            continue  # the same figure again in the same sentence crosses the same way: once is enough
        seen.add((figure.values, figure.unit, figure.text, group))
        if not english[group] or matched(figure, group):
            continue
        # a swap crosses nearby sentences; looking only there keeps a paragraph of many sentences linear
        near = range(max(0, group - SWAP_REACH), min(len(english), group + SWAP_REACH + 1))
        elsewhere = frozenset(h for h in near if h != group and matched(figure, h))
        if elsewhere:
            placed.append((figure, group, elsewhere))
    by_group: dict[int, list[int]] = {}
    for i, (_, group, _) in enumerate(placed):
        by_group.setdefault(group, []).append(i)
    swaps = []
    for i, (first, group_a, in_a) in enumerate(placed):
        partners = sorted(j for group_b in in_a for j in by_group.get(group_b, ()) if j > i)
        for second, _, in_b in (placed[j] for j in partners):
            if group_a in in_b and first.values != second.values:  # second is from a group of in_a, never group_a
                swaps.append((first, second))
    return swaps
