"""Fit paragraphs to a provider's limits: cut long ones at sentence ends, pack short ones into one request
separated by blank lines, and check that the answer splits back into as many paragraphs as were sent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SEPARATOR = "\n\n"
_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0\u202f]*\n\s*")


def split_long(text: str, max_chars: int) -> list[str]:
    """Pieces of at most `max_chars` characters, cut at sentence ends, else at spaces, else anywhere."""
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        for part in _cut(sentence, max_chars):
            if current and len(current) + 1 + len(part) > max_chars:
                pieces.append(current)
                current = part
            else:
                current = f"{current} {part}" if current else part
    if current:
        pieces.append(current)
    return pieces


def _cut(sentence: str, max_chars: int) -> list[str]:
    out: list[str] = []
    while len(sentence) > max_chars:
        at = sentence.rfind(" ", 0, max_chars + 1)
        at = at if at > 0 else max_chars
        out.append(sentence[:at].rstrip())
        sentence = sentence[at:].lstrip()
    if sentence:
        out.append(sentence)
    return out


def pack(units: Sequence[str], max_chars: int) -> list[list[int]]:
    """Groups of unit indices whose texts joined by a blank line stay within `max_chars` (order kept)."""
    groups: list[list[int]] = []
    size = 0
    for i, unit in enumerate(units):
        extra = len(unit) + (len(SEPARATOR) if groups and groups[-1] else 0)
        if groups and groups[-1] and size + extra <= max_chars:
            groups[-1].append(i)
            size += extra
        else:
            groups.append([i])
            size = len(unit)
    return groups


def join(texts: Sequence[str]) -> str:
    return SEPARATOR.join(texts)


def unpack(answer: str, count: int) -> list[str] | None:
    """The answer cut back into `count` paragraphs, or None when the provider merged or split them."""
    parts = [part.strip() for part in _BLANK_LINES.split(answer.strip())]
    return parts if len(parts) == count and all(parts) else None
