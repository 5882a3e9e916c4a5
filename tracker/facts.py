"""Facts a translation must carry over, read from French or English text: figures, dates and times, quotes, names.

Each fact is normalised so that the same fact compares equal across conventions (`6.500` = `6,500`, `14h30` =
`2:30 pm`, `« »` = `“ ”`, `Poutine` ~ `Putin`); ambiguous spellings carry every value they may stand for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

Language = Literal["fr", "en"]
DateKind = Literal["day", "month", "weekday", "time", "decade"]

_SPACES = " \u00a0\u202f\u2009"
_WORD = r"[^\W\d_]"

# ---------------------------------------------------------------- vocabulary


def _alt(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_EN_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
_EN_MONTH_ABBR |= {"oct": 10, "nov": 11, "dec": 12}
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_FR_NUMBERS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17,
    "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "soixante-dix": 70, "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90,
}  # fmt: skip
_EN_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Words that stand for a value but are not figures an adapter must carry: they only vouch for figures opposite.
_FR_VAGUE = {
    "un": (1,), "une": (1,), "premier": (1,), "première": (1,), "deuxième": (2,), "second": (2,), "seconde": (2,),
    "troisième": (3,), "quatrième": (4,), "cinquième": (5,), "double": (2,), "doublé": (2,), "triple": (3,),
    "dizaine": (10, 12), "douzaine": (12, 10), "quinzaine": (15, 14), "vingtaine": (20,), "trentaine": (30,),
    "centaine": (100,), "cent": (100,), "mille": (1000,), "millier": (1000,), "milliers": (1000,),
    "moitié": (0.5, 50), "demi": (0.5,), "tiers": (3,), "quart": (4, 0.25), "an": (1,), "zéro": (0,),
}  # fmt: skip
_EN_VAGUE = {
    "one": (1,), "first": (1,), "second": (2,), "third": (3,), "fourth": (4,),
    "fifth": (5,), "both": (2,), "twice": (2,), "couple": (2,), "pair": (2,), "double": (2,), "doubled": (2,),
    "triple": (3,), "dozen": (12, 10), "dozens": (12,), "hundred": (100,), "thousand": (1000,), "half": (0.5, 50),
    "quarter": (4, 0.25), "decade": (10,), "fortnight": (15, 14), "zero": (0,), "once": (1,), "year": (1,),
    "hundreds": (100,), "thousands": (1000,), "noon": (12,), "midday": (12,), "midnight": (0, 12, 24),
}  # fmt: skip
_EN_ORDINALS = [
    "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_FR_ORDINALS = [
    "sixième", "septième", "huitième", "neuvième", "dixième", "onzième", "douzième", "treizième", "quatorzième",
    "quinzième", "seizième", "dix-septième", "dix-huitième", "dix-neuvième", "vingtième",
]  # fmt: skip
_EN_VAGUE |= {word: (n,) for n, word in enumerate(_EN_ORDINALS, start=6)}
_EN_VAGUE |= {f"twenty-{word}": (20 + n,) for word, n in (("first", 1), ("second", 2), ("third", 3))}
_FR_VAGUE |= {word: (n,) for n, word in enumerate(_FR_ORDINALS, start=6)}
_FR_VAGUE |= {"vingt-et-unième": (21,), "vingt-deuxième": (22,), "midi": (12,), "minuit": (0, 12, 24)}
_FR_VAGUE |= {"quarantaine": (40,), "cinquantaine": (50,), "soixantaine": (60,), "centaines": (100,)}
_SCALES = {
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9,
    "trillion": 1e12, "mille": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "md": 1e9, "mds": 1e9,
    "k": 1e3, "m€": 1e6, "md€": 1e9, "mrd": 1e9, "tn": 1e12, "m$": 1e6, "md$": 1e9, "mds$": 1e9, "g$": 1e9,
}  # fmt: skip
_CURRENCIES = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "d'euros": "EUR", "d’euros": "EUR", "m€": "EUR", "md€": "EUR",
    "$": "USD", "dollar": "USD", "dollars": "USD", "£": "GBP", "sterling": "GBP",
    "livres": "GBP", "yen": "JPY", "yens": "JPY", "yuan": "CNY", "yuans": "CNY", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "m$": "USD", "md$": "USD", "mds$": "USD", "g$": "USD", "%": "%",
    "percent": "%", "pc": "%", "pourcent": "%",
}  # fmt: skip
# Measures English papers convert (value in English = value in French x factor, roughly).
_CONVERSIONS = {
    "km": ("miles", 0.621371), "m": ("ft", 3.28084), "kg": ("lb", 2.20462), "ha": ("acres", 2.47105),
    "m3": ("ft3", 35.3147), "t": ("t", 1.10231), "cm": ("in", 0.393701),
}  # fmt: skip
_UNITS = {
    "km", "m", "cm", "mm", "kg", "g", "t", "ha", "l", "mw", "gw", "kw", "kwh", "mo", "go", "gb", "mb", "ft", "mph",
    "lb", "lbs", "oz", "mi", "miles", "acres", "°c", "°f", "°", "hz", "mhz", "ghz", "kmh", "km/h", "min", "mn",
}  # fmt: skip
_UNIT_WORDS = {
    "mètres": "m", "mètre": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m", "kilomètres": "km",
    "kilomètre": "km", "kilometres": "km", "kilometers": "km", "kilos": "kg", "kilogrammes": "kg", "kilograms": "kg",
    "hectares": "ha", "tonnes": "t", "tons": "t", "pounds": "lb", "pound": "lb", "feet": "ft", "foot": "ft",
    "mile": "miles", "acre": "acres", "lbs": "lb", "pouces": "in", "pouce": "in", "inches": "in", "inch": "in",
}  # fmt: skip
_ORDINAL_SUFFIX = {"e", "er", "ère", "re", "ème", "eme", "ième", "nd", "st", "rd", "th", "è"}

# ---------------------------------------------------------------- figures


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
    current, cur_start, pos = pieces[0], start, start + len(pieces[0])
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        head = re.split(r"[ \u00a0\u202f\u2009]", current)[0]
        if len(head) <= 3 and not re.search(r"[.,]", current) and len(piece) == 3:
            current += sep + piece
        else:
            out.append((current, cur_start))
            current, cur_start = piece, pos + len(sep)
        pos += len(sep) + len(piece)
    out.append((current, cur_start))
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
_HALF = re.compile(
    r"(?:-and-a-half|[ -]and[ -]a[ -]half|(?:[ \u00a0][^\W\d_]{2,})?[ \u00a0-]et[ \u00a0-]demie?)(?![^\W\d_])"
)
_WORD_SCALE = re.compile(r"[ \u00a0-]+(millions?|milliards?|billions?|thousand|mille)\b")


_ONE = {"un", "une", "a", "an", "one"}


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
        value, end = _spelled_run(text, match.start() + read[1], read[0], numbers)
        half = _HALF.match(text, end)
        if half:
            value, end = value + 0.5, half.end()
        scale = _WORD_SCALE.match(text, end)
        if scale:
            value, end = value * _SCALES[scale.group(1).lower()], scale.end()
        found.append(Figure(text[match.start() : end], frozenset({_num(value)}), match.start(), end, None, claim, True))
        last = end
    return found


_NUMBER_WORDS = {"fr": _number_words(_FR_NUMBERS, _FR_VAGUE), "en": _number_words(_EN_NUMBERS, _EN_VAGUE)}
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
    for n, figure in enumerate(found):
        nxt = found[n + 1] if n + 1 < len(found) else None
        if nxt and figure.scale == 1.0 and nxt.scale != 1.0 and _RANGE.fullmatch(text[figure.end : nxt.start]):
            scaled = frozenset(_num(v * nxt.scale) for v in figure.values)
            figure = replace(figure, values=figure.values | scaled, unit=figure.unit or nxt.unit)
        if any(s <= figure.start < e for s, e in inside):
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


# ---------------------------------------------------------------- dates and times


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date or time fact: `day` = month*100+day, `month` 1-12, `weekday` 0-6 (Monday 0), `time` = minutes
    after midnight (every reading of an ambiguous `2:30`), `decade` = its first year; `claim` as for figures."""

    kind: DateKind
    values: frozenset[int]
    text: str
    start: int
    end: int
    claim: bool = True


