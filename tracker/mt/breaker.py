"""A circuit breaker per provider: after repeated rate-limit answers (or stalls) it opens for a cooldown, and
calls fail at once without touching the network, so one bad provider does not stall the desk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# Kinds of failure that cost the caller time or signal the provider wants us to back off.
TRIPPING = frozenset({"rate-limited", "timeout", "offline"})


@dataclass
class _State:
    failures: int = 0
    open_until: float = 0.0
    kind: str = ""
    trial: bool = False


class CircuitBreaker:
    """Counts consecutive tripping failures per key; `threshold` of them open the circuit for `cooldown` s."""

    def __init__(
        self, *, threshold: int = 3, cooldown: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.clock = clock
        self._states: dict[str, _State] = {}
        self._lock = threading.Lock()

    def blocked(self, key: str) -> tuple[str, float] | None:
        """(kind that opened it, seconds left) while open; None lets the call through (one trial when half-open)."""
        with self._lock:
            state = self._states.get(key)
            if state is None or state.open_until == 0.0:
                return None
            left = state.open_until - self.clock()
            if left > 0 or state.trial:
                return state.kind, max(left, 0.0)
            state.trial = True  # half-open: this caller probes, the others keep failing fast
            return None

    def success(self, key: str) -> None:
        with self._lock:
            self._states.pop(key, None)

    def failure(self, key: str, kind: str, retry_after: float | None = None, *, open_now: bool = False) -> bool:
        """Record a failure; True when the circuit is (now) open. `open_now` opens it at once (a long Retry-After)."""
        if kind not in TRIPPING:
            with self._lock:
                state = self._states.get(key)
                if state is not None:
                    state.trial = False  # the probe got a non-tripping answer: let the next caller probe again
            return False
        with self._lock:
            state = self._states.setdefault(key, _State())
            state.failures += 1
            state.kind = kind
            half_open = state.open_until != 0.0
            if open_now or half_open or state.failures >= self.threshold:
                wait = max(self.cooldown, retry_after or 0.0)
                state.open_until = self.clock() + wait
                state.trial = False
                return True
            return False

    def reset(self) -> None:
        with self._lock:
            self._states.clear()


# One breaker for the process: the TUI's workers and the CLI share what they learn about a provider.
BREAKER = CircuitBreaker()
