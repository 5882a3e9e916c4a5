"""The stories list's rules, shared by the TUI list and `tracker stories`: filters, sorts, search and state words."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime

from tracker.view import StorySummary


def _first(s: StorySummary) -> int:
    """What the wire says first: a kill not yet withdrawn, then open corrections, outrank any ordinary work."""
    if s.wire == "kill" and s.withdraw != "done":
        return 0
    return 1 if s.corrections or s.wire == "correction" else 2


def _work(s: StorySummary) -> int:
    return s.corrections + s.stale + s.untranslated + s.qa


SORTS: dict[str, Callable[[StorySummary], object]] = {
    "most to do": lambda s: (_first(s), -_work(s), s.urgency or 9, s.slug),
    "urgency": lambda s: (s.urgency or 9, _first(s), -_work(s), s.slug),
    "latest change": lambda s: -s.updated_at.timestamp(),
    "name": lambda s: s.slug,
}
FILTERS: dict[str, Callable[[StorySummary], bool]] = {
    "all": lambda s: True,
    "needs work": lambda s: not s.up_to_date,
    "up to date": lambda s: s.up_to_date,
    # a story with no English has nothing to approve yet: it needs a translation, not a verdict
    "awaiting approval": lambda s: s.en_rev is not None and s.approval not in ("approved", "per-paragraph"),
}

APPROVAL_WORDS = {
    "approved": "approved",
    "per-paragraph": "approved per paragraph",
    "outdated": "approval outdated",
    "rejected": "rejected",
    "awaiting": "awaiting",
    "none": "none",
    "void": "void (killed)",
}


def option_name(name: str) -> str:
    """A filter or sort as a command-line option value: 'needs work' is needs-work."""
    return name.replace(" ", "-")


def folded(text: str) -> str:
    """Text as search compares it: no accents, no case, slug dashes and underscores read as spaces."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").replace("_", " ").split())


def matches(story: StorySummary, query: str) -> bool:
    """True when every word of the query is in the story's slug or title ('seisme japon' finds 'Séisme au Japon')."""
    words = folded(query).split()
    if not words:
        return True
    haystack = f"{folded(story.slug)} {folded(story.title)}"
    return all(word in haystack for word in words)


WIRE_WORDS = {"kill": "KILLED", "correction": "correction", "withheld": "withheld"}


def embargo_words(embargo: str | None, lifted: bool, at: datetime | None) -> str:
    """'embargoed until T' while an embargo is ahead of `at` (any embargo when `at` is None), 'embargo lifted'
    once a later version or time lifted it, else ''."""
    until = datetime.fromisoformat(embargo) if embargo else None
    if until is not None and (at is None or until > at):
        return f"embargoed until {until:%Y-%m-%d %H:%M %Z}".rstrip()
    return "embargo lifted" if until is not None or lifted else ""


def state_parts(story: StorySummary, at: datetime | None = None) -> list[tuple[str, str]]:
    """The state column as (words, kind) parts: what the wire says (KILLED and whether the English is withdrawn,
    correction, withheld, embargoed until T or embargo lifted, at time `at`), then 'no English', or correction N,
    stale N, untranslated N, QA N, or 'up to date'; 'error: ...' for a story that cannot be derived."""
    if story.error:  # one story that cannot be derived shows why, in its own row only
        return [(f"error: {story.error}", "error")]
    wire = [(WIRE_WORDS[story.wire], "wire")] if story.wire in WIRE_WORDS else []
    if story.withdraw:
        wire.append(("withdraw" if story.withdraw == "open" else "withdrawn", "wire"))
    embargo = embargo_words(story.embargo, story.embargo_lifted, at)
    if embargo:
        wire.append((embargo, "wire" if embargo.startswith("embargoed") else "ok"))
    if story.en_rev is None:
        return [*wire, ("no English", "untranslated")]
    if story.withdraw:
        return wire
    parts = [
        (f"{label} {n}", kind)
        for label, kind, n in (
            ("correction", "wire", story.corrections),
            ("stale", "stale", story.stale),
            ("untranslated", "untranslated", story.untranslated),
            ("QA", "qa", story.qa),
        )
        if n
    ]
    return wire + (parts or [("up to date", "ok")])


def listed(
    stories: Sequence[StorySummary], *, filter_by: str = "all", sort_by: str = "most to do", query: str = ""
) -> list[StorySummary]:
    """The stories a list shows: those the filter and the search keep, in the sort's order."""
    keep = FILTERS[filter_by]
    return sorted((s for s in stories if keep(s) and matches(s, query)), key=SORTS[sort_by])  # type: ignore[arg-type]
