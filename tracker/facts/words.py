"""Figures written as words in either language: `trois cent vingt-cinq`, `two thousand five hundred`, `dozen`."""

from __future__ import annotations

import re

from tracker.facts.numbers import Figure, _num
from tracker.facts.vocabulary import (
    _EN_NUMBERS,
    _EN_VAGUE,
    _FR_NUMBERS,
    _FR_VAGUE,
    _HALF,
    _SCALES,
    _UNIT_WORDS,
    Language,
    _alt,
)

_WORDS = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*")


def _head_value(word: str, numbers: dict[str, int]) -> tuple[int, int] | None:
    """The longest number at the start of a (hyphenated) word, and its length: `dix-huit`, `two` of `two-year-old`."""
    parts = word.split("-")
    for n in range(min(3, len(parts)), 0, -1):
        head = "-".join(parts[:n])
        if head in numbers:
            return numbers[head], len(head)
    return None


_RUN_TOKEN = re.compile(r"[ \u00a0\-‑]+(?:(et|and)[ \u00a0\-]+)?([^\W\d_]+)", re.IGNORECASE)
_HUNDRED = {"cent", "cents", "hundred"}
_THOUSAND = {"mille", "thousand"}


def _run_step(current: int, word: str, joined: bool, after_scale: bool, numbers: dict[str, int]) -> int | None:
    """`current` with one more number word, or None when the word does not continue the number."""
    if word in _HUNDRED:
        return None if joined else (current or 1) * 100
    if word in {"vingt", "vingts"} and current % 100 == 4 and not joined:
        return current + 76  # quatre-vingt
    value = numbers.get(word, 1 if word in {"un", "une", "one"} else 0)
    if not value or (joined and not (after_scale or word in {"un", "une", "onze"})):
        return None
    tens = current % 100
    if value < 10 and (tens >= 20 and tens % 10 == 0 or after_scale and tens == 0):
        return current + value
    if 10 <= value < 20 and (tens in {60, 80} or after_scale and tens == 0):
        return current + value
    if value >= 20 and after_scale and tens == 0:
        return current + value
    return None


def _spelled_run(text: str, start: int, value: int, numbers: dict[str, int]) -> tuple[float, int]:
    """The value of a number written in words from `start` (`trois cent vingt-cinq`, `three hundred and two`)."""
    total, current, end, after_scale = 0, value, start, False
    while (m := _RUN_TOKEN.match(text, end)) is not None:
        word = m.group(2).lower()
        if word in _THOUSAND and not m.group(1):
            total, current, end, after_scale = total + (current or 1) * 1000, 0, m.end(), True
            continue
        step = _run_step(current, word, bool(m.group(1)), after_scale, numbers)
        if step is None:
            break
        current, end, after_scale = step, m.end(), word in _HUNDRED
    return float(total + current), end


_NEXT_WORD = re.compile(r"\s+[^\W\d_]")
_BOTH = re.compile(r"\b(?:les|des|aux|tous|toutes)\s+$")
# `entre deux évènements` is `between events`, `à deux pas` a stone's throw: no count (`entre deux et trois` is one).
_DEUX_IDIOM = re.compile(r"\b(?:entre\s+deux(?!\s+(?:et|ou|à|-)\s)|à\s+deux\s+pas)\b", re.IGNORECASE)
_WORD_SCALE = re.compile(r"[ \u00a0-]+(millions?|milliards?|billions?|thousand|mille)\b")


_ONE = {"un", "une", "a", "an", "one"}
_UNIT_AFTER = re.compile(r"[ \u00a0-]+([^\W\d_]+)")


def _idiom(text: str, start: int) -> bool:
    """The `deux` at `start` is part of an idiom that counts nothing."""
    return any(m.start() < start < m.end() for m in _DEUX_IDIOM.finditer(text, max(0, start - 8), start + 12))


def _number_words(numbers: dict[str, int], vague: dict[str, tuple[float, ...]]) -> re.Pattern[str]:
    """Words that may be figures (with their hyphenated tails), so that other words are never looked at."""
    words = _alt([*numbers, *vague, *_ONE])
    return re.compile(rf"(?<![^\W\d_])(?:{words})(?:[-‑][^\W\d_]+)*(?![^\W\d_])", re.IGNORECASE)


def _first_number(word: str, text: str, start: int, numbers: dict[str, int]) -> tuple[int, int] | None:
    """The number a word run starts with: a number word, or `one`/`un` before `hundred`/`cent`."""
    read = _head_value(word, numbers)
    head = word.split("-")[0]
    if read is None and head in _ONE:
        after = _RUN_TOKEN.match(text, start + len(head))
        if after is not None and not after.group(1) and after.group(2).lower() in _HUNDRED:
            return 1, len(head)
    return read


def _word_figures(text: str, lang: Language) -> list[Figure]:
    numbers, vague = (_FR_NUMBERS, _FR_VAGUE) if lang == "fr" else (_EN_NUMBERS, _EN_VAGUE)
    found: list[Figure] = []
    last = 0
    for match in _NUMBER_WORDS[lang].finditer(text):
        if match.start() < last:
            continue  # inside a number already read (`vingt-cinq` of `trois cent vingt-cinq`)
        word = match.group().lower().replace("‑", "-")
        scale = _WORD_SCALE.match(text, match.end()) if word in _ONE else None
        if scale:
            value = _SCALES[scale.group(1).lower()]
            found.append(Figure(text[match.start() : scale.end()], frozenset({value}), match.start(), scale.end()))
            last = scale.end()
            continue
        read = _first_number(word, text, match.start(), numbers)
        if read is None:
            if word in vague:
                values = frozenset(map(_num, vague[word]))
                found.append(Figure(match.group(), values, match.start(), match.end(), None, False))
            continue
        claim = True
        if lang == "fr" and word == "neuf" and not _NEXT_WORD.match(text, match.end()):
            continue  # "un bâtiment neuf": new, not nine
        if lang == "fr" and word == "deux" and _BOTH.search(text[max(0, match.start() - 8) : match.start()]):
            claim = False  # "les deux" is as often "both" as "the two"
        if lang == "fr" and word == "deux" and _idiom(text, match.start()):
            claim = False
        value, end = _spelled_run(text, match.start() + read[1], read[0], numbers)
        half = _HALF.match(text, end)
        if half:
            value, end = value + 0.5, half.end()
        scale = _WORD_SCALE.match(text, end)
        if scale:
            value, end = value * _SCALES[scale.group(1).lower()], scale.end()
        unit = _UNIT_AFTER.match(text, end)
        measure = _UNIT_WORDS.get(unit.group(1).lower()) if unit else None
        found.append(
            Figure(text[match.start() : end], frozenset({_num(value)}), match.start(), end, measure, claim, True)
        )
        last = end
    return found


_NUMBER_WORDS = {"fr": _number_words(_FR_NUMBERS, _FR_VAGUE), "en": _number_words(_EN_NUMBERS, _EN_VAGUE)}
