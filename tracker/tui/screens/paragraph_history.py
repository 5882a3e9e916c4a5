"""A row's English through the revisions: each version that changed it, with its word diff from the one before."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tracker.diff.words import word_diff
from tracker.model import Change, Revision
from tracker.tui.messages import EnglishVersion


def english_versions(
    revisions: Sequence[Revision],
    diff: Callable[[int, int], tuple[Change, ...]],
    en_rev: int,
    indices: tuple[int, ...],
) -> list[EnglishVersion]:
    """The versions of English paragraphs `indices` of revision `en_rev`, newest first: followed back through
    `diff(a, b)` (how English revision a became b), keeping only the revisions that changed their text."""
    by_number = {r.number: r for r in revisions if r.lang == "en"}
    out: list[EnglishVersion] = []
    current = tuple(indices)
    number = en_rev
    while current and number in by_number:
        revision = by_number[number]
        text = _joined(revision, current)
        earlier = by_number.get(number - 1)
        if earlier is None:  # nothing before it: this is where the English began
            out.append(EnglishVersion(number, text, "first version", (), revision.author, revision.based_on))
            break
        before = tuple(sorted({i for c in diff(number - 1, number) if set(c.new) & set(current) for i in c.old}))
        if not before:
            out.append(EnglishVersion(number, text, "added", (), revision.author, revision.based_on))
            break
        previous = _joined(earlier, before)
        if previous != text:
            words = word_diff(previous, text)
            out.append(EnglishVersion(number, text, "edited", words, revision.author, revision.based_on))
        current, number = before, number - 1
    return out


def _joined(revision: Revision, indices: tuple[int, ...]) -> str:
    return "\n\n".join(revision.paragraphs[i].text for i in indices if 0 <= i < len(revision.paragraphs))
