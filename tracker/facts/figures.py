"""Every figure of a text, digits, words and centuries, with the parts of dates and times set aside."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from tracker.facts.dates import dates
from tracker.facts.numbers import Figure, _digit_figures, _num
from tracker.facts.vocabulary import _CONVERSIONS, Language
from tracker.facts.words import _word_figures

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CENTURY = re.compile(r"\b([IVXLC]+)(?:e|ème|er)[ \u00a0]+(?=siècles?|millénaire|arrondissement|République)")


def _roman(numeral: str) -> int:
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        total += -value if i + 1 < len(numeral) and _ROMAN_VALUES[numeral[i + 1]] > value else value
    return total


def _century_figures(text: str, lang: Language) -> list[Figure]:
    """`XXIe siècle` = `21st century`."""
    if lang != "fr":
        return []
    return [
        Figure(m.group(), frozenset({float(_roman(m.group(1)))}), m.start(), m.end()) for m in _CENTURY.finditer(text)
    ]


@lru_cache(maxsize=2048)
def figures(text: str, lang: Language) -> tuple[Figure, ...]:
    """Every figure of a text, in order; parts of dates and times come back with claim=False."""
    inside = [(d.start, d.end) for d in dates(text, lang) if d.kind != "month"]
    found = _digit_figures(text, lang) + _word_figures(text, lang) + _century_figures(text, lang)
    found.sort(key=lambda f: f.start)
    out: list[Figure] = []
    # figures and date spans are both walked by start, so "inside a date" costs one pass, not figures x dates
    inside.sort()
    cursor, reach = 0, -1
    for n, figure in enumerate(found):
        nxt = found[n + 1] if n + 1 < len(found) else None
        if nxt and figure.scale == 1.0 and nxt.scale != 1.0 and _RANGE.fullmatch(text[figure.end : nxt.start]):
            scaled = frozenset(_num(v * nxt.scale) for v in figure.values)
            figure = replace(figure, values=figure.values | scaled, unit=figure.unit or nxt.unit)
        while cursor < len(inside) and inside[cursor][0] <= figure.start:
            reach = max(reach, inside[cursor][1])
            cursor += 1
        if figure.start < reach:
            figure = replace(figure, claim=False)
        out.append(figure)
    return tuple(out)


_RANGE = re.compile(r"[ \u00a0]*(?:à|et|ou|-|–|to|and|or)[ \u00a0]*")


def converted(value: float, unit: str | None) -> tuple[str, float] | None:
    """The unit an English paper may convert a metric unit to, and the value there (15 m -> ft, 49.2)."""
    if unit in _CONVERSIONS:
        target, factor = _CONVERSIONS[unit]
        return target, value * factor
    return None


def precision(value: float) -> float:
    """Half a unit of the last significant digit, as written (286 -> 0.5, 6500 -> 50, 45.72 -> 0.005)."""
    if value.is_integer():
        digits = str(int(abs(value)))
        zeros = len(digits) - len(digits.rstrip("0")) if value else 0
        return 0.5 * 10.0**zeros
    return 0.5 * 10.0 ** -len(repr(value).split(".")[1])
