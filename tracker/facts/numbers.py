"""Figures written with digits, in either convention: `6.500` = `6 500` = `6,500`, `2 millions d’euros` = `€2m`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.facts.vocabulary import (
    _CURRENCIES,
    _HALF,
    _ORDINAL_SUFFIX,
    _SCALES,
    _UNIT_WORDS,
    _UNITS,
    _WORD,
    Language,
)

# More digits than any figure a story states (a world population has 10, a national debt in cents 16): a longer
# run is an identifier or noise, and its value would overflow a float (309 digits) or exceed int()'s 4,300.
MAX_DIGITS = 40


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as written, with every value it may stand for; `claim` is False for figures that only vouch
    (parts of dates and times, vague words like `dozen`), `spelled` for figures written as words."""

    text: str
    values: frozenset[float]
    start: int
    end: int
    unit: str | None = None
    claim: bool = True
    spelled: bool = False
    scale: float = 1.0


def _num(value: float) -> float:
    return float(round(value, 6))


def _group_values(raw: str) -> frozenset[float] | None:
    """Values of one number written with thousands separators and/or a decimal mark, in either convention."""
    if sum(c.isdigit() for c in raw) > MAX_DIGITS:
        return None  # no quantity has this many digits; int() and float() would overflow or refuse it
    parts = re.split(r"([.,\s\u00a0\u202f\u2009])", raw)
    groups, seps = parts[::2], parts[1::2]
    if not seps:
        return frozenset({_num(int(raw))})
    marks = [s if s in ".," else " " for s in seps]
    tail3 = all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
    if len(set(marks)) == 1:
        whole = int("".join(groups))
        if marks[0] == " ":
            return frozenset({_num(whole)}) if tail3 else None
        if len(seps) == 1:
            decimal = float(f"{groups[0]}.{groups[1]}")
            return frozenset({_num(decimal), _num(whole)}) if tail3 else frozenset({_num(decimal)})
        return frozenset({_num(whole)}) if tail3 else None
    last = marks[-1]
    if last == " " or last in marks[:-1] or not all(len(g) == 3 for g in groups[1:-1]):
        return None
    return frozenset({_num(float("".join(groups[:-1]) + "." + groups[-1]))})


_NUMBER = re.compile(r"\d+(?:(?:[.,]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*")
_AFTER = re.compile(
    r"(?P<glue>[^\W\d_€%°]+(?:/h)?|°[CF]?)?(?P<sp>[ \u00a0\u202f\u2009-]?)"
    r"(?P<word>%|€|M€|Md€|Mds?\$|[MG]\$|[^\W\d_][\w’'/]*)?"
)
_BEFORE_CURRENCY = re.compile(r"(?:US|C|A|HK)?([$€£])[ \u00a0]?$")


def _split_number(raw: str, start: int) -> list[tuple[str, int]]:
    """Space-joined runs are one number only when grouped by three (`6 500`); `2020 123` is two."""
    pieces = re.split(r"([ \u00a0\u202f\u2009])", raw)
    out: list[tuple[str, int]] = []
    # the head and the decimal mark are tracked as pieces join, not searched again in the growing number:
    # a long run of `000 000 ...` would otherwise cost its length squared
    current, cur_start, pos = [pieces[0]], start, start + len(pieces[0])
    head_short, has_mark = len(pieces[0]) <= 3, bool(re.search(r"[.,]", pieces[0]))
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if head_short and not has_mark and len(piece) == 3:
            current += (sep, piece)
            has_mark = has_mark or bool(re.search(r"[.,]", piece))
        else:
            out.append(("".join(current), cur_start))
            current, cur_start = [piece], pos + len(sep)
            head_short, has_mark = len(piece) <= 3, bool(re.search(r"[.,]", piece))
        pos += len(sep) + len(piece)
    out.append(("".join(current), cur_start))
    return out


