"""The revision picker's lines: each revision's number, time, author and label, the latest marked, the French
revision the English shown was written from, and for each English revision the French it was written from."""

from __future__ import annotations

from tracker.view import StoryView


def revision_choices(view: StoryView, lang: str) -> list[tuple[int, str]]:
    """(number, line) for every revision of one language, newest first."""
    numbers = view.fr_revisions if lang == "fr" else view.en_revisions
    known = {r.number: r for r in view.revision_list if r.lang == lang}
    latest = max(numbers, default=0)
    base = view.en.based_on if view.en is not None else None
    out = []
    for number in sorted(numbers, reverse=True):
        line = f"r{number}"
        revision = known.get(number)
        if revision is not None:
            line += f"  {revision.created_at:%Y-%m-%d %H:%M}  {revision.author}"
            if revision.label:
                line += f"  “{revision.label}”"
            if lang == "en" and revision.based_on:
                line += f"  from FR r{revision.based_on}"
        if number == latest:
            line += "  (latest)"
        if lang == "fr" and number == base:
            line += "  ← the English shown was written from this"
        out.append((number, line))
    return out
