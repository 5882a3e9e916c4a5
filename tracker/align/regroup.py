"""Paragraph links regrouped where their sentences say so: a loose translation redistributes sentences across
paragraph boundaries (three French paragraphs become three English ones cut elsewhere), and then the right link
is one block of all of them, which only the sentences can show.

Two neighbouring links are joined when the best order-keeping path through their sentences gains clearly more
by crossing the boundary between them than by respecting it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.align.features import Vocabulary, fallback_bag, word_features
from tracker.align.score import Scorer
from tracker.sentences import sentences

Group = tuple[tuple[int, ...], tuple[int, ...]]

# What crossing a boundary must gain over respecting it, in the scorer's gain units (a 1-1 link scoring 0.5
# gains 0.42): one sentence clearly standing for one across the boundary.
CROSSING_GAIN = 0.05
# The sentences on each side of a boundary that a crossing must involve, and the plain overlap (Dice of their
# features) that marks one as worth a look: a cheap test before the sentence path is weighed.
EDGE = 2
HINT = 0.15
# Blocks grow no larger than this many paragraphs a side: past it, a paragraph pass is the better judge.
MAX_BLOCK = 4
# Beyond this many sentences a side the two links are too long for their boundary to be redrawn.
MAX_SENTENCES = 24


def regroup(fr: Sequence[str], en: Sequence[str], groups: Sequence[Group]) -> list[Group]:
    """The groups, with neighbouring links joined where sentences cross the boundary between them."""
    cut = _Sentences(fr), _Sentences(en)
    out: list[Group] = []
    current: Group | None = None
    for group in in_reading_order(groups):
        if current is not None and _neighbours(current, group):
            a = cut[0].of(current[0]), cut[1].of(current[1])
            b = cut[0].of(group[0]), cut[1].of(group[1])
            if _crossed(a, b):
                current = (current[0] + group[0], current[1] + group[1])
                continue
        if current is not None:
            out.append(current)
        current = group
    if current is not None:
        out.append(current)
    return out


Sentence = tuple[str, set[str]]


class _Sentences:
    """The sentences of one side's paragraphs with their features, cut once."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._cut: dict[int, list[Sentence]] = {}

    def of(self, paragraphs: tuple[int, ...]) -> list[Sentence]:
        out: list[Sentence] = []
        for k in paragraphs:
            found = self._cut.get(k)
            if found is None:
                parts = sentences(self.texts[k]) or (self.texts[k],)
                found = self._cut[k] = [(s, word_features(s) or fallback_bag(s)) for s in parts]
            out.extend(found)
        return out


def in_reading_order(groups: Sequence[Group]) -> list[Group]:
    """French order; a group with no French comes right after the group holding the English paragraph before it."""
    ordered = sorted((g for g in groups if g[0]), key=lambda g: (min(g[0]), g[1]))
    holder = {j: k for k, g in enumerate(ordered) for j in g[1]}
    after: dict[int, list[Group]] = {}
    for group in sorted((g for g in groups if not g[0]), key=lambda g: g[1]):
        k = holder.get(min(group[1]) - 1, -1)
        after.setdefault(k, []).append(group)
        holder.update(dict.fromkeys(group[1], k))
    result = list(after.get(-1, []))
    for k, group in enumerate(ordered):
        result.append(group)
        result.extend(after.get(k, []))
    return result


def _neighbours(a: Group, b: Group) -> bool:
    """`b` follows `a` directly on each side both have, the two make a link, and not too large a block."""
    for x, y in zip(a, b, strict=True):
        if x and y and max(x) + 1 != min(y):
            return False
    shared = any(x and y for x, y in zip(a, b, strict=True))
    size_ok = len(a[0]) + len(b[0]) <= MAX_BLOCK and len(a[1]) + len(b[1]) <= MAX_BLOCK
    return shared and size_ok and bool(a[0] or b[0]) and bool(a[1] or b[1])


def _crossed(a: tuple[list[Sentence], list[Sentence]], b: tuple[list[Sentence], list[Sentence]]) -> bool:
    """Whether the sentences of two links align clearly better across the boundary between them than within."""
    (fa, ea), (fb, eb) = a, b
    if len(fa) + len(fb) <= 2 and len(ea) + len(eb) <= 2:
        return False  # one sentence a paragraph: the paragraph pass already saw everything
    if max(len(fa) + len(fb), len(ea) + len(eb)) > MAX_SENTENCES:
        return False
    # Only sentences near the boundary sharing enough with sentences across it can be linked across it.
    if not (_hint(fa[-EDGE:], eb[:EDGE]) or _hint(fb[:EDGE], ea[-EDGE:])):
        return False
    vocab = Vocabulary([bag for _, bag in (*fa, *fb, *ea, *eb)])
    fr_paras = [vocab.para(text, bag) for text, bag in (*fa, *fb)]
    en_paras = [vocab.para(text, bag) for text, bag in (*ea, *eb)]
    whole = Scorer(fr_paras, en_paras, vocab.weights)
    table = _best(whole)
    part = Scorer(fr_paras[len(fa) :], en_paras[len(ea) :], vocab.weights)
    part.ratio = whole.ratio
    within = table[len(fa)][len(ea)] + _best(part)[-1][-1]
    return table[-1][-1] - within > CROSSING_GAIN


def _hint(left: list[Sentence], right: list[Sentence]) -> bool:
    """Whether a sentence of one side shares a fair part of its words with one of the other (plain Dice)."""
    return any(2 * len(a & b) >= HINT * (len(a) + len(b)) for _, a in left for _, b in right)


# The steps of the sentence path: (French sentences, English sentences) one step covers.
_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))


def _best(scorer: Scorer) -> list[list[float]]:
    """What the best order-keeping path gains from the start to each cell of the sentence grid."""
    n, m = len(scorer.fr), len(scorer.en)
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        row = table[i]
        for j in range(m + 1):
            if i == j == 0:
                continue
            top = float("-inf")
            for a, b in _STEPS:
                if a <= i and b <= j:
                    gain = scorer.gain(tuple(range(i - a, i)), tuple(range(j - b, j))) if a and b else 0.0
                    top = max(top, table[i - a][j - b] + gain)
            row[j] = top
    return table