def _digit_figures(text: str, lang: Language) -> list[Figure]:
    found: list[Figure] = []
    for match in _NUMBER.finditer(text):
        for raw, start in _split_number(match.group(), match.start()):
            figure = _digit_figure(text, raw, start, lang)
            if figure is not None:
                found.append(figure)
    return found


def _digit_figure(text: str, raw: str, start: int, lang: Language) -> Figure | None:
    end = start + len(raw)
    before = text[max(0, start - 2) : start]
    identifier = bool(re.search(rf"{_WORD}$|{_WORD}[-‑]$", before))
    values = _group_values(raw)
    if values is None:
        return Figure(raw, frozenset(), start, end, claim=False)
    after = _AFTER.match(text, end)
    assert after is not None
    glue = (after.group("glue") or "").lower()
    word = (after.group("word") or "").lower()
    unit: str | None = None
    scale = 1.0
    claim = not identifier
    if glue and len(glue) == 1 and (after.group("glue") or "").isupper() and glue not in {"m", "k"}:
        claim, glue = False, ""  # 4G, 3D: a name, not a quantity
    if glue:
        if glue in _ORDINAL_SUFFIX and (after.group("glue") or "").islower():
            end = after.end("glue")
        elif glue in _SCALES or glue in _CURRENCIES or glue in _UNITS:
            word, end = glue, after.end("glue")
        else:
            claim = False  # 4G, 3D, 2CV: a name, not a quantity
        if glue in _CURRENCIES:
            unit = _CURRENCIES[glue]
    if word in _SCALES and (after.group("sp") or not glue or glue == word) and not (word == "m" and glue != "m"):
        scale = _SCALES[word]
        values = frozenset(_num(v * scale) for v in values) | (values if word in {"m", "k"} else frozenset())
        end = max(end, after.end("word"))
        unit = _unit_after_scale(text[end : end + 24].lower().lstrip(" \u00a0"))
    if word in _CURRENCIES:
        unit = unit or _CURRENCIES[word]
    elif word in _UNITS or word in _UNIT_WORDS:
        unit = _UNIT_WORDS.get(word, word)
    elif re.match(r"pour[ \u00a0]cent|per[ \u00a0]?cent", text[after.start("word") : after.start("word") + 9].lower()):
        unit = "%"
    if word in {"m€", "md€"}:
        unit = "EUR"
    if lang == "fr" and word in {"billion", "billions"}:
        values = values | frozenset(_num(v * 1000) for v in values)  # a French billion is a million million
    currency_before = _BEFORE_CURRENCY.search(text[max(0, start - 4) : start])
    if currency_before:
        unit = _CURRENCIES[currency_before.group(1)]
    values = values | _century(text, start, raw)
    if _HALF.match(text, end):
        values = values | frozenset(_num(v + 0.5) for v in values)  # 2 ans et demi
    return Figure(text[start:end], values, start, end, unit=unit, claim=claim, scale=scale)


def _unit_after_scale(rest: str) -> str | None:
    """`millions d'euros`, `million pounds`, `milliards de mètres cubes`."""
    if re.match(r"(?:de |d[’'])?(?:mètres? cubes?|cubic (?:metres|meters)|m3|m³)", rest):
        return "m3"
    if re.match(r"cubic (?:feet|foot)", rest):
        return "ft3"
    found = re.match(r"(?:de |d[’'])?(\w+|€)", rest)
    if found and found.group(1) in _CURRENCIES:
        return _CURRENCIES[found.group(1)]
    if found and (found.group(1) in _UNITS or found.group(1) in _UNIT_WORDS):
        return _UNIT_WORDS.get(found.group(1), found.group(1))
    return None


def _century(text: str, start: int, raw: str) -> frozenset[float]:
    """`2014-15` also means 2015."""
    lead = re.search(r"((?:19|20)\d)\d[-–/]$", text[max(0, start - 5) : start])
    if lead and len(raw) == 2:
        return frozenset({_num(int(lead.group(1)[:2] + raw))})
    return frozenset()
