"""Dates across conventions: every month in every English style, ranges, leading zeros, weekdays beside a date."""

from __future__ import annotations

import pytest

from tracker.facts import dates
from tracker.model import Finding, Link
from tracker.qa import QAConfig, check

FR_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
]  # fmt: skip
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip
# Every way an English paper writes day 14 of a month (the month's name stands at {m}).
EN_STYLES = ["{m} 14", "14 {m}", "{m} 14th", "{m} 14, 2023", "14 {m} 2023", "the 14th of {m}"]
CONFIG = QAConfig(disabled=frozenset({"coverage"}))
MONTHS = list(zip(FR_MONTHS, EN_MONTHS, strict=True))


def _findings(fr: str, en: str) -> list[Finding]:
    return list(check([fr], [en], [Link((0,), (0,))], CONFIG))


def _date_errors(fr: str, en: str) -> list[Finding]:
    return [f for f in _findings(fr, en) if f.check in {"dates", "numbers"} and f.severity == "error"]


def _meeting(fr_day: int, fr_month: str, en_month: str, style: str) -> tuple[str, str]:
    """A French sentence dated `fr_day` of a month, and its English dated the 14th in `style`."""
    year = " 2023" if "2023" in style else ""
    fr = f"Le conseil se réunira le {fr_day} {fr_month}{year} à Lyon."
    return fr, f"The council will meet on {style.format(m=en_month)} in Lyon."


@pytest.mark.parametrize("style", EN_STYLES)
@pytest.mark.parametrize(("fr_month", "en_month"), MONTHS)
def test_every_month_in_every_english_style_is_the_french_date(fr_month: str, en_month: str, style: str) -> None:
    fr, en = _meeting(14, fr_month, en_month, style)
    assert _date_errors(fr, en) == []
    month = MONTHS.index((fr_month, en_month)) + 1
    assert month * 100 + 14 in {v for d in dates(en, "en") if d.kind == "day" for v in d.values}


@pytest.mark.parametrize("style", EN_STYLES)
@pytest.mark.parametrize(("fr_month", "en_month"), MONTHS)
def test_another_day_of_the_month_is_an_error_both_ways(fr_month: str, en_month: str, style: str) -> None:
    fr, en = _meeting(15, fr_month, en_month, style)
    assert [f.check for f in _date_errors(fr, en)] == ["dates"]
    # The other way round: an English date whose French counterpart names another day.
    assert [f.check for f in _date_errors(en.replace("14", "15"), fr.replace("15", "14"))] != []


@pytest.mark.parametrize(("fr_month", "en_month"), MONTHS)
def test_another_month_is_an_error(fr_month: str, en_month: str) -> None:
    other = EN_MONTHS[(EN_MONTHS.index(en_month) + 1) % 12]
    assert _date_errors(f"Le vote a eu lieu le 14 {fr_month}.", f"The vote took place on {other} 14.")


@pytest.mark.parametrize(("fr_month", "en_month"), MONTHS)
def test_the_middle_of_a_month_is_that_month(fr_month: str, en_month: str) -> None:
    assert _date_errors(f"Les travaux reprendront à la mi-{fr_month}.", f"Work will resume in mid-{en_month}.") == []
    other = EN_MONTHS[(EN_MONTHS.index(en_month) + 5) % 12]
    assert _date_errors(f"Les travaux reprendront à la mi-{fr_month}.", f"Work will resume in mid-{other}.")


def test_a_month_that_is_also_a_word_is_read_as_a_month_beside_a_day() -> None:
    assert [d.values for d in dates("Voters may go to the polls on May 3.", "en") if d.kind == "day"] == [
        frozenset({503})
    ]
    assert [d.values for d in dates("She will march on 2 March.", "en") if d.kind == "day"] == [frozenset({302})]
    assert not [d for d in dates("Theresa May said she may resign.", "en") if d.kind in {"day", "month"}]


def test_a_day_written_with_a_leading_zero_is_the_same_day() -> None:
    assert _date_errors("La foire se tient du 8 octobre au 28 octobre.", "The fair runs from 08 to 28 October.") == []
    assert _date_errors("La foire se tient du 08 au 28 octobre.", "The fair runs from 8 to 28 October.") == []
    assert _date_errors("La foire se tient du 9 octobre au 28 octobre.", "The fair runs from 08 to 28 October.")


def test_the_first_day_of_a_range_before_the_month_is_read_in_english() -> None:
    days = {v for d in dates("The fair runs 3-5 June and from 8 to 28 October.", "en") for v in d.values}
    assert {603, 605, 1008, 1028} <= days
    assert not {d.values for d in dates("In 2013 to 28 October.", "en")} & {frozenset({1013})}


def test_a_weekday_dropped_beside_a_date_the_english_gives_is_a_warning() -> None:
    found = _findings("La trêve a pris fin le vendredi 1er novembre 2013.", "The truce ended on 1 November 2013.")
    assert [(f.check, f.severity) for f in found] == [("dates", "warning")]
    found = _findings("La trêve a pris fin le 1er novembre 2013.", "The truce ended on Friday, November 1, 2013.")
    assert [(f.check, f.severity) for f in found] == [("dates", "warning")]


def test_a_weekday_beside_a_date_the_english_changed_stays_an_error() -> None:
    found = _findings("La trêve a pris fin le vendredi 1er novembre 2013.", "The truce ended on 2 November 2013.")
    assert ("dates", "error") in [(f.check, f.severity) for f in found]


def test_a_weekday_on_its_own_dropped_stays_an_error() -> None:
    found = _findings("La trêve a pris fin vendredi à Genève.", "The truce ended in Geneva.")
    assert [(f.check, f.severity) for f in found] == [("dates", "error")]


def test_a_year_dropped_from_a_date_stays_an_error() -> None:
    found = _findings("La trêve a pris fin le 1er novembre 2013.", "The truce ended on 1 November.")
    assert [(f.check, f.severity) for f in found] == [("numbers", "error")]
