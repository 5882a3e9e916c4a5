"""What a desk remembers from outside: translation-memory pairs and termbase entries, with where they came from.

Imported from a CAT tool's TMX or TBX (or, later, built from the desk's own links); a translation-memory matcher
reads `MemoryEntry` by its French hash, and the names check reads `Term` pairs beside the configured `[names]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """A French text and the English a person gave it; `origin` says where the pair came from (a TMX file and the
    tool that wrote it, a story); `created_*` are the pair's own (from the memory), `imported_*` tracker's."""

    fr: str
    en: str
    origin: str
    created_at: datetime | None = None
    created_by: str = ""
    meta: tuple[tuple[str, str], ...] = ()
    imported_at: datetime | None = None
    imported_by: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """One French term and an English equivalent the termbase allows (`status`: preferred, admitted, ...)."""

    fr: str
    en: str
    origin: str
    concept: str = ""
    status: str = ""
    note: str = ""
