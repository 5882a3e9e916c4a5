"""What an open row editor replaces, and where that row stands in a newer view of the story."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.view import StoryView


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


def english_of(view: StoryView, row: int) -> str:
    return "\n\n".join(p.text for p in view.rows[row].en) if 0 <= row < len(view.rows) else ""


def row_of(view: StoryView, target: EditTarget) -> int:
    """The row of `view` that stands where the edited row stood: the one holding its first French (else English)
    paragraph; its old position when neither is found."""
    for i, row in enumerate(view.rows):
        if (target.fr and target.fr[0] in row.link.fr) or (not target.fr and target.en and target.en[0] in row.link.en):
            return i
    return max(0, min(target.row, len(view.rows) - 1))
