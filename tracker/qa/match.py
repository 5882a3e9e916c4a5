"""Whether one fact of a side has its counterpart among the facts of the other side."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import TypeVar, cast

from rapidfuzz.fuzz import ratio

from tracker.facts import DateFact, Figure, Name, converted, name_key, precision

_EXCLUSIVE_UNITS = {"%", "EUR", "USD", "GBP", "JPY", "CNY", "RUB"}


# An English paper's imperial figure stands for a converted metric one, not for a bare number of the same value.
_IMPERIAL = {"ft", "miles", "lb", "acres", "in", "ft3"}


def _compatible(a: str | None, b: str | None) -> bool:
    if (a in _IMPERIAL or b in _IMPERIAL) and a != b:
        return False
    return a is None or b is None or a == b or a not in _EXCLUSIVE_UNITS or b not in _EXCLUSIVE_UNITS


def time_values(dates: Iterable[DateFact]) -> set[float]:
    """Hours and minutes of times of day, as a plain figure opposite may give them (`23 heures` = `11pm`)."""
    out: set[float] = set()
    for fact in dates:
        if fact.kind == "time":
            for minutes in fact.values:
                hour = minutes // 60
                out |= {float(hour), float(hour % 12 or 12), float(minutes % 60)}
    return out


def _rounds(x: float, y: float) -> bool:
    """y is x rounded to fewer decimals (45,72 -> 46), or the other way round."""
    for a, b in ((x, y), (y, x)):
        decimals = len(repr(a).split(".")[1].rstrip("0")) if "." in repr(a) else 0
        if any(round(a, k) == b for k in range(decimals)) and b != 0:
            return True
    return False


def _converts(value: float, unit: str | None, other: Figure) -> bool:
    """A metric figure opposite an English paper's conversion of it (15 m ~ 50 ft), within both roundings."""
    target = converted(value, unit)
    if target is None or other.unit != target[0]:
        return False
    # Both figures are rounded as written: 15 m is 14.5 to 15.5 m, so 48 to 51 ft.
    factor = target[1] / value if value else 1.0
    return any(abs(v - target[1]) <= factor * precision(value) + precision(v) for v in other.values)


def _short_years(values: frozenset[float]) -> frozenset[float]:
    """`'15` and `Q1/15` stand for 2015, and the other way round."""
    out: set[float] = set()
    for v in values:
        if v.is_integer() and 10 <= v < 100:
            out |= {1900 + v, 2000 + v}
        elif v.is_integer() and 1950 <= v < 2100:
            out.add(v % 100)
    return frozenset(out)


def figure_matched(figure: Figure, opposite: tuple[Figure, ...], extra: set[float]) -> bool:
    """Whether a figure has its counterpart: same value in any convention, rounded, converted, or a short year."""
    if figure.values & extra:
        return True
    years = _short_years(figure.values) if not figure.spelled else frozenset()  # `eleven` is never 2011
    if any(years & other.values for other in opposite if other.claim and not other.spelled):
        return True
    for other in opposite:
        compatible = _compatible(figure.unit, other.unit)
        if compatible and figure.values & other.values:
            return True
        # Rounding only between figures with one reading: 155.305 may be 155,305, not 155.31.
        unambiguous = compatible and other.claim and len(figure.values) == 1 and len(other.values) == 1
        for value in figure.values:
            if unambiguous and any(_rounds(value, v) for v in other.values):
                return True
            if _converts(value, figure.unit, other) or any(_converts(v, other.unit, figure) for v in other.values):
                return True
    return False


def figures_matched(figures: Iterable[Figure], opposite: tuple[Figure, ...], extra: set[float]) -> list[bool]:
    """figure_matched for each figure, decided once per reading (value, unit, spelled): a figure repeated
    thousands of times in one paragraph scans the other side once, not once per repetition (facts x opposite)."""
    known: dict[tuple[frozenset[float], str | None, bool], bool] = {}
    out = []
    for figure in figures:
        key = (figure.values, figure.unit, figure.spelled)
        if key not in known:
            known[key] = figure_matched(figure, opposite, extra)
        out.append(known[key])
    return out


_T = TypeVar("_T")
_Fact = TypeVar("_Fact")
_by_identity: dict[tuple[int, object], tuple[object, object]] = {}


def _of(facts: tuple[_Fact, ...], make: Callable[[tuple[_Fact, ...]], _T]) -> _T:
    """`make(facts)` computed once per tuple object while it is in use: each fact of a paragraph is looked up
    against the same opposite side, and rebuilding its index per fact cost facts x opposite (quadratic)."""
    key = (id(facts), make)
    entry = _by_identity.get(key)
    if entry is None or entry[0] is not facts:  # the tuple is held, so its id is not reused while cached
        if len(_by_identity) >= 32:
            _by_identity.clear()
        entry = (facts, make(facts))
        _by_identity[key] = entry
    return cast(_T, entry[1])


