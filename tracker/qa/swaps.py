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
from collections.abc import Sequence

from tracker.align.sentences import link_sentences
from tracker.facts import Figure
from tracker.model import Link
from tracker.qa.match import figure_matched, time_values
from tracker.qa.pair import Pair
from tracker.sentences import sentence_spans

_DIGIT = re.compile(r"\d")


def _where(spans: Sequence[tuple[int, int]], position: int) -> int | None:
    return next((k for k, (a, b) in enumerate(spans) if a <= position < b), None)


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
    fr_at = [_where(fr_spans, f.start) for f in fr_claims]
    if len({k for k in fr_at if k is not None}) < 2:
        return []
    en_at = [_where(en_spans, g.start) for g in en_claims]
    extra = time_values(pair.en_dates)
    by_position = [tuple(g for g, j in zip(en_claims, en_at, strict=True) if j == k) for k in range(len(en_spans))]
    if all(k is None or k >= len(by_position) or figure_matched(f, by_position[k], extra)
           for f, k in zip(fr_claims, fr_at, strict=True)):  # fmt: skip
        return []  # every figure in the English sentence of its French sentence's rank: the usual, in order
    found = link_sentences([fr_text], [en_text], Link((0,), (0,)))
    group_of = {k: n for n, sentence_link in enumerate(found.links) for k in sentence_link.fr}
    english = [tuple(g for g, k in zip(en_claims, en_at, strict=True) if k in set(link.en)) for link in found.links]
    placed: list[tuple[Figure, int, frozenset[int]]] = []  # a figure away from its sentence, and where it is
    for figure, k in zip(fr_claims, fr_at, strict=True):
        group = group_of.get(k) if k is not None else None
        if group is None or not english[group] or figure_matched(figure, english[group], extra):
            continue
        elsewhere = frozenset(h for h, figs in enumerate(english) if h != group and figure_matched(figure, figs, extra))
        if elsewhere:
            placed.append((figure, group, elsewhere))
    swaps = []
    for i, (first, group_a, in_a) in enumerate(placed):
        for second, group_b, in_b in placed[i + 1 :]:
            if group_a != group_b and group_b in in_a and group_a in in_b and first.values != second.values:
                swaps.append((first, second))
    return swaps
