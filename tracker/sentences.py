"""Cut a paragraph into sentences, in French or English: abbreviations, initials, « » and “ ” quotes, dialogue dashes.

A sentence ends at `.`, `!`, `?` or `…` (and any closing quote or bracket after it) followed by a space and a
capital, a digit, an opening quote or a dialogue dash; never after an abbreviation or an initial, and never
inside a quotation that closes later in the paragraph (a quoted passage and its attribution stay together).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Abbreviations a full stop follows without ending a sentence (lower case; both languages).
_ABBREVIATION_WORDS = """
    m mm mme mmes mlle mlles dr pr st ste sts art av bd cf ch chap etc éd env ex fig hab no nos
    p pp réf sq vol vs cie ets
    mr mrs ms messrs prof sen rep gov gen col lt sgt capt cmdr adm maj cpl rev hon jr sr inc corp ltd co bros
    dept approx ave blvd mt ft jan feb mar apr jun jul aug sep sept oct nov dec
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[»”\"’')\]])*(?=[ \t\n\u00a0\u202f])")
_SPACE = re.compile(r"[ \t\n\u00a0\u202f]+")
_OPENERS = '«“"‘([—–-'
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.’'-]*)\.$")
_QUOTES = {"«": "»", "“": "”"}


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the text from `at` reads as a sentence's start: a capital or a digit, after any opening quote,
    bracket or dialogue dash."""
    k = at
    while k < len(text) and (text[k] in _OPENERS or text[k] in " \u00a0\u202f"):
        k += 1
    return k < len(text) and (text[k].isupper() or text[k].isdigit() or (k > at and text[at] in "—–"))


def _abbreviated(text: str, end: int) -> bool:
    """A full stop after an abbreviation, an initial (`J. K. Rowling`) or a dotted acronym (`U.S.`, `e.g.`)."""
    m = _WORD_BEFORE.search(text, max(0, end - 24), end)
    if m is None:
        return False
    word = m.group(1)
    return len(word) == 1 or "." in word or word.lower() in _ABBREVIATIONS


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of quotations that open and close inside the text (`«…»`, `“…”`, `"…"`), outermost only."""
    spans: list[tuple[int, int]] = []
    exhausted: set[str] = set()  # closing marks absent from the rest of the text: each is searched for once
    k = 0
    while k < len(text):
        char = text[k]
        close = _QUOTES.get(char) or ('"' if char == '"' else None)
        if close is None or close in exhausted:
            k += 1
            continue
        end = text.find(close, k + 1)
        if end < 0:
            exhausted.add(close)  # a quotation running into the next paragraph blocks nothing
            k += 1
            continue
        spans.append((k, end))
        k = end + 1
    return spans


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a paragraph, in order, without the spaces between them; a text with no
    sentence end is one sentence, and a blank text none."""
    quoted = _quoted(text) if any(q in text for q in '«“"') else []
    starts = [0]
    for m in _END.finditer(text):
        end = m.end()
        if any(a < end <= b for a, b in quoted) or (m.group()[0] == "." and _abbreviated(text, m.start() + 1)):
            continue
        space = _SPACE.match(text, end)
        after = space.end() if space else end
        if _opens_sentence(text, after):
            starts.append(after)
    spans = []
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return tuple(spans)


def sentences(text: str) -> tuple[str, ...]:
    """The sentences of a paragraph, in order."""
    return tuple(text[a:b] for a, b in sentence_spans(text))