def _date_index(opposite: tuple[DateFact, ...]) -> dict[str, set[int]]:
    """Values per kind, plus the months of the days (`month-of-day`), for set lookups instead of a scan."""
    index: dict[str, set[int]] = {}
    for other in opposite:
        index.setdefault(other.kind, set()).update(other.values)
        if other.kind == "day":
            index.setdefault("month-of-day", set()).update(v // 100 for v in other.values)
    return index


def date_matched(fact: DateFact, opposite: tuple[DateFact, ...], values: set[float]) -> bool:
    index = _of(opposite, _date_index)
    if fact.kind == "month" and fact.values & index.get("month-of-day", set()):
        return True
    if fact.values & index.get(fact.kind, set()):
        return True
    if fact.kind == "time":
        return any(float(v // 60) in values or float(v // 60 % 12 or 12) in values for v in fact.values)
    return fact.kind == "decade" and bool({float(v) for v in fact.values} & values)


def pool(figures: tuple[Figure, ...]) -> set[float]:
    """Every value the figures may stand for (computed once per tuple: callers ask per fact)."""
    return _of(figures, _pool)


def _pool(figures: tuple[Figure, ...]) -> set[float]:
    return {v for f in figures for v in f.values}


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Two spelling-neutral keys name the same thing (Poutine/Putin, Bruxelles/Brussels, Moscou/Moscow)."""
    if a == b:
        return True
    short = min(len(a), len(b))
    if short < 4:
        return False
    prefix = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), short)
    if prefix >= 4 and prefix >= 0.6 * max(len(a), len(b)):
        return True
    # Fuzzy only between words that start alike (Erevan/Yerevan: one is the other with a letter in front).
    return ratio(a, b) >= 80 and (a[0] == b[0] or a[1:] in b or b[1:] in a)


def _acronym_match(acronym: str, english: str, french: str) -> bool:
    """OTSC/CSTO, OTAN/NATO, FMI/IMF: the same letters in another order; or an English acronym the French
    lacks (ODD/SDGs, DSD/DDoS: the English expands it differently)."""
    letters = sorted(acronym)
    found = re.findall(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b", english)
    return any(sorted(word) == letters or _stands_for(acronym, word, french) for word in found)


def _stands_for(acronym: str, word: str, french: str) -> bool:
    """An English acronym the French lacks, of about the same length and sharing a letter."""
    core = word.upper().rstrip("S") if word.endswith("s") else word.upper()
    return core not in french and abs(len(core) - len(acronym)) <= 1 and bool(set(core) & set(acronym))


_DIMINUTIVE = ("ie", "y", "o")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, accents dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def clipped(full: str, short: str) -> bool:
    """`short` is a familiar clipping of `full` and a diminutive ending: its first four letters or more, or its
    first three with the last one doubled (Tasmanie/Tassie, Australie/Aussie, Brisbane/Brissie, Robertson/Robbo,
    Football/Footy; Marseille/Mary is no clipping)."""
    full, short = fold(full), fold(short)
    suffix = next((s for s in _DIMINUTIVE if short.endswith(s)), None)
    if suffix is None or len(short) >= len(full):
        return False
    stem = short[: -len(suffix)]
    if len(stem) >= 4 and stem[-1] == stem[-2] and full.startswith(stem[:-1]):
        return True
    return len(stem) >= 4 and full.startswith(stem)


# English function words: they carry no name, and a short one looks like many (`that` ~ `Theatre`).
_EN_FUNCTION = frozenset({
    "that", "this", "these", "those", "with", "from", "have", "were", "been", "they", "them", "then", "than",
    "there", "their", "what", "when", "where", "which", "while", "will", "would", "could", "should", "said",
    "also", "after", "about", "into", "over", "more", "most", "some", "such", "only", "other", "very", "just",
    "being", "does", "here", "each", "many", "much", "both", "upon", "until", "since", "before", "because",
})  # fmt: skip


class English:
    """The English side, indexed for name look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.keys = {name_key(w) for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in _EN_FUNCTION}
        self.lower = text.lower()
        self.capitalised = {w for w in re.findall(r"[^\W\d_]+", text) if w[0].isupper()}

    def has_spelling(self, spelling: str) -> bool:
        if spelling.isupper() or "." in spelling:
            return re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", self.text) is not None
        return re.search(rf"(?<!\w){re.escape(spelling.lower())}", self.lower) is not None

    def has_key(self, key: str) -> bool:
        return key in self.keys or any(same_name(key, other) for other in self.keys)

    def has_clipping(self, word: str) -> bool:
        return any(clipped(word, other) for other in self.capitalised)


def _significant(name: Name, ignore: frozenset[str]) -> list[str]:
    """The parts that must be found: of a multi-word name its last word (Vladimir Poutine -> Putin; David
    Kimaiyo is not carried by another David), unless that word is a title or a common noun."""

    def keep(part: str) -> bool:
        return part not in ignore and part.lower() not in _FUNCTION_WORDS and (len(part) >= 3 or name.acronym)

    last = [p for p in re.split(r"[-‑]", name.text.split()[-1]) if keep(p)]
    return last if len(name.text.split()) > 1 and last else [p for p in name.parts if keep(p)]


_FUNCTION_WORDS = frozenset({"the", "and", "of", "for", "les", "des", "del", "der", "von", "van"})


def name_carried(
    name: Name, english: English, table: Mapping[str, tuple[str, ...]], ignore: frozenset[str], french: str
) -> bool | None:
    """Whether the English has the name; None when it holds nothing to look for (titles, initials)."""
    if name.text in table and any(english.has_spelling(s) for s in table[name.text]):
        return True
    parts = _significant(name, ignore)
    if not parts:
        return None
    for part in parts:
        if len(name.text.split()) == 1 and part in table and any(english.has_spelling(s) for s in table[part]):
            return True
        if name.acronym:
            if english.has_spelling(part) or (part not in table and _acronym_match(part, english.text, french)):
                return True
        elif english.has_key(name_key(part)) or english.has_clipping(part):
            return True
    return False
