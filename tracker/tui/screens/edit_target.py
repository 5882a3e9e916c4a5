"""What an open row editor replaces, where that row stands in a newer view of the story, where its cursor
starts, and which row confirm-and-next goes to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    """Where the editor's cursor starts on a stale row: the start of the first English sentence that carries a
    French sentence changed since the English was written (the sentence links the details panel names, through
    `tracker.align.carriers`), as a character index into the row's English joined by blank lines; 0 when no
    sentence can be singled out; None when the row is not stale (the cursor then starts at the end)."""
    from tracker.align.carriers import flag_carriers  # the sentence aligner: only when a stale row is edited

    stale = next((f for f in row.flags if f.kind in ("correction", "stale") and not f.acknowledged), None)
    if stale is None or not row.en:
        return None
    flagged = [n for n, p in enumerate(row.en) if p.index in stale.en]
    found = flag_carriers(stale, [row.en[n].text for n in flagged])
    if found is None or not found.sentences:
        return 0
    first = found.sentences[0]
    at = flagged[first.paragraph]  # the paragraph's place among the row's English
    return sum(len(p.text) + 2 for p in row.en[:at]) + first.start


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
