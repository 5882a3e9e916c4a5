"""Stored alignments: align two stored revisions around the links people confirmed, and record corrections.

Confirmed links are facts (append-only decisions); the computed alignment is a cache, replaced on every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.align import align
from tracker.align.decisions import confirmed_links, decision_links
from tracker.errors import NotFoundError, StoreError
from tracker.model import Link, LinkDecision

if TYPE_CHECKING:
    from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class StoredAlignment:
    """The alignment of French revision `fr_rev` and English revision `en_rev` of a story, with both texts."""

    story: str
    fr_rev: int
    en_rev: int
    fr: tuple[str, ...]
    en: tuple[str, ...]
    links: tuple[Link, ...]


def align_revisions(
    store: Store, slug: str, *, fr_number: int | None = None, en_number: int | None = None
) -> StoredAlignment:
    """Align two stored revisions (None = latest), keep confirmed links as given, and cache the result."""
    fr_rev = store.revision(slug, "fr", fr_number)
    en_rev = store.revision(slug, "en", en_number)
    fixed = confirmed_links(store.link_decisions(slug, fr_rev.number, en_rev.number))
    _check_indices(fixed, len(fr_rev.paragraphs), len(en_rev.paragraphs))
    links = align(fr_rev.texts, en_rev.texts, fixed=fixed)
    store.save_alignment(slug, fr_rev.number, en_rev.number, links)
    return StoredAlignment(slug, fr_rev.number, en_rev.number, fr_rev.texts, en_rev.texts, links)


def align_stored(
    slug: str, *, fr_number: int | None = None, en_number: int | None = None, url: str | None = None
) -> StoredAlignment:
    """`align_revisions` on the database at `url` (None = the default one)."""
    from tracker.storage import open_store

    with open_store(url) as store:
        return align_revisions(store, slug, fr_number=fr_number, en_number=en_number)


def decide(
    store: Store,
    slug: str,
    action: str,
    fr: Sequence[int],
    en: Sequence[int],
    *,
    by: str,
    at: datetime,
    fr_number: int | None = None,
    en_number: int | None = None,
) -> StoredAlignment:
    """Record a person's correction (confirm, unlink, relink, merge, split) and realign around it.

    Raises NotFoundError when a paragraph does not exist, ValueError when they do not fit the action,
    ForbiddenError for a person the desk does not know.
    """
    from tracker.services.writers import require_member

    require_member(store, by, at=at)
    current = align_revisions(store, slug, fr_number=fr_number, en_number=en_number)
    for side, rev, wanted, texts in (
        ("French", current.fr_rev, fr, current.fr),
        ("English", current.en_rev, en, current.en),
    ):
        for k in wanted:
            if not 0 <= k < len(texts):
                raise NotFoundError(f"{slug}: {side} revision {rev} has no paragraph {k} (0 to {len(texts) - 1})")
    links = decision_links(action, fr, en, current.links)
    store.add_link_decision(LinkDecision(slug, current.fr_rev, current.en_rev, links, by, at, action))
    return align_revisions(store, slug, fr_number=current.fr_rev, en_number=current.en_rev)


def _check_indices(links: Sequence[Link], n_fr: int, n_en: int) -> None:
    """Confirmed links are stored per revision pair, so one pointing past its paragraphs means damaged data."""
    for link in links:
        if any(not 0 <= i < n_fr for i in link.fr) or any(not 0 <= j < n_en for j in link.en):
            raise StoreError(f"a confirmed link {link.fr}->{link.en} points past the revisions' paragraphs")
