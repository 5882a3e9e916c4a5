"""A story as a person reviews it: one row per alignment link, each with its paragraphs, flags and findings."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from tracker.model import Approval, Finding, Flag, Link, Paragraph, Revision, Story
from tracker.revocations import AnyDecision, DecisionKind


@dataclass(frozen=True, slots=True)
class RowDecision:
    """A decision in force on a row, as the details panel lists it: what, who, when, why; `decision` is the fact
    itself (what a revocation names)."""

    kind: DecisionKind
    what: str
    by: str
    at: datetime
    why: str
    decision: AnyDecision


@dataclass(frozen=True, slots=True)
class Row:
    """One alignment link shown as a row: French paragraphs (current revision) beside English ones."""

    link: Link
    fr: tuple[Paragraph, ...]
    en: tuple[Paragraph, ...]
    flags: tuple[Flag, ...] = ()
    findings: tuple[Finding, ...] = ()
    decisions: tuple[RowDecision, ...] = ()

    @property
    def needs_action(self) -> bool:
        # tracker.flags.needs_action's rule, restated: importing flags would pull the diff engine into every face
        kinds = ("withdraw", "correction", "stale", "untranslated", "orphaned")
        return any(f.kind in kinds and not f.acknowledged for f in self.flags) or any(
            open_error(f) for f in self.findings
        )


def open_error(finding: Finding) -> bool:
    """True for a QA finding that blocks: an error nobody waived."""
    return finding.severity == "error" and not finding.waived


@dataclass(frozen=True, slots=True)
class ApprovalStatus:
    """The latest verdict on the shown pair of revisions and whether it still matches the content."""

    approval: Approval | None
    valid: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything a face needs to show a story: revisions, rows in reading order, approval status."""

    story: Story
    fr: Revision
    en: Revision | None
    base: Revision | None
    rows: tuple[Row, ...]
    approval: ApprovalStatus | None = None
    fr_revisions: tuple[int, ...] = ()
    en_revisions: tuple[int, ...] = ()
    notes: tuple[str, ...] = field(default=())
    approved_en: frozenset[int] = frozenset()  # English paragraphs whose own approval still matches their text
    # every revision of both languages, oldest first, without paragraphs: time, author and label for pickers
    revision_list: tuple[Revision, ...] = ()
    # the editors' verdicts in force on single English paragraphs, on any revision: what a row's approval mark and
    # the details panel read (tracker.approvals.row_paragraph_approvals), whether it still holds or lapsed
    paragraph_approvals: tuple[Approval, ...] = ()

    @property
    def title(self) -> str:
        """The story's title, else its French opening paragraph (a wire item imported without a headline)."""
        return self.story.title or (self.fr.paragraphs[0].text if self.fr.paragraphs else "")


# approved: the whole English shown, as approved; per-paragraph: every English paragraph approved on its own;
# outdated: approved, then the content changed; rejected: sent back, unchanged since; awaiting: changed since a
# rejection, or approved in part; none: no verdict yet; void: the agency killed the story, no approval counts
ApprovalState = Literal["approved", "per-paragraph", "outdated", "rejected", "awaiting", "none", "void"]


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story's state at a glance, for lists: latest revisions, counts of rows needing action, approval."""

    slug: str
    title: str
    fr_rev: int
    en_rev: int | None
    stale: int
    untranslated: int
    qa: int
    approval: ApprovalState
    updated_at: datetime
    wire: str = "new"  # the latest French version's signal (tracker.signals.WireKind)
    urgency: int | None = None
    error: str = ""  # why this one story could not be derived (one line); the rest of the list is unaffected
    corrections: int = 0  # English rows the agency's corrections left to update (open correction flags)
    withdraw: str = ""  # killed: "open" until an editor records the withdrawal, then "done"; "" otherwise
    # the latest French version's embargo (ISO time; in force while it is ahead), or an earlier one it lifted
    embargo: str | None = None
    embargo_lifted: bool = False

    @property
    def up_to_date(self) -> bool:
        return self.en_rev is not None and not (
            self.stale or self.untranslated or self.qa or self.corrections or self.withdraw == "open" or self.error
        )


