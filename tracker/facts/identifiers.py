"""Identifiers that mix letters and digits (M23, A380, G20, F-16, COVID-19, RN7, 737 MAX): written alike in both
languages, so one side's identifier missing from the other is a changed or a lost fact."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.facts.vocabulary import _CURRENCIES, _EN_MONTHS, _FR_MONTHS, _ORDINAL_SUFFIX, _SCALES, _UNITS

_LETTER = r"[^\W\d_]"
# A run of letters and digits, hyphens inside, holding a digit somewhere (`COVID-19`, `A380`, `anti-G20`).
_RUN = re.compile(r"(?<![\w‑-])(?:[^\W\d_]+[-‑])*[^\W_]*\d[^\W_]*(?:[-‑][^\W_]+)*")
_DIGITS_AND_HYPHENS = re.compile(r"[\d‑-]")
_HYPHENS = re.compile(r"[‑-]")
_SPACES = re.compile(r"[ \u00a0\u202f‑-]")
# `Boeing 737 MAX`: a model number and a variant in capitals after a capitalised maker's name, mid-sentence.
_MODEL = re.compile(r"(?<![.!?:] )(?<!^)\b([A-Z][a-z]+)[ \u00a0](\d{2,4})[ \u00a0]([A-Z]{2,5})\b")
# Capitals after a number that are a currency, a time zone or a unit, not a variant (`300 EUR`, `9 GMT`).
_NOT_VARIANT = {c for c in _CURRENCIES.values() if c.isalpha()} | {"GMT", "UTC", "CET", "BST", "EST", "PST", "AM", "PM"}
_NOT_MAKER = {m.capitalize() for m in _FR_MONTHS} | set(_EN_MONTHS)
# Quarters and halves of a year are written differently by each language (T3/Q3, S1/H1): dates, not identifiers.
_PERIOD = re.compile(r"[QTSH][1-4]")
# Letters after a number that make it a measure, an ordinal or a time: `15km`, `3bn`, `2e`, `14h`, `10pm`.
_NOT_AFTER_NUMBER = _SCALES.keys() | _UNITS | _ORDINAL_SUFFIX | {"h", "am", "pm", "s", "x", "b", "ème", "eme"}
_GENERATION = set("ACDFGILNPRSUVWYZ")
_SEPARATOR = "[ \u00a0\u202f‑-]?"


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier as written, its spelling-neutral key (capitals, no hyphen) and where it stands."""

    text: str
    key: str
    start: int
    end: int


def _trimmed(run: str) -> tuple[int, int]:
    """The run without leading or trailing lower-case words joined by hyphens (`anti-G20`, `Covid-19-related`)."""
    parts = re.split(r"([-‑])", run)
    first, last = 0, len(parts) - 1
    while first < last and parts[first].isalpha() and parts[first].islower():
        first += 2
    while last > first and parts[last].isalpha() and parts[last].islower():
        last -= 2
    start = sum(len(p) for p in parts[:first])
    return start, start + sum(len(p) for p in parts[first : last + 1])


def _is_identifier(token: str) -> bool:
    letters = _DIGITS_AND_HYPHENS.sub("", token)
    if not letters or len(letters) == len(_HYPHENS.sub("", token)) or not any(c.isupper() for c in letters):
        return False
    if _PERIOD.fullmatch(token):
        return False
    if token[0].isdigit():
        # `5G`, `3D`; not a measure, a scale, an ordinal or a time (`15KM`, `5M`, `14H30`, `2E`).
        tail = re.fullmatch(r"\d+[-‑]?([^\W\d_]+)", token)
        if tail is None:
            return False
        # One capital that no scale, time or ordinal uses is a generation or a dimension (`5G`, `3D`), not grams.
        return tail.group(1).lower() not in _NOT_AFTER_NUMBER or tail.group(1) in _GENERATION
    return True


@lru_cache(maxsize=2048)
def identifiers(text: str) -> tuple[Identifier, ...]:
    """Every identifier of a text, in order."""
    if not any(c.isdigit() for c in text):
        return ()
    out: list[Identifier] = []
    for m in _RUN.finditer(text):
        a, b = _trimmed(m.group())
        token = m.group()[a:b]
        if _is_identifier(token):
            out.append(Identifier(token, key(token), m.start() + a, m.start() + b))
    for m in _MODEL.finditer(text):
        maker, variant = m.group(1), m.group(3)
        if maker not in _NOT_MAKER and variant not in _NOT_VARIANT and variant.lower() not in _UNITS:
            model = text[m.start(2) : m.end(3)]
            out.append(Identifier(model, key(model), m.start(2), m.end(3)))
    return tuple(sorted(out, key=lambda i: i.start))


def key(token: str) -> str:
    """Capitals, with no space or hyphen: `Covid-19` = `COVID19`, `F-16` = `F16`."""
    return _SPACES.sub("", token).upper()


@lru_cache(maxsize=4096)
def _pattern(key_: str) -> re.Pattern[str]:
    pieces = re.findall(r"\d+|[^\W\d_]+", key_)
    return re.compile(rf"(?<![^\W_]){_SEPARATOR.join(map(re.escape, pieces))}(?![^\W_])", re.IGNORECASE)


def written_in(identifier: Identifier, text: str) -> bool:
    """Whether a text writes the identifier, with or without a space or hyphen between letters and digits
    (`Euro-2016` = `Euro 2016`, `F16` = `F-16`)."""
    return _pattern(identifier.key).search(text) is not None


# A stem this long written alone stands for the identifier (`le Covid` for `Covid-19`); a shorter one (`M`) not.
_STEM = 3


def carried_in(identifier: Identifier, text: str) -> bool:
    """Whether a text carries the identifier: writes it, or writes its letters alone as a word while no other
    identifier of the text has those letters (`Covid` for `Covid-19`, but not `Covid-20`)."""
    if written_in(identifier, text):
        return True
    stem = re.match(r"[^\W\d_]+", identifier.key)
    if stem is None or len(stem.group()) < _STEM:
        return False
    letters = stem.group()
    if any(other.key.startswith(letters) for other in identifiers(text)):
        return False
    return re.search(rf"(?<![^\W_]){re.escape(letters)}(?![^\W_])", text, re.IGNORECASE) is not None
