"""Paragraph links regrouped where their sentences say so: a loose translation redistributes sentences across
paragraph boundaries (three French paragraphs become three English ones cut elsewhere), and then the right link
is one block of all of them, which only the sentences can show.

Two neighbouring links are joined when the best order-keeping path through their sentences gains clearly more
by crossing the boundary between them than by respecting it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.align.features import Vocabulary, fallback_bag, word_features
from tracker.align.score import MIN_PART, Scorer
from tracker.sentences import sentence_spans, sentences

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
MAX_SENTENCES = 40


def regroup(scorer: Scorer, fr: Sequence[str], en: Sequence[str], groups: Sequence[Group]) -> list[Group]:
    """The groups, with neighbouring links joined where sentences cross the boundary between them (`scorer`
    rates the paragraphs: a boundary no sentence crosses leaves the paragraphs across it unrelated)."""
    cut = _Sentences(fr), _Sentences(en)
    out: list[Group] = []
    current: Group | None = None
    for group in in_reading_order(groups):
        if (
            current is not None
            and _neighbours(current, group)
            and _related_across(scorer, current, group)
            and _worth_a_look(cut, current, group)
        ):
            a = cut[0].of(current[0]), cut[1].of(current[1])
            b = cut[0].of(group[0]), cut[1].of(group[1])
            if _crossed(cut, a, b):
                current = (current[0] + group[0], current[1] + group[1])
                continue
        if current is not None:
            out.append(current)
        current = group
    if current is not None:
        out.append(current)
    return out


def _related_across(scorer: Scorer, a: Group, b: Group) -> bool:
    """A paragraph next to the boundary shares something with the one facing it across the boundary (as much as
    a part of a merge must): else no sentence crosses it."""
    pairs = []
    if a[0] and b[1]:
        pairs.append((max(a[0]), min(b[1])))
    if b[0] and a[1]:
        pairs.append((min(b[0]), max(a[1])))
    return any(scorer.pair(i, j) > MIN_PART for i, j in pairs)


def _worth_a_look(cut: tuple[_Sentences, _Sentences], a: Group, b: Group) -> bool:
    """Two links hold more sentences than paragraphs on some side, and not so many that redrawing is moot."""
    fr = sum(cut[0].count(k) for k in (*a[0], *b[0]))
    en = sum(cut[1].count(k) for k in (*a[1], *b[1]))
    if fr <= len(a[0]) + len(b[0]) and en <= len(a[1]) + len(b[1]):
        return False  # one sentence a paragraph: the paragraph pass already saw everything
    return max(fr, en) <= MAX_SENTENCES


class _Sentences:
    """The sentences of one side's paragraphs, cut once; each featurised when first needed."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self._bags: dict[str, set[str]] = {}

    def count(self, k: int) -> int:
        return max(1, len(sentence_spans(self.texts[k])))

    def of(self, paragraphs: tuple[int, ...]) -> list[str]:
        return [s for k in paragraphs for s in (sentences(self.texts[k]) or (self.texts[k],))]

    def bag(self, sentence: str) -> set[str]:
        found = self._bags.get(sentence)
        if found is None:
            found = self._bags[sentence] = word_features(sentence) or fallback_bag(sentence)
        return found


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


def _crossed(
    cut: tuple[_Sentences, _Sentences], a: tuple[list[str], list[str]], b: tuple[list[str], list[str]]
) -> bool:
    """Whether the sentences of two links align clearly better across the boundary between them than within."""
    (fa, ea), (fb, eb) = a, b
    fr_bag, en_bag = cut[0].bag, cut[1].bag
    # Only sentences near the boundary sharing enough with sentences across it can be linked across it.
    near = _hint(map(fr_bag, fa[-EDGE:]), map(en_bag, eb[:EDGE])) or _hint(
        map(fr_bag, fb[:EDGE]), map(en_bag, ea[-EDGE:])
    )
    if not near:
        return False
    fr_bags = [fr_bag(s) for s in (*fa, *fb)]
    en_bags = [en_bag(s) for s in (*ea, *eb)]
    vocab = Vocabulary([*fr_bags, *en_bags])
    fr_paras = [vocab.para(text, bag) for text, bag in zip((*fa, *fb), fr_bags, strict=True)]
    en_paras = [vocab.para(text, bag) for text, bag in zip((*ea, *eb), en_bags, strict=True)]
    whole = Scorer(fr_paras, en_paras, vocab.weights)
    gains: dict[int, float] = {}
    table = _best(whole, gains)
    # The second link's own path runs over the lower-right part of the same grid: the same steps, same gains.
    within = table[len(fa)][len(ea)] + _best(whole, gains, len(fa), len(ea))[-1][-1]
    return table[-1][-1] - within > CROSSING_GAIN


def _hint(left: Iterable[set[str]], right: Iterable[set[str]]) -> bool:
    """Whether a sentence of one side shares a fair part of its words with one of the other (plain Dice)."""
    others = list(right)
    return any(2 * len(a & b) >= HINT * (len(a) + len(b)) for a in left for b in others)


# The steps of the sentence path: (French sentences, English sentences) one step covers.
_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))


def _best(scorer: Scorer, gains: dict[int, float], i0: int = 0, j0: int = 0) -> list[list[float]]:
    """What the best order-keeping path gains from cell (i0, j0) to each cell of the sentence grid past it;
    `gains` holds each step's gain by end cell and step, shared by the paths over one grid."""
    n, m = len(scorer.fr) - i0, len(scorer.en) - j0
    run_gain = scorer.run_gain
    width = len(scorer.en) + 1
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        row = table[i]
        x = i0 + i
        for j in range(m + 1):
            if i == j == 0:
                continue
            top = float("-inf")
            cell = (x * width + j0 + j) * len(_STEPS)
            for step, (a, b) in enumerate(_STEPS):
                if a <= i and b <= j:
                    total = table[i - a][j - b]
                    if a and b:  # a step alone (no counterpart) gains nothing
                        found = gains.get(cell + step)
                        if found is None:
                            found = gains[cell + step] = run_gain(x - a, a, j0 + j - b, b)
                        total += found
                    if total > top:
                        top = total
            row[j] = top
    return table
