"""A machine-translation suggestion with its provenance; it is never English text until a person accepts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What `provider` proposed at `at` for the French paragraph whose text hash is `fr_hash`."""

    text: str
    provider: str
    at: datetime
    fr_hash: str
    cached: bool = False
