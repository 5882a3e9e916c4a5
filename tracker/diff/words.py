"""Word-level diffs inside one paragraph (or a few joined), and the token similarity paragraph lineage relies on.

Tokens keep whitespace and punctuation so that the pieces of a diff join back into the exact texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

# Numbers first, so `6.500`, `6 500` (no-break spaces) and `1,5` stay one token; then words with their
# elided article (`l’`, `n'`) kept apart, so `a` -> `n'a` reads as one inserted token.
NUMBER_PATTERN = r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)*"
WORD_PATTERN = r"[^\W\d_]{1,3}['’](?=\w)|\w+(?:[-‑]\w+)*"
_TOKEN = re.compile(f"{NUMBER_PATTERN}|{WORD_PATTERN}|\\s+|[^\\w\\s]")
_WORDS_ONLY = re.compile(f"{NUMBER_PATTERN}|{WORD_PATTERN}")
_WORDISH = re.compile(r"\w")

# Below this word similarity a word diff is noise: show the paragraph as rewritten, old and new whole.
REWRITE_BELOW = 0.4

Op = tuple[str, str]


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """Every token of `text` (words, numbers, spaces, punctuation); they join back into `text`."""
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The lowercased words and numbers of `text`, punctuation and spacing left out: what lineage compares."""
    return tuple(_WORDS_ONLY.findall(text.lower()))


def encode(sequences: list[tuple[str, ...]]) -> list[str]:
    """Word sequences as strings of one character per distinct word (shared vocabulary), so that comparing
    them runs on plain strings: several times faster than on tuples of words, with the same results."""
    vocabulary: dict[str, str] = {}
    out = []
    for seq in sequences:
        chars = []
        for w in seq:
            c = vocabulary.get(w)
            if c is None:
                n = len(vocabulary) + 0x100
                c = vocabulary[w] = chr(n if n < 0xD800 else n + 0x800)
            chars.append(c)
        out.append("".join(chars))
    return out


def similarity(old: tuple[str, ...], new: tuple[str, ...]) -> float:
    """Share of words two token lists have in common, in order (Indel: 1.0 = same words)."""
    if not old and not new:
        return 1.0
    return float(Indel.normalized_similarity(old, new))


def matched(old: Sequence[str], new: Sequence[str]) -> int:
    """How many words of `old` and `new` pair up in order (their longest common subsequence)."""
    return (len(old) + len(new) - int(Indel.distance(old, new))) // 2


def _raw_ops(old: tuple[str, ...], new: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(tag, old text, new text) runs: tag `=` for equal, `~` for a change (deletion, insertion or both)."""
    runs: list[tuple[str, str, str]] = []
    for op in Indel.opcodes(old, new):
        a = "".join(old[op.src_start : op.src_end])
        b = "".join(new[op.dest_start : op.dest_end])
        tag = "=" if op.tag == "equal" else "~"
        if runs and runs[-1][0] == tag == "~":
            _, pa, pb = runs[-1]
            runs[-1] = ("~", pa + a, pb + b)
        else:
            runs.append((tag, a, b))
    return runs


def _absorb_small_equals(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fold a bare space or punctuation mark between two changes into them, so changes read as phrases."""
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(runs):
        tag, a, b = runs[i]
        glue = tag == "=" and not _WORDISH.search(a) and len(a) <= 2
        if glue and out and out[-1][0] == "~" and i + 1 < len(runs) and runs[i + 1][0] == "~":
            _, pa, pb = out[-1]
            _, na, nb = runs[i + 1]
            out[-1] = ("~", pa + a + na, pb + a + nb)
            i += 2
            continue
        out.append((tag, a, b))
        i += 1
    return out


def word_diff(old: str, new: str) -> tuple[Op, ...]:
    """Pieces `("=", text)`, `("-", text)`, `("+", text)`: the `=` and `-` pieces join into `old`, `=` and `+`
    into `new`. A heavy rewrite (few words in common) comes back whole: `("-", old), ("+", new)`."""
    if old == new:
        return (("=", old),) if old else ()
    if is_rewrite(old, new):
        return tuple(op for op in (("-", old), ("+", new)) if op[1])
    ops: list[Op] = []
    for tag, a, b in _absorb_small_equals(_raw_ops(tokens(old), tokens(new))):
        if tag == "=":
            ops.append(("=", a))
            continue
        if a:
            ops.append(("-", a))
        if b:
            ops.append(("+", b))
    return tuple(ops)


def is_rewrite(old: str, new: str) -> bool:
    """True when so few words survive that a word diff would be character soup."""
    a, b = words(old), words(new)
    return bool(a and b) and similarity(a, b) < REWRITE_BELOW


def changed_runs(old: str, new: str) -> list[tuple[str, str]]:
    """(removed text, inserted text) of each change between two texts, at token level (never rewritten whole)."""
    return [(a, b) for tag, a, b in _raw_ops(tokens(old), tokens(new)) if tag == "~"]
