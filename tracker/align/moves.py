"""The order-breaking part of alignment: moved paragraphs and non-adjacent merges the monotone pass left alone.

Paragraphs the dynamic program left without counterpart are paired with each other when they match strongly
(a moved paragraph), or joined to an existing link when that raises its gain (a split or merge around a move).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from tracker.align.score import MIN_PART, Scorer

Group = tuple[tuple[int, ...], tuple[int, ...]]

# A crossing link must be clearly better than leaving both paragraphs alone.
MOVE_GAIN = 0.05
ATTACH_GAIN = 0.03
# Parts of a split or merge sit near each other; far ones need more evidence.
ATTACH_DISTANCE = 0.02
MAX_SIDE = 3
# Only the links holding the paragraphs most similar to a stray one are tried.
ATTACH_TOP = 4
COMMON = 40
MAX_REFINE = 6
# Up to this many stray paragraphs on a side, each looks up its own features rather than a whole index.
FEW = 4


class _Candidates:
    """Which paragraphs of one side share a not-too-common feature with a paragraph of the other."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer

    def of(self, side: int, k: int, top: int = 12, *, few: bool = False) -> list[int]:
        """The `top` paragraphs of the other side sharing most (by weight) with paragraph k of `side` (0 = French).

        `few`: only a few paragraphs of this side will ask, so the other side's postings are built for this
        paragraph's features alone (the same lists), unless the whole index is already at hand."""
        para = (self.scorer.fr, self.scorer.en)[side][k]
        other = self.scorer.built_postings(1 - side)
        if other is None:
            other = self._postings_of(1 - side, para.feats) if few else self.scorer.postings(1 - side)
        weights = self.scorer.weights
        votes: dict[int, float] = defaultdict(float)
        for f in para.feats:
            hits = other.get(f)
            if hits and len(hits) <= COMMON:
                w = weights[f]
                for hit in hits:
                    votes[hit] += w
        return sorted(votes, key=votes.__getitem__, reverse=True)[:top]

    def _postings_of(self, side: int, feats: frozenset[int]) -> dict[int, list[int]]:
        """Scorer.postings(side) restricted to `feats`: one intersection a paragraph instead of a whole index."""
        built: dict[int, list[int]] = {}
        for k, para in enumerate((self.scorer.fr, self.scorer.en)[side]):
            for f in feats & para.feats:
                hits = built.get(f)
                if hits is None:
                    built[f] = [k]
                else:
                    hits.append(k)
        return built


def recover(scorer: Scorer, groups: list[Group]) -> list[Group]:
    """Groups with moved paragraphs paired and stray parts of splits and merges attached."""
    cands = _Candidates(scorer)
    links = [(list(fr), list(en)) for fr, en in _sandwiches(scorer, groups)]
    _pair_leftovers(scorer, cands, links)
    _attach_leftovers(scorer, cands, links)
    groups = [(tuple(sorted(fr)), tuple(sorted(en))) for fr, en in links if fr or en]
    return [part for group in groups for part in refine(scorer, group)]


def refine(scorer: Scorer, group: Group) -> list[Group]:
    """The best way to cut a link into smaller ones (crossing allowed); itself if nothing gains more."""
    fr, en = group
    if not fr or not en or len(fr) + len(en) < 3 or len(fr) + len(en) > MAX_REFINE:
        return [group]
    nodes = [(0, i) for i in fr] + [(1, j) for j in en]
    best_total, best = scorer.gain(fr, en), [group]
    for blocks in _partitions(nodes):
        if len(blocks) == 1:
            continue
        parts = [
            (tuple(sorted(k for side, k in block if side == 0)), tuple(sorted(k for side, k in block if side == 1)))
            for block in blocks
        ]
        if any(len(f) > 1 and not e or len(e) > 1 and not f for f, e in parts):
            continue
        total = sum(scorer.gain(f, e) for f, e in parts)
        if total > best_total:
            best_total, best = total, parts
    return best


