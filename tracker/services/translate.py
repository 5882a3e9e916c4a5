"""Machine-translation suggestions for stored stories, cached in the database; nothing here writes English text.

A suggestion becomes English only when a person accepts it and imports a revision through the usual path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.errors import NotFoundError, TranslationError
from tracker.mt.cache import StoreCache
from tracker.mt.client import MTClient
from tracker.mt.providers import ProviderConfig
from tracker.mt.suggestion import Suggestion
from tracker.services.alignment import StoredAlignment

if TYPE_CHECKING:
    from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class StoredSuggestion:
    """A suggestion for paragraph `index` of French revision `fr_rev` of `story`, with the French text it used."""

    story: str
    fr_rev: int
    index: int
    french: str
    suggestion: Suggestion


def suggest_paragraphs(
    store: Store, slug: str, config: ProviderConfig, *, paras: list[int] | None = None, fr_number: int | None = None
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


def align_with_mt(
    store: Store,
    slug: str,
    config: ProviderConfig,
    *,
    fr_number: int | None = None,
    en_number: int | None = None,
    warn: Callable[[str], None] | None = None,
) -> StoredAlignment:
    """Align two stored revisions around confirmed links with an MT of the French as extra evidence.

    Translations come through the database cache. The result is shown, not saved: the stored alignment stays the
    one computed without MT. When MT fails, `warn` hears the reason and the alignment goes on without it.
    """
    from tracker.align import align
    from tracker.align.decisions import confirmed_links

    fr_rev = store.revision(slug, "fr", fr_number)
    en_rev = store.revision(slug, "en", en_number)
    fixed = confirmed_links(store.link_decisions(slug, fr_rev.number, en_rev.number))
    fr_mt = translate_or_warn(MTClient(config, cache=StoreCache(store)), fr_rev.texts, warn)
    links = align(fr_rev.texts, en_rev.texts, fixed=fixed, fr_mt=fr_mt)
    return StoredAlignment(slug, fr_rev.number, en_rev.number, fr_rev.texts, en_rev.texts, links)


def translate_or_warn(client: MTClient, texts: Sequence[str], warn: Callable[[str], None] | None) -> list[str] | None:
    """The translations, or None after telling `warn` why MT is unavailable (MT only ever adds evidence)."""
    try:
        return client.translate_many(texts)
    except TranslationError as exc:
        if warn is not None:
            warn(f"machine translation unavailable, going on without it: {exc}")
        return None
