"""A stored story as people review it: alignment, flags since each English paragraph's base, QA, approval.

Everything here is derived on demand from stored facts (revisions, decisions), so it can never drift.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.approvals import approval_status
from tracker.diff import diff
from tracker.flags import Adaptation, carry_links, flags, history_flags, needs_action
from tracker.model import Link, Revision, alignment_hash
from tracker.qa import QAConfig, apply_waivers, check
from tracker.services.alignment import align_revisions
from tracker.storage import Store
from tracker.view import ApprovalState, StorySummary, StoryView, build_rows


def pair_links(store: Store, slug: str, fr_rev: int, en_rev: int) -> tuple[Link, ...]:
    """The alignment of a stored revision pair: the cache when present, else computed around confirmed links."""
    cached = store.alignment(slug, fr_rev, en_rev)
    if cached is not None:
        return cached
    return align_revisions(store, slug, fr_number=fr_rev, en_number=en_rev).links


def adaptations(store: Store, slug: str, en: Revision) -> list[Adaptation]:
    """Every English revision up to `en`, oldest first, with the French it was based on and their alignment."""
    out: list[Adaptation] = []
    for listed in store.revisions(slug, "en"):
        if listed.number > en.number:
            break
        english = en if listed.number == en.number else store.revision(slug, "en", listed.number)
        base_number = english.based_on or store.latest_number(slug, "fr")
        if base_number is None:
            continue
        base = store.revision(slug, "fr", base_number)
        out.append(Adaptation(base.texts, english.texts, pair_links(store, slug, base.number, english.number)))
    return out


def _shown_links(store: Store, slug: str, fr: Revision, en: Revision, base: Revision) -> tuple[Link, ...]:
    """Links between the shown French and English: corrections made on this very pair win; otherwise the
    English's own alignment with its base, carried onto the shown French through the French lineage."""
    if store.link_decisions(slug, fr.number, en.number) or base.number == fr.number:
        return pair_links(store, slug, fr.number, en.number)
    base_links = pair_links(store, slug, base.number, en.number)
    return carry_links(base_links, diff(base.texts, fr.texts), len(fr.paragraphs), len(en.paragraphs))


def load_view(
    store: Store, slug: str, fr_rev: int | None = None, en_rev: int | None = None, config: QAConfig | None = None
) -> StoryView:
    """The story's rows for the given revisions (None = latest), with flags, findings and approval status."""
    story = store.story(slug)
    fr = store.revision(slug, "fr", fr_rev)
    acks = store.acks(slug)
    fr_numbers = tuple(r.number for r in store.revisions(slug, "fr"))
    en_numbers = tuple(r.number for r in store.revisions(slug, "en"))
    if not en_numbers:
        lone = tuple(Link((i,), ()) for i in range(len(fr.paragraphs)))
        lone_flags = flags(fr.texts, fr.texts, (), lone, acks)
        rows = build_rows(fr.paragraphs, (), lone, lone_flags)
        return StoryView(story, fr, None, None, rows, None, fr_numbers, en_numbers)
    en = store.revision(slug, "en", en_rev)
    base = store.revision(slug, "fr", en.based_on) if en.based_on else fr
    row_flags = history_flags(fr.texts, adaptations(store, slug, en), acks)
    links = _shown_links(store, slug, fr, en, base)
    findings = apply_waivers(check(fr.texts, en.texts, links, config), store.waivers(slug), fr.texts, en.texts)
    rows = build_rows(fr.paragraphs, en.paragraphs, links, row_flags, findings)
    approval = approval_status(store.approvals(slug), fr, en, alignment_hash(links))
    return StoryView(story, fr, en, base, rows, approval, fr_numbers, en_numbers)


def summarize(view: StoryView) -> StorySummary:
    """One line of state for a story list."""
    all_flags = [f for row in view.rows for f in row.flags]
    state: ApprovalState = "none"
    if view.approval is not None and view.approval.approval is not None:
        if view.approval.approval.verdict == "rejected":
            state = "rejected"
        else:
            state = "approved" if view.approval.valid else "outdated"
    latest = max((r.created_at for r in (view.fr, view.en) if r is not None), default=view.fr.created_at)
    return StorySummary(
        slug=view.story.slug,
        title=view.story.title or (view.fr.paragraphs[0].text if view.fr.paragraphs else ""),
        fr_rev=view.fr.number,
        en_rev=view.en.number if view.en else None,
        stale=sum(1 for f in all_flags if f.kind == "stale" and needs_action(f)),
        untranslated=sum(1 for f in all_flags if f.kind == "untranslated" and needs_action(f)),
        qa=sum(1 for row in view.rows for f in row.findings if f.severity == "error" and not f.waived),
        approval=state,
        updated_at=latest,
    )


def summaries(store: Store, slugs: Sequence[str] | None = None) -> list[StorySummary]:
    """State at a glance of every story (or the ones named)."""
    names = list(slugs) if slugs is not None else [s.slug for s in store.stories()]
    return [summarize(load_view(store, slug)) for slug in names]