def _partitions(items: list[tuple[int, int]]) -> Iterator[list[list[tuple[int, int]]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in _partitions(rest):
        for k in range(len(smaller)):
            yield [*smaller[:k], [first, *smaller[k]], *smaller[k + 1 :]]
        yield [[first], *smaller]


def _sandwiches(scorer: Scorer, groups: list[Group]) -> list[Group]:
    """A lone French and a lone English paragraph between two links stand for each other, unless their shape
    or length says otherwise: adaptations rarely drop one paragraph and add an unrelated one at the same place."""
    out = list(groups)
    k = 0
    while k + 3 < len(out):
        (afr, aen), x, y, (bfr, ben) = out[k : k + 4]
        lone = {len(x[0]) + 2 * len(x[1]), len(y[0]) + 2 * len(y[1])} == {1, 2} and not (x[0] and x[1])
        if lone and afr and aen and bfr and ben:
            i = (x[0] or y[0])[0]
            j = (x[1] or y[1])[0]
            between = max(afr) == i - 1 and min(bfr) == i + 1 and max(aen) == j - 1 and min(ben) == j + 1
            if between and scorer.compatible(i, j):
                out[k + 1 : k + 3] = [((i,), (j,))]
        k += 1
    return out


def _pair_leftovers(scorer: Scorer, cands: _Candidates, links: list[tuple[list[int], list[int]]]) -> None:
    lone_fr = {fr[0]: k for k, (fr, en) in enumerate(links) if not en}
    lone_en = {en[0]: k for k, (fr, en) in enumerate(links) if not fr}
    small = len(lone_fr) * len(lone_en) <= 10_000
    options = sorted(
        (
            (scorer.gain((i,), (j,)), i, j)
            for i in lone_fr
            for j in (lone_en if small else cands.of(0, i, 50))
            if j in lone_en and scorer.gain((i,), (j,)) > MOVE_GAIN
        ),
        reverse=True,
    )
    for _, i, j in options:
        if i in lone_fr and j in lone_en:
            fr_link, en_link = links[lone_fr.pop(i)], links[lone_en.pop(j)]
            fr_link[1].append(j)
            en_link[1].clear()


def _attach_leftovers(scorer: Scorer, cands: _Candidates, links: list[tuple[list[int], list[int]]]) -> None:
    owner: tuple[dict[int, int], dict[int, int]] = ({}, {})
    lone = [0, 0]  # one-sided links, per side
    for k, (fr, en) in enumerate(links):
        for i in fr:
            owner[0][i] = k
        for j in en:
            owner[1][j] = k
        if bool(fr) != bool(en):
            lone[0 if fr else 1] += 1
    options: list[tuple[float, int, int, int]] = []
    for k, (fr, en) in enumerate(links):
        if (fr and en) or not (fr or en):
            continue
        side, para = (0, fr[0]) if fr else (1, en[0])
        near = sorted(
            (
                (scorer.pair(*((para, other) if side == 0 else (other, para))), owner[1 - side][other])
                for other in cands.of(side, para, few=lone[side] <= FEW)
            ),
            reverse=True,
        )
        seen: set[int] = set()
        for sim, target in near:
            if sim <= MIN_PART or len(seen) >= ATTACH_TOP:
                break
            if target in seen:
                continue
            seen.add(target)
            tfr, ten = links[target]
            if not (tfr and ten) or len((tfr, ten)[side]) >= MAX_SIDE:
                continue
            distance = min(abs(para - k) for k in (tfr, ten)[side]) - 1
            if distance * ATTACH_DISTANCE > 1:
                continue
            delta = _with(scorer, tfr, ten, side, para) - scorer.gain(tuple(sorted(tfr)), tuple(sorted(ten)))
            delta -= ATTACH_DISTANCE * distance
            if delta > ATTACH_GAIN:
                options.append((delta, k, target, side))
    options.sort(reverse=True)
    touched: set[int] = set()
    for _, k, target, side in options:
        if k in touched or target in touched:
            continue
        para = links[k][side][0]
        links[target][side].append(para)
        links[k][side].clear()
        touched.update((k, target))


def _with(scorer: Scorer, fr: list[int], en: list[int], side: int, para: int) -> float:
    if side == 0:
        return scorer.gain(tuple(sorted((*fr, para))), tuple(sorted(en)))
    return scorer.gain(tuple(sorted(fr)), tuple(sorted((*en, para))))
