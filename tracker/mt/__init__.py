"""Machine translation through deep-translator: timeouts, retries, a breaker, a cache; never required.

Importing this package is cheap: deep_translator (and requests) load only when a translation is requested.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.mt.cache import Cache
    from tracker.mt.client import MTClient
    from tracker.mt.providers import ProviderConfig


def make_client(
    provider: str | ProviderConfig | None = None, *, cache: Cache | None = None, source: str = "fr", target: str = "en"
) -> MTClient:
    """A client for `provider`: a name as set up in the environment and `[mt]` (None = the default), or a config."""
    from tracker.mt.client import MTClient
    from tracker.mt.providers import default_provider, load

    config = load(provider or default_provider()) if provider is None or isinstance(provider, str) else provider
    return MTClient(config, cache=cache, source=source, target=target)


def translate_paragraphs(
    texts: Sequence[str],
    provider: str | ProviderConfig | None = None,
    cache: Cache | None = None,
    *,
    source: str = "fr",
    target: str = "en",
) -> list[str]:
    """One machine translation per paragraph, in order (boundaries kept); raises TranslationError in one sentence."""
    return make_client(provider, cache=cache, source=source, target=target).translate_many(texts)