_FR_DAY_MONTH = re.compile(rf"\b(1er|premier|\d{{1,2}})[ \u00a0\u202f]+({_alt(_FR_MONTHS)})\b", re.IGNORECASE)
_FR_MONTH = re.compile(rf"\b({_alt(_FR_MONTHS)})\b", re.IGNORECASE)
_FR_WEEKDAY = re.compile(rf"\b({_alt(_FR_DAYS)})s?\b", re.IGNORECASE)
_FR_TIME = re.compile(r"\b(\d{1,2})[ \u00a0\u202f]?[hH](?:[ \u00a0\u202f]?(\d{2}))?(?![\w])|\b(\d{1,2}):(\d{2})\b")
_FR_HOURS = re.compile(
    r"\b(?:à|vers|dès|jusqu[’']à|avant|après|entre|et)[ \u00a0]+(\d{1,2})[ \u00a0]+heures?"
    r"(?:[ \u00a0]+(\d{2})\b)?(?:[ \u00a0]+(du matin|du soir|de l[’']après-midi))?",
    re.IGNORECASE,
)
_FR_TENS = {
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70,
    "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90,
}  # fmt: skip
_FR_DECADE_WORD = re.compile(rf"\bannées[ \u00a0]+({_alt(list(_FR_TENS))})\b", re.IGNORECASE)
_EN_TENS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
_EN_DECADE_WORD = re.compile(rf"\b(?:the[ \u00a0]+)?({_alt(_EN_TENS)})\b", re.IGNORECASE)
_FR_DECADE = re.compile(r"\bannées[ \u00a0]+(\d{4}|\d{2})\b", re.IGNORECASE)
_MONTH_ABBR = _alt([a.capitalize() for a in _EN_MONTH_ABBR])
_EN_MONTH_NAME = rf"(?:{_alt(_EN_MONTHS)}|(?:{_MONTH_ABBR})\.?)"
_EN_MONTH_DAY = re.compile(rf"\b({_EN_MONTH_NAME})[ \u00a0]+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\d)")
_EN_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?({_EN_MONTH_NAME})(?![\w])")
_EN_MONTH = re.compile(rf"\b({_alt(_EN_MONTHS)})\b")
_EN_WEEKDAY = re.compile(rf"\b({_alt(_EN_DAYS)})s?\b")
_EN_TIME = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?[ \u00a0]?([ap])\.?m\b\.?|\b(\d{1,2}):(\d{2})\b|\b(\d{1,2})[ \u00a0]o[’']clock\b",
    re.IGNORECASE,
)
# British papers write times with a dot (`at 6.30`): only after a word that introduces a time, not a decimal.
_EN_DOT_TIME = re.compile(r"\b(?:at|by|until|from|around|about|before|after)[ \u00a0](\d{1,2})\.(\d{2})\b(?![.,]?\d)")
_EN_DECADE = re.compile(r"\b(\d{4})[’']?s\b|[’'](\d{2})s\b")
_NUMERIC_DATE = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})(?:/(?:\d{4}|\d{2}))?(?![\d/])")
_AMBIGUOUS_MONTH = {"May", "March", "August"}
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|early|late|mid|last|next|this|of|from|to|and|between|during|through|before|"
    r"after|end)[ \u00a0-]+)$",
    re.IGNORECASE,
)


