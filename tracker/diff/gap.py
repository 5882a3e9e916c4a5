"""Pair the paragraphs that changed: a monotone alignment inside each gap between identical paragraphs
(1-1 edits, 1-n splits, n-1 merges), then a stricter pairing across gaps for paragraphs that moved and changed.

A link of old words A with new words B is worth `2 * matched - THRESHOLD * (|A| + |B|)`: each word pair kept
earns, each word swept into a link costs, so a link is made only when most of its words carry over, and a split
beats an edit plus an added paragraph exactly when the second part really came from the old paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.diff.words import encode, matched, words

Pairing = tuple[tuple[int, ...], tuple[int, ...]]

THRESHOLD = 0.5
# A link below the threshold is still taken when one side is mostly contained in the other (a sentence added
# to a short paragraph), but worth next to nothing, so it never beats a proper link.
CONTAINED = 0.7
MOVED_MIN = 0.6
SHORT = 4
MAX_PARTS = 3
# Beyond this many cells a gap is aligned within a band around its diagonal, to stay fast on huge rewrites.
MAX_CELLS = 10_000

_NO = float("-inf")


def _worth_of(m: int, a: int, b: int) -> float:
    """Value of linking `a` old words with `b` new words of which `m` pair up (see the module docstring)."""
    if not a or not b:
        return _NO
    gain = 2 * m - THRESHOLD * (a + b)
    if gain > 0:
        return gain
    if m >= 4 and m >= CONTAINED * min(a, b):
        return 0.001 * m
    return _NO


class _Gap:
    """The words of a gap's paragraphs and their pairwise overlaps, computed once and only when asked."""

    def __init__(self, old: Sequence[str], new: Sequence[str], gap_old: list[int], gap_new: list[int]) -> None:
        encoded = encode([words(old[i]) for i in gap_old] + [words(new[j]) for j in gap_new])
        self.a = encoded[: len(gap_old)]
        self.b = encoded[len(gap_old) :]
        self._m: dict[tuple[int, int], int] = {}

    def pair(self, i: int, j: int) -> int:
        key = (i, j)
        if key not in self._m:
            self._m[key] = matched(self.a[i], self.b[j])
        return self._m[key]

    def worth(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Value of linking old paragraphs [i0, i1) with new [j0, j1); a part that does not mostly come
        from the other side rules a split or merge out before any joined comparison is made."""
        if i1 - i0 == 1 and j1 - j0 == 1:
            return _worth_of(self.pair(i0, j0), len(self.a[i0]), len(self.b[j0]))
        if i1 - i0 == 1:
            if any(2 * self.pair(i0, j) < len(self.b[j]) for j in range(j0, j1)):
                return _NO
        elif any(2 * self.pair(i, j0) < len(self.a[i]) for i in range(i0, i1)):
            return _NO
        a = "".join(self.a[i0:i1])
        b = "".join(self.b[j0:j1])
        return _worth_of(matched(a, b), len(a), len(b))


def align_gap(old: Sequence[str], new: Sequence[str], gap_old: list[int], gap_new: list[int]) -> list[Pairing]:
    """Best monotone set of links between the changed paragraphs of one gap (indices into `old` and `new`)."""
    n, m = len(gap_old), len(gap_new)
    gap = _Gap(old, new, gap_old, gap_new)
    if n == m == 1 and max(len(gap.a[0]), len(gap.b[0])) <= SHORT:
        # one short paragraph replaced in the same slot (a headline, a credit): too few words to compare,
        # the position is the evidence
        return [((gap_old[0],), (gap_new[0],))]
    width = max(n, m) if n * m <= MAX_CELLS else max(MAX_PARTS, MAX_CELLS // max(n, m)) + MAX_PARTS
    best = [[_NO] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    back: list[list[tuple[int, int, bool]]] = [[(0, 0, False)] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        centre = i * m / max(n, 1)
        for j in range(max(0, int(centre - width)), min(m, int(centre + width) + 1) + 1):
            if i == 0 and j == 0:
                continue
            cands = []
            if i and best[i - 1][j] > _NO:
                cands.append((best[i - 1][j], i - 1, j, False))
            if j and best[i][j - 1] > _NO:
                cands.append((best[i][j - 1], i, j - 1, False))
            for di, dj in _SHAPES:
                if di <= i and dj <= j and best[i - di][j - dj] > _NO:
                    w = gap.worth(i - di, i, j - dj, j)
                    if w > _NO:
                        cands.append((best[i - di][j - dj] + w, i - di, j - dj, True))
            if cands:
                score, pi, pj, link = max(cands, key=lambda c: c[0])
                best[i][j] = score
                back[i][j] = (pi, pj, link)
    pairs: list[Pairing] = []
    i, j = n, m
    while i or j:
        pi, pj, link = back[i][j]
        if link:
            pairs.append((tuple(gap_old[pi:i]), tuple(gap_new[pj:j])))
        i, j = pi, pj
    return pairs[::-1]


_SHAPES = ((1, 1), *((1, k) for k in range(2, MAX_PARTS + 1)), *((k, 1) for k in range(2, MAX_PARTS + 1)))


def pair_leftovers(old: Sequence[str], new: Sequence[str], left_old: list[int], left_new: list[int]) -> list[Pairing]:
    """Paragraphs that moved and changed: pair the closest leftovers, best first, when most words carry over."""
    if not left_old or not left_new:
        return []
    index: dict[str, set[int]] = {}
    for i in left_old:
        for w in set(words(old[i])):
            index.setdefault(w, set()).add(i)
    scored: list[tuple[float, int, int]] = []
    for j in left_new:
        b = words(new[j])
        shared: dict[int, int] = {}
        for w in set(b):
            candidates = index.get(w, ())
            if len(candidates) > 50:
                continue  # a function word: no evidence
            for i in candidates:
                shared[i] = shared.get(i, 0) + 1
        # Ties by position: `shared` fills in the order of a set of strings, which the hash seed decides.
        for i in sorted(shared, key=lambda k: (-shared[k], k))[:5]:
            a = words(old[i])
            m = matched(a, b)
            s = 2 * m / (len(a) + len(b))
            # close enough overall, or one wholly inside the other (a sentence added as it moved)
            if s >= MOVED_MIN or (m >= 8 and m >= 0.8 * min(len(a), len(b))):
                scored.append((s, i, j))
    pairs: list[Pairing] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append(((i,), (j,)))
    return pairs