def order_links(links: Sequence[Link]) -> tuple[Link, ...]:
    """Links in reading order: by English position, French-only links placed after their French predecessor.

    A French-only link goes after the last row (so far) whose French all precedes it, so omitted background stays
    near its neighbours; rows are placed one by one in French order, which keeps this linear in the row count.
    """
    paired = sorted((lk for lk in links if lk.en), key=lambda lk: (min(lk.en), min(lk.fr, default=-1)))
    french_only = sorted((lk for lk in links if not lk.en), key=lambda lk: min(lk.fr))
    # position in `paired` after which each French-only link goes: after the last paired row with max(fr) < anchor
    last_before: list[int] = []
    best = -1
    by_max = sorted((max(lk.fr), n) for n, lk in enumerate(paired) if lk.fr)
    k = 0
    for lk in french_only:
        anchor = min(lk.fr)
        while k < len(by_max) and by_max[k][0] < anchor:
            best = max(best, by_max[k][1])
            k += 1
        last_before.append(best)
    ordered: list[Link] = []
    pending = sorted(zip(last_before, range(len(french_only)), strict=True))
    p = 0
    while p < len(pending) and pending[p][0] < 0:
        ordered.append(french_only[pending[p][1]])
        p += 1
    for n, lk in enumerate(paired):
        ordered.append(lk)
        while p < len(pending) and pending[p][0] == n:
            ordered.append(french_only[pending[p][1]])
            p += 1
    return tuple(ordered)


def build_rows(
    fr: Sequence[Paragraph],
    en: Sequence[Paragraph],
    links: Sequence[Link],
    flags: Sequence[Flag] = (),
    findings: Sequence[Finding] = (),
) -> tuple[Row, ...]:
    """Rows in reading order, each carrying the flags and findings that touch its paragraphs."""
    ordered = order_links(links)
    row_of: dict[tuple[str, int], int] = {}
    for n, link in enumerate(ordered):
        row_of.update({("fr", i): n for i in link.fr})
        row_of.update({("en", j): n for j in link.en})

    def touched(item: Flag | Finding) -> set[int]:
        return {row_of[k] for k in [("fr", i) for i in item.fr] + [("en", j) for j in item.en] if k in row_of}

    row_flags: list[list[Flag]] = [[] for _ in ordered]
    row_findings: list[list[Finding]] = [[] for _ in ordered]
    for flag in flags:
        for n in sorted(touched(flag)):
            row_flags[n].append(flag)
    for finding in findings:
        for n in sorted(touched(finding)):
            row_findings[n].append(finding)
    return tuple(
        Row(
            link=link,
            fr=tuple(fr[i] for i in link.fr),
            en=tuple(en[j] for j in link.en),
            flags=tuple(row_flags[n]),
            findings=tuple(row_findings[n]),
        )
        for n, link in enumerate(ordered)
    )


def fold(text: str) -> str:
    """Text as a search compares it: accents dropped, case folded, runs of spaces (any kind) made one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def rows_matching(rows: Sequence[Row], query: str) -> tuple[int, ...]:
    """Indices of the rows whose French or English contains `query`, accents and case ignored."""
    wanted = fold(query)
    if not wanted:
        return ()
    return tuple(n for n, row in enumerate(rows) if any(wanted in fold(p.text) for p in (*row.fr, *row.en)))


def row_of_paragraph(rows: Sequence[Row], lang: str, index: int) -> int | None:
    """The row holding paragraph `index` of one language (`fr` or `en`), None when no row does."""
    for n, row in enumerate(rows):
        if any(p.index == index for p in (row.fr if lang == "fr" else row.en)):
            return n
    return None


ROW_FILTERS = ("all", "needs action", "QA findings", "changed since base")


def filter_rows(rows: Sequence[Row], name: str) -> tuple[Row, ...]:
    """The rows one of `ROW_FILTERS` keeps: every row; rows needing action (stale, untranslated, orphaned or a QA
    error, not acknowledged or waived); rows with a QA finding nobody waived; rows whose French changed since the
    English's base (stale, cosmetic or orphaned)."""
    if name == "needs action":
        return tuple(r for r in rows if r.needs_action)
    if name == "QA findings":
        return tuple(r for r in rows if any(not f.waived for f in r.findings))
    if name == "changed since base":
        return tuple(r for r in rows if any(f.kind in ("stale", "correction", "cosmetic", "orphaned") for f in r.flags))
    return tuple(rows)


def stored_notes(revision: Revision | None) -> list[dict[str, object]]:
    """Translator notes kept on an English revision (meta `notes`: JSON list of {"en": [...], "text": ...})."""
    raw = dict(revision.meta).get("notes") if revision is not None else None
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return (
        [n for n in value if isinstance(n, dict) and isinstance(n.get("text"), str)] if isinstance(value, list) else []
    )


def row_translator_notes(row: Row, notes: Sequence[dict[str, object]]) -> list[str]:
    """The stored translator notes anchored on this row's English paragraphs."""
    mine = {p.index for p in row.en}
    out = []
    for note in notes:
        anchors = note.get("en")
        if isinstance(anchors, list) and mine & {a for a in anchors if isinstance(a, int)}:
            out.append(str(note["text"]))
    return out