def _en_month(word: str) -> int:
    key = word.rstrip(".").lower()
    return _EN_MONTH_ABBR.get(key[:4] if key.startswith("sept") else key[:3], 0)


def _fr_dates(text: str) -> list[DateFact]:
    out: list[DateFact] = []
    taken: list[tuple[int, int]] = []
    for m in _FR_DAY_MONTH.finditer(text):
        day = 1 if m.group(1).lower() in {"1er", "premier"} else int(m.group(1))
        month = _FR_MONTHS.index(m.group(2).lower()) + 1
        out.append(DateFact("day", frozenset({month * 100 + day}), m.group(), m.start(), m.end()))
        taken.append(m.span())
        lead = re.search(
            r"(\d{1,2})(?:er)?[ \u00a0]*(?:au|et|-|–)[ \u00a0]*$", text[max(0, m.start() - 12) : m.start()]
        )
        if lead and 1 <= int(lead.group(1)) <= 31:
            start = m.start() - len(lead.group())
            out.append(DateFact("day", frozenset({month * 100 + int(lead.group(1))}), lead.group(1), start, start + 2))
    for m in _FR_MONTH.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or (m.group() == "Mars" and m.start() > 0):
            continue
        out.append(DateFact("month", frozenset({_FR_MONTHS.index(m.group().lower()) + 1}), m.group(), *m.span()))
    for m in _NUMERIC_DATE.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        days = {b * 100 + a for a, b in ((first, second), (second, first)) if 1 <= b <= 12 and 1 <= a <= 31}
        if days:
            out.append(DateFact("day", frozenset(days), m.group(), *m.span()))
    for m in _FR_WEEKDAY.finditer(text):
        out.append(DateFact("weekday", frozenset({_FR_DAYS.index(m.group(1).lower())}), m.group(), *m.span()))
    for m in _FR_TIME.finditer(text):
        hour, minute = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if int(hour) < 25 and int(minute or 0) < 60:
            out.append(DateFact("time", frozenset({int(hour) % 24 * 60 + int(minute or 0)}), m.group(), *m.span()))
    for m in _FR_HOURS.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3).lower() != "du matin" and hour < 12:
            hour += 12
        if hour < 25 and minute < 60:
            values = frozenset({hour % 24 * 60 + minute})
            out.append(DateFact("time", values, m.group(), m.start(1), m.end(), claim=False))
    for m in _FR_DECADE_WORD.finditer(text):
        year = 1900 + _FR_TENS[m.group(1).lower()]
        out.append(DateFact("decade", frozenset({year}), m.group(), *m.span(), claim=False))
    for m in _FR_DECADE.finditer(text):
        year = int(m.group(1))
        out.append(DateFact("decade", frozenset({year if year > 99 else 1900 + year}), m.group(), *m.span()))
    return out


