"""Machine translation through deep-translator: timeouts, retries, a breaker, a cache; never required."""
