"""Cut plain text into paragraphs, remembering the lines each came from.

Paragraphs are separated by blank lines; a text with no blank line at all has one paragraph per line;
a first line that only names the revision (`First modification:`) is a label, not content.
"""

from __future__ import annotations

import re
import unicodedata

from tracker.model import Document, Paragraph

# A label names the revision and ends with a colon: short, no sentence inside.
_LABEL = re.compile(r"^[^.!?«»“”\"]{1,60}:$")


def normalize(text: str) -> str:
    """NFC, `\\n` line endings, no trailing spaces or tabs; no-break spaces and typography are kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
        return text  # no line ends in a space or a tab (most files): nothing to strip, no split and join
    # rstrip per line, not a `[ \t]+$` regex: the regex retries at every space of a run, quadratic in its length
    return "\n".join(line.rstrip(" \t") for line in text.split("\n"))


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Spans [start, end) of non-blank line runs."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def segment(text: str) -> Document:
    """Paragraphs of a plain text, with 1-based line spans; hard-wrapped lines join with one space."""
    lines = normalize(text).split("\n")
    label: str | None = None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and _LABEL.match(lines[first].strip()):
        rest = [line for line in lines[first + 1 :] if line.strip()]
        if rest:
            label = lines[first].strip()[:-1].strip()
            lines = [""] * (first + 1) + lines[first + 1 :]
    spans = _blocks(lines)
    has_blank_separator = len(spans) > 1
    if not has_blank_separator and spans:
        start, end = spans[0]
        spans = [(i, i + 1) for i in range(start, end)]
    paragraphs = tuple(
        Paragraph(
            index=n,
            # most paragraphs are one line: no generator and join for them
            text=lines[start].strip() if end == start + 1 else " ".join(line.strip() for line in lines[start:end]),
            line_start=start + 1,
            line_end=end,
        )
        for n, (start, end) in enumerate(spans)
    )
    return Document(paragraphs=paragraphs, label=label)