def _en_dates(text: str) -> list[DateFact]:
    out: list[DateFact] = []
    taken: list[tuple[int, int]] = []
    for pattern, day_group, month_group in ((_EN_MONTH_DAY, 2, 1), (_EN_DAY_MONTH, 1, 2)):
        for m in pattern.finditer(text):
            day, month = int(m.group(day_group)), _en_month(m.group(month_group))
            if 1 <= day <= 31 and month and not any(s <= m.start() < e for s, e in taken):
                out.append(DateFact("day", frozenset({month * 100 + day}), m.group(), m.start(), m.end()))
                taken.append(m.span())
                tail = re.match(r"[ \u00a0]*(?:-|–|to|and)[ \u00a0]*(\d{1,2})\b(?![,.]?\d)", text[m.end() :])
                if tail and 1 <= int(tail.group(1)) <= 31 and day_group == 2:
                    end = m.end() + tail.end()
                    out.append(
                        DateFact("day", frozenset({month * 100 + int(tail.group(1))}), tail.group(1), m.end(), end)
                    )
    for m in _EN_MONTH.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        context = _MONTH_CONTEXT.search(text[max(0, m.start() - 12) : m.start()])
        digit = re.match(r"[ \u00a0]+\d", text[m.end() : m.end() + 3])
        if m.group() in _AMBIGUOUS_MONTH and not (context or digit):
            continue  # "May" the name or the verb, "March" the verb
        if not context and re.match(r"[ \u00a0]+[A-Z][a-z]", text[m.end() : m.end() + 3]):
            continue  # "June Carter": a name
        out.append(DateFact("month", frozenset({_EN_MONTHS.index(m.group()) + 1}), m.group(), *m.span()))
    for m in _EN_WEEKDAY.finditer(text):
        if not re.match(r"[ \u00a0]+[A-Z]", text[m.end() :]) or re.match(
            rf"[ \u00a0]+{_EN_MONTH_NAME}", text[m.end() :]
        ):
            out.append(DateFact("weekday", frozenset({_EN_DAYS.index(m.group(1))}), m.group(), *m.span()))
    for m in _NUMERIC_DATE.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        days = {a * 100 + b for a, b in ((first, second), (second, first)) if 1 <= a <= 12 and 1 <= b <= 31}
        if days:
            out.append(DateFact("day", frozenset(days), m.group(), *m.span()))
    for m in _EN_TIME.finditer(text):
        out.extend(_en_time(m))
    for m in _EN_DOT_TIME.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour <= 12 and minute < 60 and not any(d.kind == "time" and d.start <= m.start(1) < d.end for d in out):
            values = frozenset({hour * 60 + minute, (hour + 12) % 24 * 60 + minute})
            out.append(DateFact("time", values, m.group()[-len(m.group(1)) - 3 :], m.start(1), m.end()))
    for m in _EN_DECADE_WORD.finditer(text):
        year = 1900 + 10 * (_EN_TENS.index(m.group(1).lower()) + 2)
        out.append(DateFact("decade", frozenset({year}), m.group(), *m.span(), claim=False))
    for m in _EN_DECADE.finditer(text):
        year = int(m.group(1) or m.group(2))
        if m.group(1) is None or year % 10 == 0:
            out.append(DateFact("decade", frozenset({year if year > 99 else 1900 + year}), m.group(), *m.span()))
    return out


