"""What an open row editor replaces, where that row stands in a newer view of the story, where its cursor
starts, and which row confirm-and-next goes to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.model import Link
from tracker.sentences import sentences
from tracker.view import Row, StoryView


@dataclass(frozen=True)
class EditTarget:
    """What the open editor replaces: English paragraphs `en` of `en_rev` (or new English for French `fr`)."""

    row: int
    fr_rev: int
    en_rev: int | None
    en: tuple[int, ...]
    fr: tuple[int, ...]
    original: str  # the row's English when the editor opened: saving it unchanged saves nothing
    suggested: bool = False  # a machine suggestion is saved even when not changed
    french: str = ""  # the row's French, for the editor to insert
    start: int | None = None  # where the editor's cursor starts (None: at the end)


def english_of(view: StoryView, row: int) -> str:
    return "\n\n".join(p.text for p in view.rows[row].en) if 0 <= row < len(view.rows) else ""


def row_of(view: StoryView, target: EditTarget) -> int:
    """The row of `view` that stands where the edited row stood: the one holding its first French (else English)
    paragraph; its old position when neither is found."""
    for i, row in enumerate(view.rows):
        if (target.fr and target.fr[0] in row.link.fr) or (not target.fr and target.en and target.en[0] in row.link.en):
            return i
    return max(0, min(target.row, len(view.rows) - 1))


def changed_sentence_start(row: Row) -> int | None:
    """Where the editor's cursor starts on a stale row: the start of the English sentence aligned with the first
    French sentence that changed since the English was written (a character index into the row's English, its
    paragraphs joined by blank lines); 0 when no English sentence is linked to it; None when the row is not stale
    (the cursor then starts at the end)."""
    from tracker.align.sentences import link_sentences

    stale = next((f for f in row.flags if f.kind == "stale" and not f.acknowledged), None)
    if stale is None or not row.en:
        return None
    # the French the English was written from, read back from the word diffs (`=` and `-` pieces)
    base = [
        "".join(text for op, text in change.words if op != "+") for change in stale.changes if change.old and change.new
    ]
    if not base:
        return 0
    english = [p.text for p in row.en]
    found = link_sentences(base, english, Link(tuple(range(len(base))), tuple(range(len(english)))))
    now = {" ".join(s.split()) for p in row.fr for s in sentences(p.text)}
    first = next(
        (k for k, s in enumerate(found.fr) if " ".join(base[s.paragraph][s.start : s.end].split()) not in now), None
    )
    linked = sorted(j for sl in found.links if first is not None and first in sl.fr for j in sl.en)
    if not linked:
        return 0
    sentence = found.en[linked[0]]
    return sum(len(text) + 2 for text in english[: sentence.paragraph]) + sentence.start


def next_needing_action(view: StoryView, shown: Sequence[Row], target: EditTarget) -> int | None:
    """Confirm-and-next's row: the index in `shown` (the rows on screen, filtered) of the first row after the one
    just saved (`target`, found again in the new `view`) that needs action, wrapping around; None when no other
    row does."""
    rows = view.rows
    if not rows:
        return None
    at = row_of(view, target)
    # the saved row is skipped; if it was emptied away, the row now at its place comes next
    skip = 1 if _holds(rows[at], target) else 0
    position = {r.link: n for n, r in enumerate(shown)}
    for k in range(len(rows) - skip):
        row = rows[(at + skip + k) % len(rows)]
        if row.needs_action and row.link in position:
            return position[row.link]
    return None


def _holds(row: Row, target: EditTarget) -> bool:
    """Whether `row` is the edited row (it holds the edited French, else the edited English)."""
    return bool(target.fr and target.fr[0] in row.link.fr) or bool(
        not target.fr and target.en and target.en[0] in row.link.en
    )
