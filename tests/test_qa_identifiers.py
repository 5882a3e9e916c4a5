"""Identifiers that mix letters and digits are facts: the same on both sides raises nothing, a change is an error."""

from __future__ import annotations

import pytest

from tracker.facts.identifiers import identifiers
from tracker.model import Finding, Link
from tracker.qa import QAConfig, check

CONFIG = QAConfig(disabled=frozenset({"coverage"}))
# (French, English) sentences carrying one identifier each, written as either paper would.
SAME = [
    ("Les rebelles du M23 ont quitté Goma.", "The M23 rebels have left Goma."),
    ("Un Airbus A380 s'est posé à Dubaï.", "An Airbus A380 landed in Dubai."),
    ("Le G20 se réunit à Brisbane.", "The G20 meets in Brisbane."),
    ("Un F-16 a été abattu près de la frontière.", "An F-16 was shot down near the border."),
    ("Le COVID-19 a fermé les écoles.", "Covid-19 closed the schools."),
    ("La RN7 est coupée près de Valence.", "The RN7 is closed near Valence."),
    ("Le Boeing 737 MAX reste cloué au sol.", "The Boeing 737 MAX remains grounded."),
    ("Le réseau 5G arrive à Lille.", "The 5G network reaches Lille."),
    ("L'Euro-2016 s'ouvre à Saint-Denis.", "Euro 2016 opens in Saint-Denis."),
]
CHANGED = [
    ("Les rebelles du M23 ont quitté Goma.", "The M30 rebels have left Goma."),
    ("Un Airbus A380 s'est posé à Dubaï.", "An Airbus A350 landed in Dubai."),
    ("Le G20 se réunit à Brisbane.", "The G7 meets in Brisbane."),
    ("Un F-16 a été abattu près de la frontière.", "An F-15 was shot down near the border."),
    ("Le COVID-19 a fermé les écoles.", "Covid-20 closed the schools."),
    ("La RN7 est coupée près de Valence.", "The RN17 is closed near Valence."),
    ("Le Boeing 737 MAX reste cloué au sol.", "The Boeing 737 NG remains grounded."),
    ("Le réseau 5G arrive à Lille.", "The 4G network reaches Lille."),
]


def _found(fr: str, en: str) -> list[Finding]:
    return [f for f in check([fr], [en], [Link((0,), (0,))], CONFIG) if f.check == "identifiers"]


@pytest.mark.parametrize(("fr", "en"), SAME)
def test_an_identifier_written_on_both_sides_raises_nothing(fr: str, en: str) -> None:
    assert identifiers(fr)
    assert _found(fr, en) == []


@pytest.mark.parametrize(("fr", "en"), CHANGED)
def test_a_changed_identifier_is_an_error(fr: str, en: str) -> None:
    found = _found(fr, en)
    assert [f.severity for f in found] == ["error"]
    assert "not in the English" in found[0].message and "not in the French" in found[0].message


def test_an_identifier_the_english_drops_is_lost_and_one_it_adds_is_added() -> None:
    lost = _found("Les rebelles du M23 et l'armée ont signé à Kampala.", "The rebels and the army signed in Kampala.")
    assert [f.message for f in lost] == ["French M23 not in the English"]
    added = _found("Les rebelles et l'armée ont signé à Kampala.", "The M23 rebels and the army signed in Kampala.")
    assert [f.message for f in added] == ["English M23 not in the French"]


@pytest.mark.parametrize(
    "text",
    [
        "15km à pied, 3bn dollars, $5B, 2e tour, 1er mai, 14h30, 10pm, 21st century, the 1990s, 5M euros, 4x4",
        "au T3 2013, in Q3, au S1, in H1",  # quarters and halves are dates, written differently by each language
        "In 2019 NASA said so. In January 2019 NASA agreed. A price of 300 EUR.",
        "les e-mails, les km2, un mp3",
    ],
)
def test_measures_ordinals_times_and_periods_are_no_identifiers(text: str) -> None:
    assert identifiers(text) == ()


def test_an_identifier_shortened_to_its_letters_is_carried_but_not_one_with_other_digits() -> None:
    assert _found("Le Covid a fermé les écoles.", "Covid-19 closed the schools.") == []
    assert _found("Le Covid-19 a fermé les écoles.", "Covid closed the schools.") == []
    assert _found("Le Covid-19 a fermé les écoles.", "Covid closed the schools, not Covid-20.")
    assert _found("Le M23 a pris Goma.", "M took Goma.")  # one letter is no stem


def test_lower_case_words_hyphened_to_an_identifier_are_not_part_of_it() -> None:
    assert [i.text for i in identifiers("the anti-G20 march and Covid-19-related deaths")] == ["G20", "Covid-19"]


def test_an_identifier_in_a_sentence_the_adapter_cut_is_not_lost() -> None:
    fr = "Le sommet s'ouvre lundi à Brisbane avec 20 dirigeants. Le G20 a été créé en 1999 après une crise."
    en = "The summit opens on Monday in Brisbane with 20 leaders."
    assert _found(fr, en) == []
