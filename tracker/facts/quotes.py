"""Top-level quoted passages: « », “ ”, „ “, straight and single quotes told apart from apostrophes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.facts.vocabulary import _SPACES

_PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›"}


@dataclass(frozen=True, slots=True)
class Quote:
    """A top-level quoted passage (nested quotes stay inside it); `text` excludes the marks."""

    text: str
    start: int
    end: int

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+", self.text))


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and after.isalpha()  # '90s is a decade, not a quote


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return i > 0 and not text[i - 1].isspace() and not after.isalnum()


def _opens_paragraph_quote(text: str, i: int) -> bool:
    """A single quote that opens speech and runs on past the paragraph (`said: 'She was...`)."""
    return (i == 0 or text[:i].rstrip().endswith(":")) and i + 1 < len(text) and text[i + 1].isupper()


def _close_of(text: str, i: int) -> int:
    """Index of the mark closing the quote opened at i (len(text) when it runs to the end of the paragraph)."""
    mark = text[i]
    if mark in _PAIRS:
        closer, depth = _PAIRS[mark], 0
        for j in range(i + 1, len(text)):
            if text[j] == mark and mark != closer:
                depth += 1
            elif text[j] == closer:
                if depth == 0:
                    return j
                depth -= 1
        return len(text)
    for j in range(i + 1, len(text)):
        if mark == '"' and text[j] == '"':
            return j
        if mark in "‘'" and text[j] in "’'" and _closes_single(text, j):
            return j
    return len(text)


_MARK = re.compile("[«“„‹\"‘']")


@lru_cache(maxsize=2048)
def quotes(text: str) -> tuple[Quote, ...]:
    """Top-level quoted passages: « », “ ”, „ “, "..." and ‘...’ or '...' (told apart from apostrophes)."""
    out: list[Quote] = []
    i = 0
    while i < len(text):
        mark = _MARK.search(text, i)
        if mark is None:
            break
        i = mark.start()
        char = text[i]
        if char in _PAIRS or char == '"' or (char in "‘'" and _opens_single(text, i)):
            end = _close_of(text, i)
            if char in "‘'" and end == len(text) and not _opens_paragraph_quote(text, i):
                i += 1
                continue
            inner = text[i + 1 : end].strip(_SPACES)
            if inner:
                out.append(Quote(inner, i, min(end + 1, len(text))))
            i = end + 1
            continue
        i += 1
    return tuple(out)
