"""Paragraph lineage between two revisions of one language: which paragraph became which, and how.

Identical paragraphs are matched first by text (in order: unchanged; out of order: moved); the rest are
paired inside the gaps between those anchors by a small alignment over word overlap (edited, split, merged);
what is left is paired across gaps when close enough (moved and edited), else added or removed.
Word diffs and the substantive/cosmetic verdict are computed only for paragraphs that changed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from tracker.diff.classify import classify
from tracker.diff.gap import Pairing, align_gap, pair_leftovers
from tracker.diff.lexicon import is_signature
from tracker.diff.words import is_rewrite, word_diff
from tracker.model import Change, ChangeKind

__all__ = ["diff", "word_diff", "changed", "classify"]


def _anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of identical paragraphs kept in order: the longest run of text that did not move.

    Patience diff: paragraphs found exactly once on each side are anchored by a longest increasing
    subsequence (n log n), and the stretches between them (small, holding the duplicates) by difflib.
    """
    ids: dict[str, int] = {}
    a = [ids.setdefault(t, len(ids)) for t in old]
    b = [ids.setdefault(t, len(ids)) for t in new]
    count_a = Counter(a)
    count_b = Counter(b)
    where_b = {x: j for j, x in enumerate(b) if count_b[x] == 1}
    unique = [(i, where_b[x]) for i, x in enumerate(a) if count_a[x] == 1 and x in where_b]
    pairs: list[tuple[int, int]] = []
    bounds = [(-1, -1), *_increasing(unique), (len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        if i1 - i0 > 1 and j1 - j0 > 1:
            matcher = SequenceMatcher(None, a[i0 + 1 : i1], b[j0 + 1 : j1], autojunk=False)
            pairs += [
                (i0 + 1 + m.a + k, j0 + 1 + m.b + k) for m in matcher.get_matching_blocks() for k in range(m.size)
            ]
        if i1 < len(a):
            pairs.append((i1, j1))
    return pairs


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (i, j) pairs, sorted by i, whose j increase too."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        previous[n] = tail_at[k - 1] if k else -1
    out: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = previous[n]
    return out[::-1]


def _moved_exact(old: Sequence[str], new: Sequence[str], free_old: list[int], free_new: list[int]) -> list[Pairing]:
    """Identical paragraphs out of order: first unmatched old copy to first unmatched new copy."""
    waiting: dict[str, list[int]] = {}
    for i in free_old:
        waiting.setdefault(old[i], []).append(i)
    pairs: list[Pairing] = []
    for j in free_new:
        queue = waiting.get(new[j])
        if queue:
            pairs.append(((queue.pop(0),), (j,)))
    return pairs


def _lineage(old: Sequence[str], new: Sequence[str]) -> tuple[list[Pairing], list[Pairing], list[Pairing]]:
    """(unchanged, moved unchanged, other pairings) of paragraph indices."""
    anchors = _anchors(old, new)
    used_old = {i for i, _ in anchors}
    used_new = {j for _, j in anchors}
    moved = _moved_exact(
        old, new, [i for i in range(len(old)) if i not in used_old], [j for j in range(len(new)) if j not in used_new]
    )
    for o, n in moved:
        used_old.update(o)
        used_new.update(n)
    pairs: list[Pairing] = []
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        gap_old = [i for i in range(i0 + 1, i1) if i not in used_old]
        gap_new = [j for j in range(j0 + 1, j1) if j not in used_new]
        if gap_old and gap_new:
            pairs.extend(align_gap(old, new, gap_old, gap_new))
    for o, n in pairs:
        used_old.update(o)
        used_new.update(n)
    left_old = [i for i in range(len(old)) if i not in used_old]
    left_new = [j for j in range(len(new)) if j not in used_new]
    pairs.extend(pair_leftovers(old, new, left_old, left_new))
    unchanged: list[Pairing] = [((i,), (j,)) for i, j in anchors]
    return unchanged, moved, pairs


def _is_out_of_order(pair: Pairing, anchor_old: list[int], anchor_new: list[int]) -> bool:
    """A pairing is out of order when its old and new paragraphs lie in different gaps between anchors."""
    return bisect_left(anchor_old, pair[0][0]) != bisect_left(anchor_new, pair[1][0])


def changed(old: Sequence[str], new: Sequence[str], pair: Pairing, kind: ChangeKind) -> Change:
    """The Change for one pairing that is not identical text, with its words and verdict."""
    old_text = " ".join(old[i] for i in pair[0])
    new_text = " ".join(new[j] for j in pair[1])
    substantive, reasons = classify(old_text, new_text)
    if is_rewrite(old_text, new_text):
        reasons = (*reasons, "rewritten")
    return Change(pair[0], pair[1], kind, substantive, reasons, word_diff(old_text, new_text))


def _one_sided(old: Sequence[str], new: Sequence[str], i: int | None, j: int | None) -> Change:
    text = old[i] if i is not None else new[j] if j is not None else ""
    cosmetic = is_signature(text) or not text.strip()
    if i is not None:
        reason = "signature removed" if is_signature(text) else "paragraph removed"
        return Change((i,), (), "removed", not cosmetic, (reason,), (("-", text),))
    reason = "signature added" if is_signature(text) else "paragraph added"
    return Change((), (j,) if j is not None else (), "added", not cosmetic, (reason,), (("+", text),))


def diff(old: Sequence[str], new: Sequence[str]) -> tuple[Change, ...]:
    """How revision `old` became `new`, paragraph by paragraph: every paragraph of both sides appears in
    exactly one Change (unchanged ones included), in the order of the new revision (removed ones where they were).
    """
    unchanged, moved, pairs = _lineage(old, new)
    anchor_old = [o[0] for o, _ in unchanged]
    anchor_new = [n[0] for _, n in unchanged]
    changes = [Change(o, n, "unchanged", words=(("=", old[o[0]]),)) for o, n in unchanged]
    changes += [Change(o, n, "moved", reasons=("moved",), words=(("=", old[o[0]]),)) for o, n in moved]
    for pair in pairs:
        if len(pair[0]) > 1:
            kind: ChangeKind = "merged"
        elif len(pair[1]) > 1:
            kind = "split"
        elif _is_out_of_order(pair, anchor_old, anchor_new):
            kind = "moved"
        else:
            kind = "edited"
        change = changed(old, new, pair, kind)
        if kind == "moved":
            change = Change(change.old, change.new, kind, change.substantive, ("moved", *change.reasons), change.words)
        elif kind in ("split", "merged"):
            reason = "paragraph split" if kind == "split" else "paragraphs merged"
            change = Change(change.old, change.new, kind, change.substantive, (*change.reasons, reason), change.words)
        changes.append(change)
    seen_old = {i for c in changes for i in c.old}
    seen_new = {j for c in changes for j in c.new}
    changes += [_one_sided(old, new, i, None) for i in range(len(old)) if i not in seen_old]
    changes += [_one_sided(old, new, None, j) for j in range(len(new)) if j not in seen_new]
    return _ordered(changes, len(old))


def _ordered(changes: list[Change], n_old: int) -> tuple[Change, ...]:
    """New-revision order; a removed paragraph comes right after what followed its predecessor."""
    position: dict[int, float] = {}
    for c in changes:
        if c.new:
            for i in c.old:
                position[i] = min(c.new)
    last = -1.0
    for i in range(n_old):
        if i in position:
            last = position[i]
        else:
            position[i] = last + 0.5
    return tuple(sorted(changes, key=lambda c: (min(c.new) if c.new else position[min(c.old)], min(c.old, default=-1))))
