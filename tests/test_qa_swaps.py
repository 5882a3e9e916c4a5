"""Figures swapped between sentences are caught, sentence against sentence, where the paragraph check is silent;
sentences reordered or a figure moved by an adapter raise nothing."""

from __future__ import annotations

import pytest

from tracker.model import Link
from tracker.qa import check

FR = "Le séisme a fait 12 morts lundi dans le nord du pays. Les secours ont hospitalisé 30 blessés dans la nuit."
SWAPPED = (
    "The earthquake killed 30 people on Monday in the north of the country. "
    "Rescuers took 12 injured people to hospital overnight."
)


def _numbers(fr: str, en: str) -> list[str]:
    return [f.message for f in check([fr], [en], [Link((0,), (0,))]) if f.check == "numbers"]


def test_two_figures_crossed_between_their_sentences_are_an_error() -> None:
    (finding,) = [f for f in check([FR], [SWAPPED], [Link((0,), (0,))]) if f.check == "numbers"]
    assert finding.severity == "error"
    assert finding.message.startswith("figures swapped between sentences: French 12 and 30")
    assert finding.spans == ("12", "30")


def test_three_sentences_with_one_crossed_pair_name_that_pair() -> None:
    fr = FR + " Le bilan précédent faisait état de 8 morts."
    en = SWAPPED + " An earlier toll had put the dead at 8."
    assert _numbers(fr, en) == [
        "figures swapped between sentences: French 12 and 30 are each in the English sentence that stands for the "
        "other's"
    ]


@pytest.mark.parametrize(
    "en",
    [
        # a faithful translation
        "The earthquake killed 12 people on Monday in the north of the country. "
        "Rescuers took 30 injured people to hospital overnight.",
        # the adapter put the sentences the other way round
        "Rescuers took 30 injured people to hospital overnight. "
        "The earthquake killed 12 people on Monday in the north of the country.",
        # one figure moved into the other sentence: restructured, not swapped
        "The earthquake killed 12 people on Monday and injured 30. Rescuers worked overnight in the north.",
        # one sentence in English: nothing to cross
        "The earthquake killed 12 people and 30 were taken to hospital overnight.",
    ],
)
def test_in_order_reordered_or_restructured_english_raises_nothing(en: str) -> None:
    assert _numbers(FR, en) == []


def test_a_figure_lost_is_reported_as_lost_not_as_a_swap() -> None:
    en = SWAPPED.replace("12", "13")
    (message,) = _numbers(FR, en)
    assert "swapped" not in message and "French 12 not in the English" in message
