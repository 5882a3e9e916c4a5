"""Translation memory, the core's part: what a remembered pair is, how a French paragraph matches one, and what
the translator must change when the remembered French differs from this one (its words, its figures).

Matches are exact (the same text), near (a fuzzy score, as CAT tools show it, from 75 % up) or partial (this
paragraph contains every sentence of a remembered one). A match is a suggestion: it never becomes English by itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

MatchKind = Literal["exact", "near", "partial"]
NEAR = 75  # the lowest fuzzy score offered, as CAT tools' default
_WORD = re.compile(r"\w{4,}")
# combining marks (the blocks Latin, Greek and Cyrillic accents live in): one regex pass instead of a Python loop
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[«“\"(\w])")


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """A French paragraph (or several, joined) and the English a person wrote for it, with where it came from:
    `origin` is `story` for the desk's own stories, else e.g. `tmx:FILE`."""

    fr: str
    en: str
    origin: str
    story: str = ""
    fr_rev: int | None = None
    en_rev: int | None = None
    by: str = ""
    at: datetime | None = None
    approved: bool = False


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """A remembered pair offered for a French paragraph: how well it matches, the French words that differ
    (remembered -> now), and the figures that differ, since the English must then change too."""

    entry: MemoryEntry
    score: int
    kind: MatchKind
    words: tuple[tuple[str, str], ...] = ()
    figures: tuple[tuple[str, str], ...] = ()


def folded(text: str) -> str:
    """Text as the memory compares it: no accents, no case, spaces collapsed (typography differs, words do not)."""
    return " ".join(folded_words(text))


def folded_words(text: str) -> list[str]:
    """The words of `folded(text)` (split on spaces), without joining them first."""
    plain = text if text.isascii() else _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return plain.casefold().split()


_VARIANTS = {
    "a": "aàáâãäåāą",
    "c": "cçćč",
    "e": "eèéêëēėęě",
    "i": "iìíîïīį",
    "n": "nñńň",
    "o": "oòóôõöøō",
    "u": "uùúûüūů",
    "y": "yýÿ",
    "s": "sśšș",
    "z": "zźżž",
    "g": "gğ",
    "l": "lł",
    "r": "rř",
    "t": "tțť",
    "d": "dď",
}


def accent_pattern(phrase: str) -> str:
    """A POSIX regular expression (for a case-insensitive match) finding `phrase` whatever the accents and spacing
    of the text searched: the database's side of `folded`, for servers that cannot fold text themselves."""
    out = []
    for char in folded(phrase):
        if char == " ":
            out.append(r"\s+")
        elif char in _VARIANTS:  # both cases: a server's case folding may stop at ASCII (the C locale)
            out.append(f"[{_VARIANTS[char]}{_VARIANTS[char].upper()}]")
        elif char.isalnum():
            out.append(char)
        else:
            out.append("\\" + char)
    return "".join(out)


def search_terms(text: str, limit: int = 24) -> list[str]:
    """The words an index looks candidates up by: distinct folded words of four letters or more, longest first
    (long words are the rare ones), at most `limit`."""
    words = dict.fromkeys(_WORD.findall(folded(text)))
    return sorted(words, key=lambda w: (-len(w), w))[:limit]


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, folded (a sentence ends at . ! ? … or a closing quote before the next)."""
    return [s for s in (folded(part) for part in _SENTENCE_END.split(text)) if s]


def _figures_differ(remembered: str, now: str) -> tuple[tuple[str, str], ...]:
    """Figures of the remembered French missing from this one, beside this one's figures missing from it."""
    from tracker.facts import figures

    old = [f for f in figures(remembered, "fr") if f.claim]
    new = [f for f in figures(now, "fr") if f.claim]
    gone = [f.text for f in old if not any(f.values & g.values for g in new)]
    came = [f.text for f in new if not any(f.values & g.values for g in old)]
    pairs = list(zip(gone, came, strict=False))
    pairs += [(g, "") for g in gone[len(came) :]] + [("", c) for c in came[len(gone) :]]
    return tuple(pairs)


def _partial(text: str, entry: MemoryEntry) -> int:
    """The share (0-100) of this paragraph a remembered one covers, when every sentence of it is in this one."""
    theirs = sentences(entry.fr)
    if not theirs or len(entry.fr) >= len(text):
        return 0
    mine = folded(text)
    if not all(s in mine for s in theirs):
        return 0
    return round(100 * sum(len(s) for s in theirs) / max(len(mine), 1))


def match(text: str, entry: MemoryEntry, near: int = NEAR) -> MemoryMatch | None:
    """How `entry` matches the French paragraph `text`, or None when it is not worth offering."""
    # the scorers are imported on the first match, not with the module: the storage layer imports this one for
    # folding and search terms on every open, and rapidfuzz, the diff and the figure parsers cost each command ~40 ms
    from rapidfuzz import fuzz

    from tracker.diff import word_diff

    if folded(entry.fr) == folded(text):
        return MemoryMatch(entry, 100, "exact")  # the same words: no figure can differ
    # 100 % is kept for the same text: a long paragraph with one figure changed rounds up to it
    score = min(99, round(fuzz.ratio(folded(entry.fr), folded(text))))
    kind: MatchKind = "near"
    if score < near:
        score, kind = _partial(text, entry), "partial"
        if not score:
            return None
    return MemoryMatch(entry, score, kind, word_diff(entry.fr, text), _figures_differ(entry.fr, text))


def best(text: str, candidates: Iterable[MemoryEntry], limit: int = 5, near: int = NEAR) -> list[MemoryMatch]:
    """The best matches for `text` among `candidates`: exact first, then by score; approved English and newer
    entries first among equals; one match per distinct English."""
    found = [m for m in (match(text, e, near) for e in candidates) if m is not None]
    rank = {"exact": 0, "near": 1, "partial": 2}
    found.sort(key=lambda m: (rank[m.kind], -m.score, not m.entry.approved, -(m.entry.at or _EPOCH).timestamp()))
    seen: set[str] = set()
    out = []
    for m in found:
        if m.entry.en not in seen:
            seen.add(m.entry.en)
            out.append(m)
    return out[:limit]


def concordance(phrase: str, entries: Sequence[MemoryEntry], limit: int = 20) -> list[MemoryEntry]:
    """Remembered pairs whose French or English contains `phrase` (accents, case and spacing ignored), approved
    and newer first."""
    wanted = folded(phrase)
    hits = [e for e in entries if wanted and (wanted in folded(e.fr) or wanted in folded(e.en))]
    hits.sort(key=lambda e: (not e.approved, -(e.at or _EPOCH).timestamp()))
    return hits[:limit]


_EPOCH = datetime(1970, 1, 1).astimezone()


@dataclass(frozen=True, slots=True)
class Term:
    """One French term and an English equivalent a termbase allows (`status`: preferred, admitted, ...), read by
    the names check beside the configured `[names]`."""

    fr: str
    en: str
    origin: str
    concept: str = ""
    status: str = ""
    note: str = ""
