"""MT caches: keys that separate what must differ, the in-memory cache and the adapter over the Store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from mt_servers import MTServer

from tracker.mt.breaker import CircuitBreaker
from tracker.mt.cache import MemoryCache, StoreCache, cache_key
from tracker.mt.client import MTClient
from tracker.mt.providers import ProviderConfig

AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_cache_keys_differ_by_provider_settings_languages_and_text() -> None:
    base = cache_key("libre", "u", "fr", "en", "Le chat.")
    assert base == cache_key("libre", "u", "fr", "en", "Le chat.")
    variants = [
        cache_key("google", "u", "fr", "en", "Le chat."),
        cache_key("libre", "v", "fr", "en", "Le chat."),
        cache_key("libre", "u", "en", "fr", "Le chat."),
        cache_key("libre", "u", "fr", "en", "Le chat !"),
    ]
    assert base not in variants and len(set(variants)) == 4


def test_the_memory_cache_counts_hits_and_misses() -> None:
    cache = MemoryCache()
    assert cache.get("k") is None
    cache.put("k", "libre", "The cat.", AT)
    assert cache.get("k") == "The cat."
    assert (cache.hits, cache.misses, len(cache)) == (1, 1, 1)


@pytest.fixture
def store() -> Iterator[object]:
    storage = pytest.importorskip("tracker.storage")
    with storage.open_store("sqlite://") as opened:
        if not hasattr(opened, "mt_get"):
            pytest.skip("this Store has no MT cache yet (mt_get/mt_put)")
        yield opened


def test_the_store_cache_round_trips_through_the_database(store: object) -> None:
    cache = StoreCache(store)
    assert cache.get("k") is None
    cache.put("k", "libre", "The cat.", AT)
    cache.put("k", "libre", "The black cat.", AT)
    assert cache.get("k") == "The black cat."


def test_a_paragraph_cached_in_the_database_costs_no_network_call(store: object) -> None:
    with MTServer() as server:
        config = ProviderConfig("libre", url=server.url, timeout=2)
        first = MTClient(config, cache=StoreCache(store), breaker=CircuitBreaker()).translate_many(
            ["Le chat.", "Le monde."]
        )
        again = MTClient(config, cache=StoreCache(store), breaker=CircuitBreaker()).suggest(["Le monde."])
        assert server.requests == 1
    assert first == ["The cat.", "The world."]
    assert again[0].text == "The world." and again[0].cached
