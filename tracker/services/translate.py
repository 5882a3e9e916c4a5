"""Machine-translation suggestions for stored stories, cached in the database; nothing here writes English text.

A suggestion becomes English only when a person accepts it and imports a revision through the usual path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.errors import NotFoundError
from tracker.mt.cache import StoreCache
from tracker.mt.client import MTClient
from tracker.mt.providers import ProviderConfig
from tracker.mt.suggestion import Suggestion


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """A suggestion for paragraph `index` of French revision `fr_rev` of `story`, with the French text it used."""

    story: str
    fr_rev: int
    index: int
    french: str
    suggestion: Suggestion


def suggest_paragraphs(
    store: Any, slug: str, config: ProviderConfig, *, paras: list[int] | None = None, fr_number: int | None = None
) -> list[StoredSuggestion]:
    """Suggestions for some (None = all) paragraphs of a stored French revision; misses go through the MT client."""
    revision = store.revision(slug, "fr", fr_number)
    texts = revision.texts
    wanted = list(range(len(texts))) if paras is None else paras
    for n in wanted:
        if not 0 <= n < len(texts):
            raise NotFoundError(
                f"{slug}: French revision {revision.number} has no paragraph {n} (it has 0 to {len(texts) - 1})"
            )
    client = MTClient(config, cache=StoreCache(store))
    suggestions = client.suggest([texts[n] for n in wanted])
    return [StoredSuggestion(slug, revision.number, n, texts[n], s) for n, s in zip(wanted, suggestions, strict=True)]
