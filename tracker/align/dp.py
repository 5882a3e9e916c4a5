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
    merges = _Merges(scorer, bands)
    # The first row: the origin, then English paragraphs alone (lo is 0 on it).
    width = bands[0][1] - bands[0][0] + 1
    best: list[list[float]] = [[0.0] * width]
    back: list[list[int]] = [[0] + [2] * (width - 1)]
    merges.best = best
    for i in range(1, n + 1):
        lo, hi = bands[i]
        up_lo, up_hi = bands[i - 1]
        up = best[i - 1]
        # A cell's value is the first best of its moves in MOVES' order: French i-1 alone (from above), English
        # j-1 alone (from the left), then the diagonal and the merges. The first and the last two do not depend
        # on the row itself, so they are weighed for the whole row first; the scan then brings in the left.
        width = hi - lo + 1
        above = [NEG] * width
        a, b = max(lo, up_lo), min(hi, up_hi)
        if a <= b:
            above[a - lo : b - lo + 1] = up[a - up_lo : b - up_lo + 1]
        diag = [NEG] * width
        diag_moves = [0] * width
        # Columns whose diagonal step (French i-1 with English j-1) stays in the band, scored in one pass.
        d_lo, d_hi = max(lo, 1, up_lo + 1), min(hi, up_hi + 1)
        if d_lo <= d_hi:
            last_row = scorer.row(i - 1, d_lo - 1, d_hi)
            diag[d_lo - lo : d_hi - lo + 1] = [
                u + last - THRESHOLD for u, last in zip(up[d_lo - 1 - up_lo : d_hi - up_lo], last_row, strict=True)
            ]
            for k, last in enumerate(last_row):
                if last > MERGE_PART:
                    j = d_lo + k
                    diag[j - lo], diag_moves[j - lo] = merges.at(i, j, diag[j - lo], 0)
        row: list[float] = []
        moves: list[int] = []
        keep, keep_move = row.append, moves.append
        left = NEG
        # An unreachable cell (all its moves -inf) keeps move 1; the path never passes through one.
        for value, total, total_move in zip(above, diag, diag_moves, strict=True):
            move = 1
            if left > value:
                value, move = left, 2
            if total > value:
                value, move = total, total_move
            keep(value)
            keep_move(move)
            left = value
        best.append(row)
        back.append(moves)
    return _trace(back, bands, n, m)


class _Merges:
    """The merge moves of the dynamic program."""

    def __init__(self, scorer: Scorer, bands: Sequence[tuple[int, int]]) -> None:
        self.gain = scorer.run_gain
        self.pair = scorer.pair
        self.bands = bands
        self.best: list[list[float]] = []

    def at(self, i: int, j: int, top: float, move: int) -> tuple[float, int]:
        """The best of `top` and the merge moves ending at cell (i, j), tried in MOVES' order (the first best wins).

        A move is tried only when each paragraph of its merge shares something with the other side's paragraph
        ending at the cell; French i-1 and English j-1 do (the caller checks)."""
        pair, gain = self.pair, self.gain
        up = i >= 2 and pair(i - 2, j - 1) > MERGE_PART  # French i-2 with English j-1
        up2 = up and i >= 3 and pair(i - 3, j - 1) > MERGE_PART
        left = j >= 2 and pair(i - 1, j - 2) > MERGE_PART  # French i-1 with English j-2
        left2 = left and j >= 3 and pair(i - 1, j - 3) > MERGE_PART
        for k, wanted in ((3, up), (4, left), (5, up and left), (6, up2), (7, left2)):
            if not wanted:
                continue
            a, b = MOVES[k]
            pi, pj = i - a, j - b
            plo, phi = self.bands[pi]
            if pj < plo or pj > phi:
                continue
            prev = self.best[pi][pj - plo]
            if prev == NEG:
                continue
            total = prev + gain(pi, a, pj, b)
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
