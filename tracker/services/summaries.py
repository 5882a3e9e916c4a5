"""Every story's state at a glance, for the list of stories: derived from the facts, kept while they are unchanged.

A story's facts change only through writes that append an audit entry naming it (revision, link, acknowledgement,
waiver, verdict), so the newest such entry versions them. A summary is kept, in this process and in the database's
summary cache, with that version and a key for how it was derived (the QA configuration, the tracker's version and
`DERIVATION`, so desk members on different releases do not trust each other's); a reader derives again only the
stories whose version or key differ. Bump `DERIVATION` whenever what a summary says is derived differently.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tracker.errors import StoreError, TrackerError
from tracker.model import Story
from tracker.qa import QAConfig
from tracker.services.qa_config import config_table, load_qa_config
from tracker.storage import Store
from tracker.view import StorySummary, StoryView, open_error

DERIVATION = 4


def summarize(view: StoryView) -> StorySummary:
    """One line of state for a story list."""
    # deriving needs the approval rules, the flags and the wire's signals; a list read from the cache needs none
    from tracker.approvals import approval_verdict
    from tracker.flags import needs_action
    from tracker.signals import signal_of

    all_flags = [f for row in view.rows for f in row.flags]
    signal = signal_of(view.fr, first=len(view.fr_revisions) <= 1)
    earlier = [r for r in view.revision_list if r.lang == "fr" and r.number < view.fr.number]
    lifted = signal.embargo is None and any(signal_of(r).embargo is not None for r in earlier)
    withdraw = next((f for f in all_flags if f.kind == "withdraw"), None)
    latest = max((r.created_at for r in (view.fr, view.en) if r is not None), default=view.fr.created_at)
    return StorySummary(
        slug=view.story.slug,
        title=view.title,
        fr_rev=view.fr.number,
        en_rev=view.en.number if view.en else None,
        stale=sum(1 for f in all_flags if f.kind == "stale" and needs_action(f)),
        untranslated=sum(1 for f in all_flags if f.kind == "untranslated" and needs_action(f)),
        qa=sum(1 for row in view.rows for f in row.findings if open_error(f)),
        approval=approval_verdict(view).state,
        updated_at=latest,
        wire=signal.kind,
        urgency=signal.urgency,
        corrections=sum(1 for f in all_flags if f.kind == "correction" and needs_action(f)),
        withdraw="" if withdraw is None else "done" if withdraw.acknowledged else "open",
        embargo=signal.embargo.isoformat() if signal.embargo else None,
        embargo_lifted=lifted,
    )


def summaries(store: Store, slugs: Sequence[str] | None = None) -> list[StorySummary]:
    """State at a glance of every story (or the ones named), through the database's summary cache."""
    return SummaryCache(store).summaries(slugs)


class SummaryCache:
    """Summaries for a list shown again and again: kept per story with the version of its facts, in this process
    and in the database (so the next reader, or the next start, skips what has not changed)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._kept: dict[str, tuple[int, str, StorySummary]] = {}

    def summaries(self, slugs: Sequence[str] | None = None) -> list[StorySummary]:
        stories = {s.slug: s for s in self.store.stories()}
        versions = self.store.story_versions()
        config = load_qa_config(self.store)
        key = derivation_key(config)
        stored: dict[str, tuple[int, str]] | None = None
        derived: list[tuple[str, int, str]] = []
        out = []
        for slug in slugs if slugs is not None else stories:
            version = versions.get(slug, 0)
            hit = self._kept.get(slug)
            if hit is None or hit[:2] != (version, key):
                if stored is None:
                    stored = self.store.cached_summaries(key)
                row = stored.get(slug)
                summary = _cached(row[1]) if row is not None and row[0] == version else None
                if summary is None:
                    summary = _isolated(self.store, stories.get(slug), slug, config)
                    if not summary.error:  # an error is derived again next time: it may be fixed by then
                        derived.append((slug, version, summary_to_json(summary)))
                hit = self._kept[slug] = (version, key, summary)
            out.append(hit[2])
        # a cache: when it cannot be written (busy, or a read-only account) the next reader derives them again
        with contextlib.suppress(StoreError):
            self.store.save_summaries(key, derived)
        return out


def derivation_key(config: QAConfig) -> str:
    """What a summary's derivation depends on besides the facts: the QA configuration, the release, `DERIVATION`."""
    table = {"derivation": DERIVATION, **config_table(config)}
    return hashlib.sha256(json.dumps(table, sort_keys=True).encode()).hexdigest()


def summary_to_json(summary: StorySummary) -> str:
    fields = dataclasses.asdict(summary)
    fields["updated_at"] = summary.updated_at.isoformat()
    return json.dumps(fields, sort_keys=True)


def summary_from_json(text: str) -> StorySummary:
    fields: dict[str, Any] = json.loads(text)
    fields["updated_at"] = datetime.fromisoformat(fields["updated_at"])
    return StorySummary(**fields)


def _cached(text: str) -> StorySummary | None:
    """A summary from the cache; None when the cached text is damaged (derived again instead)."""
    try:
        return summary_from_json(text)
    except (ValueError, TypeError, KeyError):
        return None


def _isolated(store: Store, story: Story | None, slug: str, config: QAConfig) -> StorySummary:
    """A story's summary, or one whose error says in one line why it could not be derived: one story with damaged
    data, a figure no parser foresaw or a bug in a derivation never takes the list (or another story) down."""
    try:
        return _summary(store, story, slug, config)
    except Exception as exc:  # any failure of one story is that story's own, shown in its row
        return _broken(store, story, slug, exc)


def _broken(store: Store, story: Story | None, slug: str, exc: Exception) -> StorySummary:
    latest: dict[str, int | None] = {"fr": None, "en": None}
    for lang in latest:
        with contextlib.suppress(Exception):  # the numbers if they can still be read; the error says the rest
            latest[lang] = store.latest_number(slug, lang)
    lines = str(exc).strip().splitlines()
    reason = (
        lines[0] if lines and isinstance(exc, TrackerError) else f"{type(exc).__name__}: {lines[0] if lines else ''}"
    )
    return StorySummary(
        slug=slug,
        title=(story.title if story else "") or slug,
        fr_rev=latest["fr"] or 0,
        en_rev=latest["en"],
        stale=0,
        untranslated=0,
        qa=0,
        approval="none",
        updated_at=datetime.fromtimestamp(0, UTC),
        error=reason.rstrip(": ")[:200],
    )


def _summary(store: Store, story: Story | None, slug: str, config: QAConfig) -> StorySummary:
    from tracker.services.views import load_view  # the aligner, the diff and the checks: only to derive

    if store.latest_number(slug, "fr") is None:
        return _english_only(store, story, slug)
    return summarize(load_view(store, slug, config=config))


def _english_only(store: Store, story: Story | None, slug: str) -> StorySummary:
    """A story whose French has not arrived yet (say, an English wire item): listed, with nothing to judge."""
    latest = store.revisions(slug, "en")
    return StorySummary(
        slug=slug,
        title=(story.title if story else "") or "(no French revision yet)",
        fr_rev=0,
        en_rev=latest[-1].number if latest else None,
        stale=0,
        untranslated=0,
        qa=0,
        approval="none",
        updated_at=latest[-1].created_at if latest else datetime.now(UTC),
    )
