"""Dates and times in either language: `31 octobre` = `Oct. 31`, `14h30` = `2:30 pm`, `années 1990` = `1990s`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.facts.vocabulary import (
    _EN_DAYS,
    _EN_MONTH_ABBR,
    _EN_MONTHS,
    _FR_DAYS,
    _FR_MONTHS,
    DateKind,
    Language,
    _alt,
)


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
# The first day of a range written once with the month after both days (`du 8 au 28 octobre`).
_FR_LEAD = re.compile(r"(?<![\d.,])(\d{1,2})(?:er)?[ \u00a0]*(?:au|et|-|–)[ \u00a0]*$")
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
_DIGIT = re.compile(r"\d")
_AMBIGUOUS_MONTH = {"May", "March", "August"}
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|early|late|mid|last|next|this|of|from|to|and|between|during|through|before|"
    r"after|end)[ \u00a0-]+)$",
    re.IGNORECASE,
)


_EN_MONTH_NUMBER = {name.lower(): n for n, name in enumerate(_EN_MONTHS, start=1)}


def _en_month(word: str) -> int:
    """The month a full name or an abbreviation stands for; a full name first, as a month with no abbreviation
    (May) is absent from the abbreviations."""
    key = word.rstrip(".").lower()
    return _EN_MONTH_NUMBER.get(key) or _EN_MONTH_ABBR.get(key[:4] if key.startswith("sept") else key[:3], 0)


def _fr_dates(text: str) -> list[DateFact]:
    out: list[DateFact] = []
    taken: set[int] = set()  # positions inside a day already found: a set, not spans scanned per match
    lower, digits = text.lower(), _DIGIT.search(text) is not None
    # Cheap substring tests first: most paragraphs name no month, weekday, hour or decade.
    months = any(month in lower for month in _FR_MONTHS)
    for m in _FR_DAY_MONTH.finditer(text) if months else ():
        day = 1 if m.group(1).lower() in {"1er", "premier"} else int(m.group(1))
        month = _FR_MONTHS.index(m.group(2).lower()) + 1
        out.append(DateFact("day", frozenset({month * 100 + day}), m.group(), m.start(), m.end()))
        taken.update(range(*m.span()))
        lead = _FR_LEAD.search(text, max(0, m.start() - 12), m.start())
        if lead and 1 <= int(lead.group(1)) <= 31:
            out.append(DateFact("day", frozenset({month * 100 + int(lead.group(1))}), lead.group(1), *lead.span(1)))
    for m in _FR_MONTH.finditer(text) if months else ():
        if m.start() in taken or (m.group() == "Mars" and m.start() > 0):
            continue
        out.append(DateFact("month", frozenset({_FR_MONTHS.index(m.group().lower()) + 1}), m.group(), *m.span()))
    for m in _NUMERIC_DATE.finditer(text) if "/" in text else ():
        first, second = int(m.group(1)), int(m.group(2))
        days = {b * 100 + a for a, b in ((first, second), (second, first)) if 1 <= b <= 12 and 1 <= a <= 31}
        if days:
            out.append(DateFact("day", frozenset(days), m.group(), *m.span()))
    for m in _FR_WEEKDAY.finditer(text) if any(day in lower for day in _FR_DAYS) else ():
        out.append(DateFact("weekday", frozenset({_FR_DAYS.index(m.group(1).lower())}), m.group(), *m.span()))
    for m in _FR_TIME.finditer(text) if digits else ():
        hour, minute = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if int(hour) < 25 and int(minute or 0) < 60:
            out.append(DateFact("time", frozenset({int(hour) % 24 * 60 + int(minute or 0)}), m.group(), *m.span()))
    for m in _FR_HOURS.finditer(text) if "heure" in lower else ():
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3).lower() != "du matin" and hour < 12:
            hour += 12
        if hour < 25 and minute < 60:
            values = frozenset({hour % 24 * 60 + minute})
            out.append(DateFact("time", values, m.group(), m.start(1), m.end(), claim=False))
    for m in _FR_DECADE_WORD.finditer(text) if "années" in lower else ():
        year = 1900 + _FR_TENS[m.group(1).lower()]
        out.append(DateFact("decade", frozenset({year}), m.group(), *m.span(), claim=False))
    for m in _FR_DECADE.finditer(text) if "années" in lower else ():
        year = int(m.group(1))
        out.append(DateFact("decade", frozenset({year if year > 99 else 1900 + year}), m.group(), *m.span()))
    return out


_EN_TAIL = re.compile(r"[ \u00a0]*(?:-|–|to|and)[ \u00a0]*(\d{1,2})\b(?![,.]?\d)")


def _en_dates(text: str) -> list[DateFact]:
    out: list[DateFact] = []
    taken: set[int] = set()  # positions inside a day already found: a set, not spans scanned per match
    for pattern, day_group, month_group in ((_EN_MONTH_DAY, 2, 1), (_EN_DAY_MONTH, 1, 2)):
        for m in pattern.finditer(text):
            day, month = int(m.group(day_group)), _en_month(m.group(month_group))
            if 1 <= day <= 31 and month and m.start() not in taken:
                out.append(DateFact("day", frozenset({month * 100 + day}), m.group(), m.start(), m.end()))
                taken.update(range(*m.span()))
                out.extend(_en_lead(text, m, month) if day_group == 1 else ())
                tail = _EN_TAIL.match(text, m.end())  # at a position, not on a copy of the rest (quadratic)
                if tail and 1 <= int(tail.group(1)) <= 31 and day_group == 2:
                    end = tail.end()
                    out.append(
                        DateFact("day", frozenset({month * 100 + int(tail.group(1))}), tail.group(1), m.end(), end)
                    )
    for m in _EN_MONTH.finditer(text):
        if m.start() in taken:
            continue
        context = _MONTH_CONTEXT.search(text[max(0, m.start() - 12) : m.start()])
        digit = re.match(r"[ \u00a0]+\d", text[m.end() : m.end() + 3])
        if m.group() in _AMBIGUOUS_MONTH and not (context or digit):
            continue  # "May" the name or the verb, "March" the verb
        if not context and re.match(r"[ \u00a0]+[A-Z][a-z]", text[m.end() : m.end() + 3]):
            continue  # "June Carter": a name
        out.append(DateFact("month", frozenset({_EN_MONTHS.index(m.group()) + 1}), m.group(), *m.span()))
    for m in _EN_WEEKDAY.finditer(text):
        after = text[m.end() : m.end() + 64]  # a bounded look ahead: the whole rest per weekday was quadratic
        if not re.match(r"[ \u00a0]+[A-Z]", after) or re.match(rf"[ \u00a0]+{_EN_MONTH_NAME}", after):
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


_EN_LEAD = re.compile(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)?[ \u00a0]*(?:-|–|to|and|until|till)[ \u00a0]*$")


def _en_lead(text: str, m: re.Match[str], month: int) -> list[DateFact]:
    """The first day of a range written once with the month after both days (`8 to 28 October`, `8-10 May`)."""
    lead = _EN_LEAD.search(text, max(0, m.start() - 16), m.start())
    if lead is None or not 1 <= int(lead.group(1)) <= 31:
        return []
    return [DateFact("day", frozenset({month * 100 + int(lead.group(1))}), lead.group(1), *lead.span(1))]


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
