"""Say whether a paragraph's change matters to a translator (substantive) or not (cosmetic), and why.

Substantive: a figure, a date, a name, quoted words, a negation, a sentence or other words added or removed.
Cosmetic: a typo, punctuation, spacing, letter case, number formatting with the same value, a desk signature.
A changed figure is never cosmetic, even when it is one character.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from rapidfuzz.distance import DamerauLevenshtein, Indel

from tracker.diff.lexicon import (
    ATTRIBUTION,
    DATES,
    FIGURE,
    NEGATIONS,
    NOT_TYPOS,
    figure_value,
    figures,
    fold,
    is_signature,
    number_word_value,
    spoken_value,
    strip_accents,
)
from tracker.diff.words import NUMBER_PATTERN, WORD_PATTERN, changed_runs

_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|\"|$)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")


class _Word(NamedTuple):
    text: str
    low: str
    quoted: bool
    number: bool
    initial: bool = False  # first word of a sentence: its capital says nothing about a name


_QUOTE_OR_WORD = re.compile(f'"|[.!?…]|{NUMBER_PATTERN}|{WORD_PATTERN}')


def _words(folded: str) -> list[_Word]:
    """Words and figures of a folded text, each knowing whether it sits inside quotation marks and whether
    it opens a sentence."""
    out: list[_Word] = []
    quoted = False
    initial = True
    for tok in _QUOTE_OR_WORD.findall(folded):
        if tok == '"':
            quoted = not quoted
        elif tok in ".!?…":
            initial = True
        elif "-" in tok and not tok[0].isdigit():
            # `sud-ouest` and `sud ouest` hold the same words: a hyphen is punctuation
            parts = [p for p in tok.split("-") if p]
            out.extend(_Word(p, p.lower(), quoted, False, initial and n == 0) for n, p in enumerate(parts))
            initial = False
        else:
            # `l'` and `l` are one word whatever the spacing around the apostrophe
            out.append(_Word(tok, tok.lower().rstrip("'"), quoted, tok[0].isdigit(), initial))
            initial = False
    return out


def _spoken_values(words: list[_Word]) -> Counter[float]:
    """Values of every number however written: `10 000`, `dix 000`, `dix mille` and `10.000` are all 10000.
    A lone `un`/`une`/`one` is an article, not a figure."""
    values: Counter[float] = Counter()
    run: list[tuple[str, float]] = []
    for w in [*words, _Word("", "", False, False)]:
        value = figure_value(w.text) if w.number else number_word_value(w.low)
        if value is not None and not (run and w.number and run[-1][0].isdigit() and len(w.text) != 3):
            run.append((w.text, float(value)))
            continue
        if run and not (len(run) == 1 and run[0][0].lower() in ("un", "une", "one")):
            values[spoken_value(run)] += 1
        run = [(w.text, float(value))] if value is not None else []
    return values


def _is_typo(old: str, new: str) -> bool:
    """A slip of the keyboard: accents only, or one or two letters in a long enough word (never a figure),
    unless both spellings are distinct common words (`le` -> `la`, `et` -> `est`)."""
    if any(c.isdigit() for c in old + new):
        return False
    if strip_accents(old) == strip_accents(new):
        return True
    if old in NOT_TYPOS and new in NOT_TYPOS:
        return False
    distance = DamerauLevenshtein.distance(old, new)
    longest = max(len(old), len(new))
    return (distance == 1 and longest >= 3) or (distance == 2 and longest >= 7)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _numbers_in(text: str, spelled: bool) -> list[str]:
    found = [m.group() for m in FIGURE.finditer(text)]
    if spelled:
        found += [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text) if _is_number_word(w)]
    return found


def _is_number_word(word: str) -> bool:
    return word.lower() not in ("un", "une", "one") and number_word_value(word) is not None


def _figure_reasons(old: str, new: str) -> list[str]:
    """`figure: 6.500 -> 6.600` for each changed run holding a figure; spelled-out numbers count only when
    a number stands on both sides (`deux` -> `trois`), not when a phrase that happens to hold one is added."""
    reasons = []
    for a, b in changed_runs(old, new):
        na, nb = _numbers_in(a, False), _numbers_in(b, False)
        if not na and not nb:
            na, nb = _numbers_in(a, True), _numbers_in(b, True)
            if not (na and nb):
                continue
        if na and nb:
            reasons.append(f"figure: {_short(' '.join(na))} -> {_short(' '.join(nb))}")
        elif nb:
            reasons.append(f"figure added: {_short(' '.join(nb))}")
        else:
            reasons.append(f"figure removed: {_short(' '.join(na))}")
    return reasons


def _chunk_reasons(dele: list[_Word], ins: list[_Word], more_sentences: int) -> tuple[list[str], list[str]]:
    """(substantive, cosmetic) reasons of one run of changed words."""
    sub: list[str] = []
    d = [w for w in dele if not w.number]
    i = [w for w in ins if not w.number]
    if not d and not i:
        return sub, []  # figures only: judged by their values
    if "".join(w.low for w in d) == "".join(w.low for w in i):
        return sub, ["spacing"]  # `gouver nement` -> `gouvernement`: the same letters, spaced differently
    if Counter(w.low for w in d if w.low in NEGATIONS) != Counter(w.low for w in i if w.low in NEGATIONS):
        sub.append("negation")
    if any(w.low in DATES for w in d + i):
        sub.append("date")
    if not sub and len(d) == len(i) and all(_is_typo(a.low, b.low) for a, b in zip(d, i, strict=True)):
        return [], ["typo"]
    if any(w.quoted for w in d + i):
        sub.append("quote")
    if any(w.text[:1].isupper() and not w.initial for w in d + i):
        sub.append("name")
    if len(i) >= 3 and more_sentences > 0:
        sub.append("sentence added")
    if len(d) >= 3 and more_sentences < 0:
        sub.append("sentence removed")
    if any(w.low in ATTRIBUTION for w in i):
        sub.append("attribution added")
    if not sub:
        sub.append("words added" if not d else "words removed" if not i else "wording")
    return sub, []


def _cosmetic_reasons(old: str, new: str, fo: str, fn: str) -> list[str]:
    reasons = []
    if re.sub(r"[\w\s]", "", fo) != re.sub(r"[\w\s]", "", fn) or (fo == fn and old.split() != new.split()):
        reasons.append("punctuation")
    if fo.split() != fn.split() and fo.lower() == fn.lower():
        reasons.append("case")
    if "".join(old.split()) == "".join(new.split()) or any(
        not a.strip() and not b.strip() for a, b in changed_runs(old, new)
    ):
        reasons.append("spacing")
    return reasons


def _sentences(folded: str) -> list[str]:
    """The sentences of a folded text as lowercased word strings, in order."""
    return [" ".join(w.low for w in _words(p)) for p in _SENTENCE_SPLIT.split(folded) if p.strip()]


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def classify(old: str, new: str) -> tuple[bool, tuple[str, ...]]:
    """(substantive, reasons) of the change from `old` to `new` (paragraph texts, or several joined by a space)."""
    if old == new:
        return False, ()
    if is_signature(old) and is_signature(new):
        return False, ("signature",)
    fo, fn = fold(old), fold(new)
    wo, wn = _words(fo), _words(fn)
    sub: list[str] = []
    cos: list[str] = []
    lows_o, lows_n = [w.low for w in wo], [w.low for w in wn]
    if lows_o != lows_n and sorted(lows_o) == sorted(lows_n):
        so, sn = _sentences(fo), _sentences(fn)
        if so != sn and sorted(so) == sorted(sn):
            return False, ("sentences reordered",)  # the same sentences, word for word, in another order
    fig_o, fig_n = figures(fo), figures(fn)
    if fig_o != fig_n:
        if _spoken_values(wo) == _spoken_values(wn):
            cos.append("number format")
        else:
            sub.extend(_figure_reasons(old, new) or ["figure"])
    elif _spoken_values(wo) != _spoken_values(wn):
        sub.extend(_figure_reasons(old, new))  # may be none: `deux pays` added with a phrase is no figure
    elif [w.text for w in wo if w.number] != [w.text for w in wn if w.number]:
        cos.append("number format")
    more_sentences = len(_SENTENCE_END.findall(fn)) - len(_SENTENCE_END.findall(fo))
    spelled = "number format" in cos
    for op in _grouped(wo, wn):
        dele, ins = wo[op[0] : op[1]], wn[op[2] : op[3]]
        if spelled and all(w.number or number_word_value(w.low) is not None for w in dele + ins):
            continue
        s, c = _chunk_reasons(dele, ins, more_sentences)
        sub.extend(s)
        cos.extend(c)
    if sub:
        return True, _dedupe(sub)  # what a translator must act on; the cosmetic rest would be noise
    cos.extend(_cosmetic_reasons(old, new, fo, fn))
    return False, _dedupe(cos or ["punctuation"])


def _grouped(wo: list[_Word], wn: list[_Word]) -> list[tuple[int, int, int, int]]:
    """Spans (old start, old end, new start, new end) of the runs of words that differ, case left aside."""
    spans: list[tuple[int, int, int, int]] = []
    for op in Indel.opcodes([w.low for w in wo], [w.low for w in wn]):
        if op.tag == "equal":
            continue
        if spans and spans[-1][1] == op.src_start and spans[-1][3] == op.dest_start:
            a, _, b, _ = spans[-1]
            spans[-1] = (a, op.src_end, b, op.dest_end)
        else:
            spans.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return spans
