"""The fact checks: every figure and every date or time of one side is found on the other, in its convention."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol

from tracker.facts import DateFact, Figure
from tracker.model import Finding, Severity
from tracker.qa.match import date_matched, figures_matched, pool, time_values
from tracker.qa.pair import Pair
from tracker.qa.swaps import swapped_figures


def _missing(claims: Iterable[Figure], opposite: tuple[Figure, ...], extra: set[float]) -> list[Figure]:
    # A figure is matched by what it says, not where (`5 % 6 km 7 €` x 1k scans the other side once)
    claims = list(claims)
    return [f for f, matched in zip(claims, figures_matched(claims, opposite, extra), strict=True) if not matched]


def _fr_claims(pair: Pair) -> list[Figure]:
    return [f for f in pair.fr_figures if f.claim]


def check_numbers(pair: Pair, severity: Severity) -> list[Finding]:
    """French figures absent from the English, and English figures the French does not have."""
    fr_extra, en_extra = time_values(pair.fr_dates), time_values(pair.en_dates)
    lost = [f for f in _missing(_fr_claims(pair), pair.en_figures, en_extra) if pair.kept(f.start)]
    added = _missing((f for f in pair.en_figures if f.claim), pair.fr_figures, fr_extra)
    if lost or added:
        return one_way_or_other(pair, "numbers", severity, lost, added)
    return [
        pair.finding(
            "numbers",
            severity,
            f"figures swapped between sentences: French {first.text} and {second.text} are each in the English "
            "sentence that stands for the other's",
            (first.text, second.text),
        )
        for first, second in swapped_figures(pair)
    ]


class _Fact(Protocol):
    @property
    def text(self) -> str: ...


Facts = Sequence[_Fact]


def one_way_or_other(pair: Pair, check: str, severity: Severity, lost: Facts, added: Facts) -> list[Finding]:
    """One finding naming what the English lost and what it added, or none when both are empty."""
    if not lost and not added:
        return []
    parts = []
    if lost:
        parts.append(f"French {_list(lost)} not in the English")
    if added:
        parts.append(f"English {_list(added)} not in the French")
    spans = tuple(f.text for f in (*lost, *added))
    return [pair.finding(check, severity, "; ".join(parts), spans)]


def _list(items: Facts) -> str:
    return ", ".join(dict.fromkeys(i.text for i in items))


def check_dates(pair: Pair, severity: Severity) -> list[Finding]:
    """Days, months, weekdays, times of day and decades carried over both ways; a weekday dropped or added next
    to a date both sides give is a lesser finding (the day is not lost, only said one way less)."""
    en_pool = pool(pair.en_figures)
    lost = [d for d in pair.fr_dates if d.claim and not date_matched(d, pair.en_dates, en_pool) and pair.kept(d.start)]
    added = [d for d in pair.en_dates if d.claim and not date_matched(d, pair.fr_dates, pool(pair.fr_figures))]
    lost_days, lost = _split(lost, pair.fr, pair.fr_dates, pair.en_dates, en_pool)
    added_days, added = _split(added, pair.en, pair.en_dates, pair.fr_dates, pool(pair.fr_figures))
    found = one_way_or_other(pair, "dates", severity, lost, added)
    return found + one_way_or_other(pair, "dates", _lesser(severity), lost_days, added_days)


_NEXT_TO_DATE = re.compile(r"[ \u00a0,]*(?:the[ \u00a0]+|le[ \u00a0]+)?", re.IGNORECASE)


def _split(
    facts: list[DateFact], text: str, own: tuple[DateFact, ...], opposite: tuple[DateFact, ...], values: set[float]
) -> tuple[list[DateFact], list[DateFact]]:
    """The weekdays written next to a day the other side also gives (`vendredi 1er novembre` = `1 November`),
    and the rest."""
    beside: list[DateFact] = []
    rest: list[DateFact] = []
    days = sorted((d for d in own if d.kind == "day"), key=lambda d: d.start)
    starts = [d.start for d in days]
    for fact in facts:
        after = bisect_left(starts, fact.end)  # the first day from the fact's end on: found, not scanned for
        day = days[after] if after < len(days) else None
        near = day is not None and _NEXT_TO_DATE.fullmatch(text[fact.end : day.start]) is not None
        if fact.kind == "weekday" and near and day is not None and date_matched(day, opposite, values):
            beside.append(fact)
        else:
            rest.append(fact)
    return beside, rest


def _lesser(severity: Severity) -> Severity:
    return "info" if severity == "info" else "warning"
