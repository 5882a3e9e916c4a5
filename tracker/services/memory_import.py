"""What a desk takes in from CAT tools: translation memories (TMX) stored with their origin for the translation-
memory matcher, and termbases (TBX) read by the names check beside the configuration's `[names]`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.memory import MemoryEntry
from tracker.services.file_reading import read_source
from tracker.services.memory import remember

if TYPE_CHECKING:
    from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class Imported:
    """What one file's import did: entries read, entries new to the store (the rest were there from the same
    origin already), and for a termbase the concepts without a French term and an allowed English one."""

    source: str
    origin: str
    read: int
    added: int
    skipped: int = 0


def import_tmx(store: Store, path: str | Path, *, by: str, at: datetime) -> Imported:
    """Add every French-English pair of a TMX file to the translation memory, marked with its origin (file name
    and tool); a pair already remembered from the same origin is not stored again. `by`/`at` are the importer's:
    each pair keeps its own author and date from the file."""
    from sources.tmx import read_tmx_units

    source = str(path)
    header, units = read_tmx_units(read_source(Path(path)), source)
    tool = " ".join(v for v in (header.get("creationtool", ""), header.get("creationtoolversion", "")) if v)
    origin = f"tmx:{Path(path).name}" + (f" ({tool})" if tool else "")
    entries = [MemoryEntry(u.fr, u.en, origin, by=u.created_by, at=u.created_at) for u in units]
    return Imported(source, origin, len(entries), remember(store, entries))


def import_tbx(store: Store, path: str | Path, *, by: str, at: datetime) -> Imported:
    """Store the French-English term pairs of a TBX file (each pair once per file name)."""
    from sources.tbx import read_tbx

    source = str(path)
    origin = f"tbx:{Path(path).name}"
    terms, skipped = read_tbx(read_source(Path(path)), source, origin)
    return Imported(source, origin, len(terms), store.add_terms(terms, by=by, at=at), skipped)
