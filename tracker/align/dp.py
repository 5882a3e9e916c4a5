"""The monotone part of alignment: a dynamic program over a band of the (French, English) grid.

Short documents use the whole grid; long ones a band around a chain of confident anchor pairs, so time and
memory grow linearly with length.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from tracker.align.score import THRESHOLD, Scorer

Group = tuple[tuple[int, ...], tuple[int, ...]]

# (French paragraphs, English paragraphs) one step of the path covers; 1-1 first so it wins ties.
MOVES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
# A merge move is tried only when each of its paragraphs shares something with the other side on its own.
MERGE_PART = 0.05
FULL_GRID = 80
BAND = 30
BAND_MIN = 4
ANCHOR_MIN = 0.3
RARE = 4

NEG = float("-inf")


def monotone(scorer: Scorer, n: int, m: int) -> list[Group]:
    """Best order-keeping alignment of n French and m English paragraphs, as (fr, en) groups in order."""
    bands = _full(n, m) if n <= FULL_GRID and m <= FULL_GRID else _anchored(scorer, n, m)
    pair = scorer.pair
    best: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        lo, hi = bands[i]
        row = [NEG] * (hi - lo + 1)
        moves = [0] * (hi - lo + 1)
        best.append(row)
        back.append(moves)
        up_lo, up_hi = bands[i - 1] if i else (1, 0)
        up = best[i - 1] if i else row
        for j in range(lo, hi + 1):
            top, top_move = (0.0, 0) if i == 0 and j == 0 else (NEG, 0)
            if up_lo <= j <= up_hi and up[j - up_lo] > top:  # French paragraph i-1 alone
                top, top_move = up[j - up_lo], 1
            if j > lo and row[j - 1 - lo] > top:  # English paragraph j-1 alone
                top, top_move = row[j - 1 - lo], 2
            if i and j and up_lo <= j - 1 <= up_hi:
                last = pair(i - 1, j - 1)
                total = up[j - 1 - up_lo] + last - THRESHOLD
                if total > top:
                    top, top_move = total, 0
                if last > MERGE_PART:
                    top, top_move = _merges(scorer, best, bands, i, j, top, top_move)
            row[j - lo] = top
            moves[j - lo] = top_move
    return _trace(back, bands, n, m)


def _merges(
    scorer: Scorer, best: list[list[float]], bands: Sequence[tuple[int, int]], i: int, j: int, top: float, move: int
) -> tuple[float, int]:
    """The best of `top` and the merge moves ending at cell (i, j)."""
    pair = scorer.pair
    for k in range(3, len(MOVES)):
        a, b = MOVES[k]
        pi, pj = i - a, j - b
        if pi < 0 or pj < 0:
            continue
        plo, phi = bands[pi]
        if pj < plo or pj > phi:
            continue
        prev = best[pi][pj - plo]
        if prev == NEG:
            continue
        if a > 1 and any(pair(x, j - 1) <= MERGE_PART for x in range(pi, i - 1)):
            continue
        if b > 1 and any(pair(i - 1, y) <= MERGE_PART for y in range(pj, j - 1)):
            continue
        total = prev + scorer.gain(tuple(range(pi, i)), tuple(range(pj, j)))
        if total > top:
            top, move = total, k
    return top, move


def _trace(back: list[list[int]], bands: Sequence[tuple[int, int]], n: int, m: int) -> list[Group]:
    groups: list[Group] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = MOVES[back[i][j - bands[i][0]]]
        groups.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    groups.reverse()
    return groups


def _full(n: int, m: int) -> list[tuple[int, int]]:
    return [(0, m)] * (n + 1)


def _anchored(scorer: Scorer, n: int, m: int) -> list[tuple[int, int]]:
    """Rows' English ranges: a band around the line through mutually best pairs on rare features."""
    points = [(0.0, 0.0), *((i + 0.5, j + 0.5) for i, j in _anchors(scorer, n, m)), (float(n), float(m))]
    xs = [p[0] for p in points]
    bands: list[tuple[int, int]] = []
    for i in range(n + 1):
        k = min(max(bisect_left(xs, i), 1), len(points) - 1)
        (x0, y0), (x1, y1) = points[k - 1], points[k]
        centre = y0 + (y1 - y0) * (i - x0) / (x1 - x0) if x1 > x0 else y1
        # Between anchors the path strays from the straight line by at most the gap's imbalance.
        width = min(BAND, BAND_MIN + int(abs((y1 - y0) - (x1 - x0))))
        bands.append((max(0, int(centre) - width), min(m, int(centre) + width + 1)))
    fixed = [(0, bands[0][1])]
    for i in range(1, n + 1):
        lo, hi = bands[i]
        plo, phi = fixed[-1]
        lo = min(max(lo, plo), phi)
        fixed.append((lo, max(hi, lo)))
    fixed[n] = (fixed[n][0], m)
    return fixed


def _anchors(scorer: Scorer, n: int, m: int) -> list[tuple[int, int]]:
    """Mutually best (French, English) pairs on rare features, kept in an order-preserving chain."""
    index = scorer.postings(1)
    best_for_en: dict[int, tuple[float, int]] = {}
    best_for_fr: dict[int, int] = {}
    for i, para in enumerate(scorer.fr):
        votes: dict[int, float] = defaultdict(float)
        for f in para.feats:
            hits = index.get(f)
            if hits and len(hits) <= RARE:
                for j in hits:
                    votes[j] += scorer.weights[f]
        if not votes:
            continue
        j = max(votes, key=votes.__getitem__)
        best_for_fr[i] = j
        if votes[j] > best_for_en.get(j, (0.0, -1))[0]:
            best_for_en[j] = (votes[j], i)
    pairs = [(i, j) for i, j in best_for_fr.items() if best_for_en[j][1] == i and scorer.pair(i, j) >= ANCHOR_MIN]
    return _increasing_chain(sorted(pairs))


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing on both sides (pairs sorted by French index)."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        parent[k] = tail_at[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    chain.reverse()
    return chain
