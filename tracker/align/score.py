"""How well groups of paragraphs stand for each other: weighted overlap of features, tempered by length and shape.

The gain of a link is what the dynamic program and the move pass maximise; a paragraph left alone gains nothing.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from tracker.align.features import Para

# A link pays off when its similarity beats THRESHOLD; every paragraph beyond a 1-1 costs MERGE_COST.
THRESHOLD = 0.08
MERGE_COST = 0.13
# A length ratio far from the document's lowers similarity.
RATIO_BOUND = 1.5
LENGTH_SLACK = 0.45
TITLE_MISMATCH = 0.6
MIN_PART = 0.02
SANDWICH_SKEW = 0.7
# Headlines, subheads and credit lines stand alone: they are never part of a merge or a split.
UNMERGEABLE = -1.0
# Longer runs than this are never merged (the keys of runs of paragraphs taken together rely on it).
_MAX_RUN = 4


class Scorer:
    """Similarity and gain of paragraph groups, cached; indices are positions in `fr` and `en`."""

    def __init__(self, fr: Sequence[Para], en: Sequence[Para], weights: Sequence[float]) -> None:
        self.fr = fr
        # The expected length ratio is the document's own, kept within bounds: it suits any tightness of
        # adaptation, and swapping the sides inverts it exactly (so the scores mirror too).
        observed = (sum(p.chars for p in en) + 1) / (sum(p.chars for p in fr) + 1)
        self.ratio = min(max(observed, 1 / RATIO_BOUND), RATIO_BOUND)
        self.en = en
        self.weights = weights
        self._weight = weights.__getitem__
        self._pairs: dict[tuple[int, int], float] = {}
        self._postings: list[dict[int, list[int]] | None] = [None, None]
        self._groups: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        # One side's group taken together, per side: the DP and the sentence pass pair each group with many
        # groups of the other side, so its union of features and their weight are built once.
        self._sides: tuple[dict[tuple[int, ...], _Side], dict[tuple[int, ...], _Side]] = ({}, {})
        self._runs: tuple[dict[int, _Side], dict[int, _Side]] = ({}, {})
        # Similarities scored a row at a time (the dynamic program's band): French paragraph i -> (first English
        # paragraph, the row's scores); pair() reads them before its own cache.
        self._rows: list[tuple[int, list[float]] | None] = [None] * len(fr)

    def postings(self, side: int) -> dict[int, list[int]]:
        """Feature id -> the paragraphs of `side` (0 = French) holding it, built once."""
        built = self._postings[side]
        if built is None:
            built = {}
            for k, para in enumerate((self.fr, self.en)[side]):
                for f in para.feats:
                    hits = built.get(f)
                    if hits is None:
                        built[f] = [k]
                    else:
                        hits.append(k)
            self._postings[side] = built
        return built

    def built_postings(self, side: int) -> dict[int, list[int]] | None:
        """postings(side) if already built, else None."""
        return self._postings[side]

    def pair(self, i: int, j: int) -> float:
        """Similarity of French paragraph i and English paragraph j."""
        row = self._rows[i]
        if row is not None and 0 <= j - row[0] < len(row[1]):
            return row[1][j - row[0]]
        key = (i, j)
        cached = self._pairs.get(key)
        if cached is None:
            a, b = self.fr[i], self.en[j]
            total = a.weight + b.weight
            cached = 2 * sum(map(self._weight, a.feats & b.feats)) / total if total > 0 else 0.0
            cached *= self._shape(a.chars, b.chars)
            if a.title != b.title:
                cached *= TITLE_MISMATCH
            self._pairs[key] = cached
        return cached

    def row(self, i: int, lo: int, hi: int) -> list[float]:
        """pair(i, j) for j from lo to hi - 1, scored in one pass (the same floats) and kept.

        The overlaps come from the English paragraphs holding each French feature, not from a set intersection
        per English paragraph: only the pairs sharing something are visited. The weights lie on a grid on which
        every sum is exact, so adding them feature by feature gives pair()'s floats exactly."""
        a = self.fr[i]
        weights, index = self.weights, self.postings(1)
        overlap: dict[int, float] = {}
        get = overlap.get
        whole = lo == 0 and hi == len(self.en)
        for f in a.feats:
            hits = index.get(f)
            if hits is None:
                continue
            if not whole:  # a band of the grid: only its part of the (ascending) list
                start = bisect_left(hits, lo)
                hits = hits[start : bisect_left(hits, hi, start)]
            w = weights[f]
            for j in hits:
                overlap[j] = get(j, 0.0) + w
        weight, title, en = a.weight, a.title, self.en
        # _shape() by hand: the French side of its ratio is the same float for the whole row.
        scale = (a.chars + 1) * self.ratio
        log, exp = math.log, math.exp
        out = [0.0] * (hi - lo)  # what pair() computes for no shared feature, whatever the shape
        for j, common in overlap.items():
            b = en[j]
            total = weight + b.weight
            sim = 2 * common / total if total > 0 else 0.0
            skew = abs(log((b.chars + 1) / scale))
            if skew > LENGTH_SLACK:
                sim *= exp(LENGTH_SLACK - skew)
            if title != b.title:
                sim *= TITLE_MISMATCH
            out[j - lo] = sim
        self._rows[i] = (lo, out)
        return out

    def group(self, fr: tuple[int, ...], en: tuple[int, ...]) -> float:
        """Similarity of French paragraphs `fr` taken together and English paragraphs `en` taken together."""
        if len(fr) == 1 and len(en) == 1:
            return self.pair(fr[0], en[0])
        key = (fr, en)
        cached = self._groups.get(key)
        if cached is None:
            cached = self._similarity(self._side(0, fr), self._side(1, en))
            self._groups[key] = cached
        return cached

    def gain(self, fr: tuple[int, ...], en: tuple[int, ...]) -> float:
        """What linking these groups adds to an alignment; 0 for a paragraph with no counterpart."""
        if not fr or not en:
            return 0.0
        size = len(fr) + len(en)
        if size == 2:
            sim = self.pair(fr[0], en[0])
        else:
            left, right = self._side(0, fr), self._side(1, en)
            if left.title or right.title or left.redundant or right.redundant:
                return UNMERGEABLE
            # group() by hand, with the sides already at hand.
            found = self._groups.get((fr, en))
            sim = self._groups[fr, en] = self._similarity(left, right) if found is None else found
        return (sim - THRESHOLD) * size / 2 - MERGE_COST * (size - 2)

    def run_gain(self, fr_first: int, fr_count: int, en_first: int, en_count: int) -> float:
        """gain() of runs of neighbouring paragraphs, one or more a side (the dynamic programs' steps, each tried
        once, so a merge's similarity is not kept); the runs taken together are built once."""
        size = fr_count + en_count
        if size == 2:
            return (self.pair(fr_first, en_first) - THRESHOLD) * size / 2 - MERGE_COST * (size - 2)
        left, right = self._run(0, fr_first, fr_count), self._run(1, en_first, en_count)
        if left.title or right.title or left.redundant or right.redundant:
            return UNMERGEABLE
        return (self._similarity(left, right) - THRESHOLD) * size / 2 - MERGE_COST * (size - 2)

    def _run(self, side: int, first: int, count: int) -> _Side:
        """_side() of paragraphs first .. first + count - 1 of `side`."""
        runs = self._runs[side]
        key = first * _MAX_RUN + count
        found = runs.get(key)
        if found is None:
            found = runs[key] = self._side(side, tuple(range(first, first + count)))
        return found

    def _side(self, side: int, group: tuple[int, ...]) -> _Side:
        """One side's group taken together, built once."""
        cache = self._sides[side]
        found = cache.get(group)
        if found is None:
            source = self.fr if side == 0 else self.en
            paras = [source[k] for k in group]
            sets = [p.feats for p in paras]
            feats = frozenset().union(*sets)
            found = cache[group] = _Side(
                feats,
                sum(map(self._weight, feats)),
                sum([p.chars for p in paras]),
                any(p.title for p in paras),
                # A group holding the same paragraph twice is no merge: duplicates add no evidence.
                len(group) > 1 and len(set(sets)) < len(group),
            )
        return found

    def compatible(self, i: int, j: int) -> bool:
        """Whether paragraphs could translate each other by shape alone: both titles or neither, similar lengths."""
        fr, en = self.fr[i], self.en[j]
        skew = abs(math.log((en.chars + 1) / ((fr.chars + 1) * self.ratio)))
        return fr.title == en.title and skew <= SANDWICH_SKEW

    def plausible(self, fr: tuple[int, ...], en: tuple[int, ...]) -> bool:
        """A merge is worth scoring only if each of its paragraphs shares something with the other side."""
        if len(fr) > 1:
            return all(max(self.pair(i, j) for j in en) > MIN_PART for i in fr)
        return all(max(self.pair(i, j) for i in fr) > MIN_PART for j in en)

    def _shape(self, fr_chars: int, en_chars: int) -> float:
        """1 for lengths in the usual ratio, falling off outside a slack (Gale-Church in spirit)."""
        skew = abs(math.log((en_chars + 1) / ((fr_chars + 1) * self.ratio)))
        return math.exp(LENGTH_SLACK - skew) if skew > LENGTH_SLACK else 1.0

    def _similarity(self, fr: _Side, en: _Side) -> float:
        total = fr.weight + en.weight
        if total <= 0:
            return 0.0
        sim = 2 * sum(map(self._weight, fr.feats & en.feats)) / total
        return sim * self._shape(fr.chars, en.chars)


class _Side(NamedTuple):
    """Paragraphs of one side taken together: their features, the features' weight, length and shape."""

    feats: frozenset[int]
    weight: float
    chars: int
    title: bool
    redundant: bool
