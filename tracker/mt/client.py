"""The resilient translation client: cache first, then batched deep-translator calls, each with a timeout,
bounded retries with back-off on transient errors and a circuit breaker; failures become one-sentence errors.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from tracker.errors import TranslationError
from tracker.model import text_hash
from tracker.mt import batching, transport
from tracker.mt.breaker import BREAKER, CircuitBreaker
from tracker.mt.cache import Cache, cache_key
from tracker.mt.providers import ProviderConfig, check, make_translator
from tracker.mt.suggestion import Suggestion

RATE_LIMIT_STATUSES = frozenset({429, 456})  # 456: DeepL's "quota exceeded"
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})
TOO_LARGE = frozenset({413, 414})  # a batch a server or proxy refuses for its size is sent one paragraph at a time
MAX_ATTEMPTS = 5  # a configured `attempts = 1000000` would otherwise retry without end
MAX_GROWTH = 4  # a translation is at most this many times its source's length (English runs ~1.2x French)
MAX_WAIT = 5.0  # never sleep longer than this between attempts: a longer Retry-After is the breaker's job


class MTError(TranslationError):
    """A translation failed; `kind` is offline, timeout, rate-limited, unauthorised, provider or config."""

    def __init__(self, message: str, *, kind: str, provider: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.provider = provider
        self.status = status


class _Failure:
    def __init__(self, kind: str, message: str, *, transient: bool) -> None:
        self.kind = kind
        self.message = message
        self.transient = transient


def _now() -> datetime:
    return datetime.now(UTC)


class MTClient:
    """Translate paragraphs with one configured provider; not shared between threads (one per worker)."""

    def __init__(
        self,
        config: ProviderConfig,
        *,
        cache: Cache | None = None,
        source: str = "fr",
        target: str = "en",
        breaker: CircuitBreaker = BREAKER,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = _now,
    ) -> None:
        self.config = config
        self.cache = cache
        self.source = source
        self.target = target
        self.breaker = breaker
        self.backoff = backoff
        self.sleep = sleep
        self.now = now
        self.requests_made = 0
        self._translator: Any = None
        self._lock = threading.Lock()
        self._name = config.spec.label.split(" (")[0]
        self._breaker_key = f"{config.name}|{config.url or ''}"

    # ------------------------------------------------------------------ public
    def translate(self, text: str) -> str:
        return self.translate_many([text])[0]

    def translate_many(self, texts: Sequence[str]) -> list[str]:
        """Translations of `texts`, in order; cached ones cost no network call, the rest go in few requests."""
        return [s.text for s in self.suggest(texts)]

    def suggest(self, texts: Sequence[str]) -> list[Suggestion]:
        """One suggestion per paragraph, with provenance; paragraph boundaries are kept one to one."""
        at = self.now()
        keys = [self._key(t) for t in texts]
        found: dict[str, str] = {}
        for text, key in zip(texts, keys, strict=True):
            if text.strip() and key not in found and self.cache is not None:
                hit = self.cache.get(key)
                if hit is not None:
                    found[key] = hit
        cached = set(found)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if t.strip() and k not in found))
        if missing:
            problem = check(self.config)
            if problem:
                raise MTError(problem, kind="config", provider=self.config.name)
            for text, out in zip(missing, self._translate_uncached(missing), strict=True):
                key = self._key(text)
                found[key] = out
                if self.cache is not None:
                    self.cache.put(key, self.config.name, out, at)
        return [
            Suggestion(found.get(k, ""), self.config.name, at, text_hash(t), cached=k in cached)
            for t, k in zip(texts, keys, strict=True)
        ]

    # ------------------------------------------------------------------ batching
    def _key(self, text: str) -> str:
        return cache_key(self.config.name, self.config.settings, self.source, self.target, text)

    def _translate_uncached(self, texts: Sequence[str]) -> list[str]:
        limit = self.config.spec.max_chars
        units: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            for piece in batching.split_long(text.strip(), limit):
                units.append(piece)
                owners.append(i)
        done = [""] * len(units)
        for group in batching.pack(units, limit):
            for i, out in zip(group, self._translate_group([units[i] for i in group]), strict=True):
                done[i] = out
        result: list[list[str]] = [[] for _ in texts]
        for owner, out in zip(owners, done, strict=True):
            result[owner].append(out)
        return [" ".join(parts) for parts in result]

    def _translate_group(self, units: list[str]) -> list[str]:
        if len(units) == 1:
            return [self._call(units[0])]
        try:
            parts = batching.unpack(self._call(batching.join(units)), len(units))
        except MTError as exc:
            if exc.status not in TOO_LARGE:
                raise
            parts = None
        if parts is not None:
            return parts
        # The provider merged or split paragraphs: boundaries matter more than requests, so ask one by one.
        return [self._call(unit) for unit in units]

    # ------------------------------------------------------------------ one request, resiliently
    def _call(self, text: str) -> str:
        attempts = min(max(1, self.config.attempts), MAX_ATTEMPTS)
        for attempt in range(attempts):
            self._fail_fast_if_open()
            with transport.calling(self.config.timeout, self.config.redirects()) as ctx:
                try:
                    with self._lock:
                        out = self._translator_once().translate(text)
                    failure = None if isinstance(out, str) else self._malformed()
                    failure = failure or self._implausible(text, out)
                except transport.TransportFailure as exc:
                    failure = self._transport_failure(exc)
                except Exception as exc:  # deep-translator raises anything from KeyError to its own classes
                    failure = self._judge(exc, ctx.status)
                finally:
                    self.requests_made += ctx.requests_made
            if failure is None:
                self.breaker.success(self._breaker_key)
                return str(out)
            told_to_wait = failure.kind == "rate-limited" and (ctx.retry_after or 0.0) > MAX_WAIT
            opened = self.breaker.failure(self._breaker_key, failure.kind, ctx.retry_after, open_now=told_to_wait)
            if opened or not failure.transient or attempt == attempts - 1:
                raise MTError(failure.message, kind=failure.kind, provider=self.config.name, status=ctx.status)
            self.sleep(self._wait(attempt, ctx.retry_after))
        raise AssertionError("unreachable")  # pragma: no cover

    def _translator_once(self) -> Any:
        if self._translator is None:
            self._translator = make_translator(self.config, self.source, self.target)
        return self._translator

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        wait = self.backoff * (2.0**attempt) * (1 + random.random() / 4)  # jitter spreads a desk's retries
        return min(max(wait, retry_after or 0.0), MAX_WAIT)

    def _fail_fast_if_open(self) -> None:
        blocked = self.breaker.blocked(self._breaker_key)
        if blocked is not None:
            kind, left = blocked
            why = {"rate-limited": "rate-limit answers", "timeout": "timeouts"}.get(kind, "failed connections")
            raise MTError(
                f"{self._name} is paused after repeated {why} ({kind}): not asking again for {left:.0f} s.",
                kind=kind,
                provider=self.config.name,
            )

    # ------------------------------------------------------------------ telling failures apart
    def _transport_failure(self, exc: transport.TransportFailure) -> _Failure:
        name = self._name
        if exc.kind == "offline":
            return _Failure(
                "offline", f"{name} is unreachable ({exc.detail}): offline, or the server is down.", transient=False
            )
        if exc.kind in ("too-large", "malformed"):
            return _Failure("provider", f"{name} sent {exc.detail}: refused, provider error.", transient=False)
        if exc.kind == "timeout":
            return _Failure(
                "timeout",
                f"{name} did not answer within {self.config.timeout:g} s: offline or overloaded, try again later.",
                transient=False,
            )
        return _Failure(
            "provider",
            f"{name} closed the connection before answering: provider error, try again later.",
            transient=True,
        )

    def _implausible(self, text: str, out: str) -> _Failure | None:
        """An empty translation of a text, or one far longer than any translation of it, is no answer."""
        if text.strip() and not out.strip():
            return _Failure("provider", f"{self._name} sent an empty translation: refused.", transient=False)
        if len(out) > MAX_GROWTH * len(text) + 200:
            return _Failure(
                "provider",
                f"{self._name} sent {len(out):,} characters for a text of {len(text):,}: refused as no translation.",
                transient=False,
            )
        return None

    def _malformed(self) -> _Failure:
        return _Failure(
            "provider", f"{self._name} sent an answer that is not a translation: provider error.", transient=False
        )

    def _judge(self, exc: Exception, status: int | None) -> _Failure:
        name = self._name
        if status in RATE_LIMIT_STATUSES or type(exc).__name__ == "TooManyRequests":
            shown = status or 429
            return _Failure(
                "rate-limited",
                f"{name} is rate-limiting us (HTTP {shown}): wait a minute and try again.",
                transient=True,
            )
        if status in (401, 403) or type(exc).__name__ == "AuthorizationException":
            return _Failure(
                "unauthorised",
                f"{name} refused our credentials (unauthorised): check TRACKER_MT_{self.config.name.upper()}_KEY "
                f"or [mt.{self.config.name}] api_key.",
                transient=False,
            )
        if status is not None and not 200 <= status < 300:
            return _Failure(
                "provider",
                f"{name} answered with an error (HTTP {status}): provider error, try again later.",
                transient=status in TRANSIENT_STATUSES,
            )
        if status is not None:
            return self._malformed()
        return _Failure(
            "provider", f"{name} rejected the request before sending it: {_first_line(exc)}.", transient=False
        )


def _first_line(exc: Exception) -> str:
    """An exception's first line, with any URL in it masked (a provider's error may quote the request's URL)."""
    from tracker.mt.providers import mask_url

    text = str(exc).strip().splitlines()
    line = (text[0] if text else type(exc).__name__).rstrip(".")
    return _URL.sub(lambda m: mask_url(m.group()), line)[:160]


_URL = re.compile(r"https?://[^\s'\"<>]+")
