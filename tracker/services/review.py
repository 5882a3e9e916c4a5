"""The editor's review page of a stored story: its view and its audit trail, rendered as one HTML file."""

from __future__ import annotations

from datetime import datetime

from tracker.reports.html import story_page
from tracker.services.views import load_view
from tracker.storage import Store


def review_page(store: Store, slug: str, *, at: datetime) -> str:
    """The story's latest French and English side by side, flags, French diff, QA, verdict and audit, as HTML."""
    return story_page(load_view(store, slug), store.audit(slug), at=at)
