"""The MT client against local servers that speak the providers' formats: success, faults, retries, the breaker."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from mt_servers import MTServer

from tracker.mt.breaker import CircuitBreaker
from tracker.mt.cache import MemoryCache
from tracker.mt.client import MTClient, MTError
from tracker.mt.providers import ProviderConfig


@pytest.fixture(autouse=True, scope="module")
def deep_translator_loaded() -> None:
    """Import deep-translator before any timing: its import alone can take seconds on a loaded machine."""
    from tracker.mt import transport

    transport.install()


@pytest.fixture
def server() -> Iterator[MTServer]:
    with MTServer(slow_seconds=5.0) as srv:
        yield srv


def make(
    srv: MTServer,
    name: str = "libre",
    *,
    timeout: float = 2.0,
    attempts: int = 3,
    breaker: CircuitBreaker | None = None,
    cache: MemoryCache | None = None,
    api_key: str | None = None,
) -> MTClient:
    config = ProviderConfig(name, api_key=api_key, url=srv.url, timeout=timeout, attempts=attempts)
    return MTClient(config, cache=cache, breaker=breaker or CircuitBreaker(), backoff=0.01)


@pytest.mark.parametrize(
    ("name", "key"),
    [("libre", None), ("google", None), ("mymemory", None), ("deepl", "k:fx"), ("microsoft", "k")],
)
def test_each_provider_translates_through_its_own_format(server: MTServer, name: str, key: str | None) -> None:
    client = make(server, name, api_key=key)
    assert client.translate("Le président a dit bonjour") == "The president has said hello"
    assert server.requests == 1


def test_paragraph_boundaries_are_kept_one_suggestion_per_paragraph(server: MTServer) -> None:
    client = make(server)
    out = client.translate_many(["Le sommet.", "", "La paix et un accord."])
    assert out == ["The summit.", "", "The peace and a agreement."]


def test_short_paragraphs_travel_in_one_request(server: MTServer) -> None:
    client = make(server)
    out = client.translate_many([f"Le chat {i}." for i in range(20)])
    assert out == [f"The cat {i}." for i in range(20)]
    assert server.requests == 1


def test_a_provider_that_merges_paragraphs_is_asked_one_by_one(server: MTServer) -> None:
    server.script = ["collapse"]
    out = make(server).translate_many(["Le chat.", "Le monde."])
    assert out == ["The cat.", "The world."]
    assert server.requests == 3


def test_a_batch_refused_as_too_large_is_sent_one_paragraph_at_a_time(server: MTServer) -> None:
    server.script = ["414"]
    assert make(server).translate_many(["Le chat.", "Le monde."]) == ["The cat.", "The world."]
    assert server.requests == 3


def test_a_paragraph_longer_than_the_provider_limit_is_cut_at_sentences(server: MTServer) -> None:
    text = " ".join(f"Le chat {i} dit bonjour." for i in range(60))  # > 490 characters
    out = make(server, "mymemory").translate(text)
    assert out == " ".join(f"The cat {i} said hello." for i in range(60))
    assert all(len(t) <= 490 for t in server.texts)


def test_a_slow_answer_times_out_in_bounded_time(server: MTServer) -> None:
    server.script = ["slow"]
    client = make(server, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(MTError) as info:
        client.translate("Le chat.")
    assert time.monotonic() - started < 2.0
    assert info.value.kind == "timeout"
    assert "did not answer within 0.3 s" in str(info.value)


def test_429_then_success_is_retried(server: MTServer) -> None:
    server.script = ["429"]
    assert make(server).translate("Le chat.") == "The cat."
    assert server.requests == 2


def test_repeated_429_opens_the_breaker_and_later_calls_fail_fast_without_network(server: MTServer) -> None:
    server.script = ["429"] * 10
    breaker = CircuitBreaker(threshold=3, cooldown=60)
    client = make(server, breaker=breaker)
    with pytest.raises(MTError) as first:
        client.translate("Le chat.")
    assert first.value.kind == "rate-limited"
    assert server.requests == 3
    started = time.monotonic()
    with pytest.raises(MTError) as later:
        make(server, breaker=breaker).translate("Le monde.")
    assert time.monotonic() - started < 0.5
    assert server.requests == 3
    assert "paused after repeated rate-limit answers" in str(later.value)


def test_a_long_retry_after_opens_the_breaker_at_once_instead_of_waiting(server: MTServer) -> None:
    server.script = ["429-long"] * 3
    breaker = CircuitBreaker(threshold=3, cooldown=60)
    started = time.monotonic()
    with pytest.raises(MTError, match="rate-limiting"):
        make(server, breaker=breaker).translate("Le chat.")
    assert server.requests == 1
    assert time.monotonic() - started < 2.0  # not the 120 s asked for, nor a 5 s back-off
    blocked = breaker.blocked(f"libre|{server.url}")
    assert blocked is not None and blocked[1] > 100


def test_the_breaker_lets_one_trial_through_after_its_cooldown() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=lambda: now[0])
    breaker.failure("p", "rate-limited")
    assert breaker.failure("p", "rate-limited") is True
    assert breaker.blocked("p") == ("rate-limited", 10.0)
    now[0] = 11.0
    assert breaker.blocked("p") is None  # the trial
    assert breaker.blocked("p") is not None  # everyone else waits for it
    breaker.success("p")
    assert breaker.blocked("p") is None


def test_a_half_open_probe_that_fails_otherwise_does_not_wedge_the_breaker() -> None:
    now = [0.0]
    breaker = CircuitBreaker(threshold=1, cooldown=10, clock=lambda: now[0])
    breaker.failure("p", "rate-limited")
    now[0] = 11.0
    assert breaker.blocked("p") is None  # the probe...
    breaker.failure("p", "provider")  # ...got a 500, say
    assert breaker.blocked("p") is None  # so the next caller may probe


def test_provider_errors_are_not_retried_forever(server: MTServer) -> None:
    server.script = ["500"] * 10
    with pytest.raises(MTError) as info:
        make(server, attempts=3).translate("Le chat.")
    assert server.requests == 3
    assert info.value.kind == "provider"
    assert str(info.value) == "LibreTranslate answered with an error (HTTP 500): provider error, try again later."


def test_a_single_500_is_retried(server: MTServer) -> None:
    server.script = ["500"]
    assert make(server).translate("Le chat.") == "The cat."


def test_unauthorised_is_one_sentence_and_not_retried(server: MTServer) -> None:
    server.script = ["403"] * 3
    with pytest.raises(MTError) as info:
        make(server, "deepl", api_key="bad").translate("Le chat.")
    assert info.value.kind == "unauthorised"
    assert server.requests == 1
    assert "TRACKER_MT_DEEPL_KEY" in str(info.value)


@pytest.mark.parametrize(("name", "key"), [("libre", None), ("google", None), ("mymemory", None), ("deepl", "k")])
def test_malformed_answers_become_a_provider_error(server: MTServer, name: str, key: str | None) -> None:
    server.script = ["malformed"]
    with pytest.raises(MTError) as info:
        make(server, name, api_key=key).translate("Le chat.")
    assert info.value.kind == "provider"
    assert "not a translation" in str(info.value)
    assert "\n" not in str(info.value)


def test_a_dropped_connection_is_retried(server: MTServer) -> None:
    server.script = ["drop"]
    assert make(server).translate("Le chat.") == "The cat."
    assert server.requests == 2


def test_connections_dropped_every_time_end_in_one_sentence(server: MTServer) -> None:
    server.script = ["drop"] * 5
    with pytest.raises(MTError) as info:
        make(server, attempts=2).translate("Le chat.")
    assert "closed the connection before answering" in str(info.value)
    assert server.requests == 2


def test_a_refused_connection_says_offline() -> None:
    with MTServer() as srv:
        url = srv.url
    client = MTClient(ProviderConfig("libre", url=url, timeout=1), breaker=CircuitBreaker())
    with pytest.raises(MTError) as info:
        client.translate("Le chat.")
    assert info.value.kind == "offline"
    assert "offline" in str(info.value)


def test_a_cache_hit_costs_no_network_call(server: MTServer) -> None:
    cache = MemoryCache()
    assert make(server, cache=cache).translate_many(["Le chat.", "Le monde."]) == ["The cat.", "The world."]
    assert server.requests == 1
    suggestions = make(server, cache=cache).suggest(["Le monde.", "Le chat."])
    assert [s.text for s in suggestions] == ["The world.", "The cat."]
    assert all(s.cached for s in suggestions)
    assert server.requests == 1


def test_the_cache_key_separates_providers_and_servers(server: MTServer) -> None:
    cache = MemoryCache()
    make(server, cache=cache).translate("Le chat.")
    make(server, "google", cache=cache).translate("Le chat.")
    assert server.requests == 2


def test_an_unconfigured_provider_says_what_to_set() -> None:
    client = MTClient(ProviderConfig("deepl"), breaker=CircuitBreaker())
    with pytest.raises(MTError) as info:
        client.translate("Le chat.")
    assert info.value.kind == "config"
    assert "DeepL needs a key" in str(info.value)


def test_a_real_provider_on_a_closed_network_fails_fast_with_the_offline_message() -> None:
    client = MTClient(ProviderConfig("google", timeout=1.0, attempts=2), breaker=CircuitBreaker())
    started = time.monotonic()
    try:
        client.translate("Bonjour le monde")
    except MTError as exc:
        assert exc.kind == "offline"
        assert "Google Translate is unreachable" in str(exc)
        assert "offline" in str(exc)
    else:
        pytest.skip("this machine reaches the real provider: the closed-network case cannot be shown here")
    assert time.monotonic() - started < 3.0


def test_importing_the_mt_package_does_not_import_deep_translator() -> None:
    import subprocess
    import sys

    code = "import sys, tracker.mt, tracker.mt.client, tracker.mt.cache; print('deep_translator' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