def _en_time(m: re.Match[str]) -> list[DateFact]:
    if m.group(1):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour > 12 or minute > 59:
            return []
        hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
        values = {hour * 60 + minute}
    else:
        hour, minute = (int(m.group(4)), int(m.group(5))) if m.group(4) else (int(m.group(6)), 0)
        if hour > 24 or minute > 59:
            return []
        values = {hour % 24 * 60 + minute, (hour + 12) % 24 * 60 + minute} if hour <= 12 else {hour % 24 * 60 + minute}
    return [DateFact("time", frozenset(values), m.group(), *m.span())]


@lru_cache(maxsize=2048)
def dates(text: str, lang: Language) -> tuple[DateFact, ...]:
    """Dates, months, weekdays, times of day and decades of a text, in order."""
    found = _fr_dates(text) if lang == "fr" else _en_dates(text)
    return tuple(sorted(found, key=lambda d: (d.start, d.kind)))


# ---------------------------------------------------------------- quotes

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
    return (before.isspace() or before in "([—–-") and after.isalnum()


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


# ---------------------------------------------------------------- names

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*")
_ROMAN = re.compile(r"^[IVXLC]+(?:e|er|ème)?$")
_SENTENCE_MARKS = '.!?:;«»“”"([—–…'


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip(_SPACES + "\n\t")
    if start <= 12 and not before:
        return True
    return bool(before) and (before[-1] in _SENTENCE_MARKS or before.endswith(" -"))


@dataclass(frozen=True, slots=True)
class Name:
    """A run of capitalised words (`Vladimir Poutine`) or an acronym (`OTSC`); `parts` split hyphens too."""

    text: str
    start: int
    end: int
    parts: tuple[str, ...]
    acronym: bool = False


def _capitalised(token: str) -> bool:
    return token[0].isupper() and not _ROMAN.match(token)


def names(text: str, lang: Language) -> tuple[Name, ...]:
    """Capitalised names and acronyms; a sentence's first word counts only when it is plainly a name."""
    tokens = [
        m
        for m in _TOKEN.finditer(text)
        if _capitalised(m.group())
        and not re.match(r"\d", text[m.end() : m.end() + 1])  # AC360, G20: no names
        and not (m.start() and text[m.start() - 1].isdigit())  # 300ER
    ]
    midsentence = {m.group() for m in tokens if not _starts_sentence(text, m.start())}
    groups: list[list[re.Match[str]]] = []
    for m in tokens:
        if groups and re.fullmatch(r"[ \u00a0]", text[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    out: list[Name] = []
    for group in groups:
        first = group[0]
        initial = _starts_sentence(text, first.start()) and first.group() not in midsentence
        if initial and (not first.group().isupper() or len(first.group()) < 2):
            group = group[1:]
        if not group:
            continue
        words = [m.group() for m in group]
        parts = tuple(p for w in words for p in re.split(r"[-‑]", w) if p)
        acronym = len(words) == 1 and len(words[0]) >= 2 and words[0].isupper()
        out.append(Name(text[group[0].start() : group[-1].end()], group[0].start(), group[-1].end(), parts, acronym))
    return tuple(out)


_TRANSLIT = [("tch", "ch"), ("ch", "sh"), ("dj", "j"), ("ou", "u"), ("y", "i"), ("w", "v"), ("ph", "f")]
_TRANSLIT += [("kh", "h"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s")]


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A spelling-neutral key: no accents, lower case, common transliteration pairs folded, doubles collapsed."""
    key = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    key = re.sub(r"[^a-z]", "", key)
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"e?s?$", "", key) if len(key) >= 4 else key
