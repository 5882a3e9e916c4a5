"""A story as a person reviews it: one row per alignment link, each with its paragraphs, flags and findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from tracker.model import Approval, Finding, Flag, Link, Paragraph, Revision, Story


@dataclass(frozen=True, slots=True)
class Row:
    """One alignment link shown as a row: French paragraphs (current revision) beside English ones."""

    link: Link
    fr: tuple[Paragraph, ...]
    en: tuple[Paragraph, ...]
    flags: tuple[Flag, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def needs_action(self) -> bool:
        # tracker.flags.needs_action's rule, restated: importing flags would pull the diff engine into every face
        return any(f.kind in ("stale", "untranslated", "orphaned") and not f.acknowledged for f in self.flags) or any(
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


ApprovalState = Literal["approved", "outdated", "none", "rejected"]


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

    @property
    def up_to_date(self) -> bool:
        return self.en_rev is not None and not (self.stale or self.untranslated or self.qa)


def order_links(links: Sequence[Link]) -> tuple[Link, ...]:
    """Links in reading order: by English position, French-only links placed after their French predecessor."""
    paired = sorted((lk for lk in links if lk.en), key=lambda lk: (min(lk.en), min(lk.fr, default=-1)))
    french_only = sorted((lk for lk in links if not lk.en), key=lambda lk: min(lk.fr))
    ordered: list[Link] = list(paired)
    for lk in french_only:
        anchor = min(lk.fr)
        # after the last row whose French precedes this one, so omitted background stays near its neighbours
        position = 0
        for i, row in enumerate(ordered):
            if row.fr and max(row.fr) < anchor:
                position = i + 1
        ordered.insert(position, lk)
    return tuple(ordered)


def build_rows(
    fr: Sequence[Paragraph],
    en: Sequence[Paragraph],
    links: Sequence[Link],
    flags: Sequence[Flag] = (),
    findings: Sequence[Finding] = (),
) -> tuple[Row, ...]:
    """Rows in reading order, each carrying the flags and findings that touch its paragraphs."""
    rows = []
    for link in order_links(links):
        fr_set, en_set = set(link.fr), set(link.en)
        rows.append(
            Row(
                link=link,
                fr=tuple(fr[i] for i in link.fr),
                en=tuple(en[j] for j in link.en),
                flags=tuple(f for f in flags if fr_set & set(f.fr) or en_set & set(f.en)),
                findings=tuple(f for f in findings if fr_set & set(f.fr) or en_set & set(f.en)),
            )
        )
    return tuple(rows)
