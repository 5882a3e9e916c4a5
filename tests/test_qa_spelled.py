"""French numbers written in words must reach the English, in words or digits; idioms that count nothing need not."""

from __future__ import annotations

import pytest

from tracker.facts import figures
from tracker.model import Link
from tracker.qa import QAConfig, check
from tracker.qa.match import figure_matched

_NUMBERS_ONLY = QAConfig(disabled=frozenset({"dates", "quotes", "names", "untranslated", "length", "coverage"}))


def _numbers(fr: str, en: str) -> list[str]:
    return [f.message for f in check([fr], [en], [Link((0,), (0,))], _NUMBERS_ONLY)]


CARRIED = [
    ("Il a été jugé quatre mois plus tard.", "He was tried four months later."),
    ("Il a été jugé quatre mois plus tard.", "He was tried 4 months later."),
    ("Il a gagné deux fois le tournoi.", "He won the tournament twice."),
    ("Elle habite à deux pas de la gare.", "She lives a stone's throw from the station."),
    ("Le garage stocke la voiture entre deux courses.", "The garage stores the car between races."),
    ("Il restera entre deux et trois jours.", "He will stay between two and three days."),
    ("Les deux pays ont signé.", "Both countries signed."),
    # A sentence the adapter cut takes its spelled numbers with it.
    (
        "Le sommet a réuni Vladimir Poutine à Sotchi. Trois manifestants ont été arrêtés, selon Reuters.",
        "The summit brought Vladimir Putin to Sochi.",
    ),
]


@pytest.mark.parametrize(("fr", "en"), CARRIED)
def test_spelled_numbers_carried_or_idioms_raise_nothing(fr: str, en: str) -> None:
    assert _numbers(fr, en) == []


LOST = [
    # The English `nine` is vouched for by the French 9, but the French `trois` is nowhere.
    ("Son chien de 9 mois a survécu trois jours seul.", "Her 9-month-old dog survived nine days alone.", "trois"),
    ("Ils possèdent deux restaurants et trois boutiques.", "They own three restaurants and three shops.", "deux"),
    ("Il restera entre deux et trois jours.", "He will stay between four and three days.", "deux"),
]


@pytest.mark.parametrize(("fr", "en", "word"), LOST)
def test_a_french_number_in_words_missing_from_the_english_is_found(fr: str, en: str, word: str) -> None:
    messages = _numbers(fr, en)
    assert len(messages) == 1 and f"French {word}" in messages[0]


def test_a_number_in_words_is_no_short_year() -> None:
    eleven = figures("eleven months later", "en")[0]
    assert not figure_matched(eleven, figures("arrêté en 2011", "fr"), set())
    assert figure_matched(figures("in '11", "en")[0], figures("arrêté en 2011", "fr"), set())


def test_a_spelled_number_vouched_for_by_a_short_year_is_found() -> None:
    messages = _numbers(
        "Arrêté en 2011, il a été jugé quatre mois plus tard.",
        "Arrested in 2011, he was tried four months and eleven days later.",
    )
    assert messages == ["English eleven not in the French"]
