"""How large and how clean one revision read from outside may be: bounds on paragraphs and paragraph length
(raised in the configuration file's `[limits]`), and no NUL character, checked as a file is read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from tracker.errors import InputError
from tracker.model import Document


@dataclass(frozen=True, slots=True)
class Limits:
    """How large one revision may be; `[limits]` in the configuration file raises them (`paragraphs`,
    `paragraph_chars`). A news story has tens of paragraphs; these bound time and memory on hostile files."""

    paragraphs: int = 20_000
    paragraph_chars: int = 200_000


def limits() -> Limits:
    """The limits of the configuration file's `[limits]` table, else the defaults; bad values are input errors."""
    from tracker.config import config_path

    path = config_path()
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = 0
    return _limits(str(path), stamp)  # a check reads thousands of files: the file is parsed once per change


@lru_cache(maxsize=4)
def _limits(path: str, stamp: int) -> Limits:
    from pathlib import Path

    from tracker.config import section

    table = section("limits", Path(path))
    values = {}
    for key in ("paragraphs", "paragraph_chars"):
        if key in table:
            value = table[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(path, f"[limits] {key} must be a positive integer, found {value!r}")
            values[key] = value
    return Limits(**values)


def refuse_many_lines(data: bytes, source: str, allowed: Limits) -> None:
    """Refuse before segmenting a file with far more lines than paragraphs allowed (20M one-character lines
    would otherwise become 20M paragraph objects before any count)."""
    lines = data.count(b"\n")
    if lines > 4 * allowed.paragraphs + 1000:
        raise InputError(
            source,
            f"{lines:,} lines, more than a revision of at most {allowed.paragraphs:,} paragraphs can hold "
            "(raise [limits] paragraphs in the configuration file if it is real)",
        )


def refuse_oversized(document: Document, source: str, allowed: Limits) -> Document:
    """The document, unless it has more paragraphs or a longer paragraph than the limits allow."""
    if len(document.paragraphs) > allowed.paragraphs:
        raise InputError(
            source,
            f"{len(document.paragraphs):,} paragraphs, over the limit of {allowed.paragraphs:,} per revision "
            "(raise [limits] paragraphs in the configuration file if it is real)",
        )
    longest = max(document.paragraphs, key=lambda p: len(p.text), default=None)
    if longest is not None and len(longest.text) > allowed.paragraph_chars:
        raise InputError(
            source,
            f"paragraph {longest.index} has {len(longest.text):,} characters, over the limit of "
            f"{allowed.paragraph_chars:,} (raise [limits] paragraph_chars in the configuration file if it is real)",
        )
    return document


def refuse_nul(document: Document, source: str) -> None:
    """Refuse a document holding a NUL character (a `\\u0000` in JSON, a NUL after a BOM): SQLite would store it
    but PostgreSQL refuses it, so such a story could never move to the team's database."""
    fields = [("title", document.title or ""), ("label", document.label or "")]
    fields += [(f"paragraph {p.index}", p.text) for p in document.paragraphs]
    fields += [(f"metadata {k}", f"{k}{v}") for k, v in document.meta]
    for where, text in fields:
        if "\x00" in text:
            raise InputError(source, f"NUL character in {where}: refused (no database may store it)")
