"""The diff reads number words with the values the facts give them: one table of number words, not two."""

from __future__ import annotations

import pytest

from tracker.diff.lexicon import number_word_value
from tracker.facts import Language, figures
from tracker.facts.vocabulary import _EN_NUMBERS, _FR_NUMBERS


@pytest.mark.parametrize("word", [w for w in {**_FR_NUMBERS, **_EN_NUMBERS} if "-" not in w])
def test_every_single_number_word_the_facts_know_reads_the_same_in_the_diff(word: str) -> None:
    assert number_word_value(word) == {**_FR_NUMBERS, **_EN_NUMBERS}[word]


@pytest.mark.parametrize(("text", "lang"), [("vingt-cinq", "fr"), ("twenty-one", "en"), ("dix-sept", "fr")])
def test_hyphenated_numbers_read_as_the_facts_read_them(text: str, lang: Language) -> None:
    (figure,) = figures(text, lang)
    assert figure.values == {number_word_value(text)}


def test_words_that_are_not_numbers_have_no_value() -> None:
    assert number_word_value("maison") is None


@pytest.mark.parametrize(
    ("word", "value"), [("quatre-vingts", 80), ("quatre-vingt-dix", 90), ("quatre-vingt-cinq", 85), ("vingt-et-un", 21)]
)
def test_french_eighties_and_nineties_are_read_whole_not_piece_by_piece(word: str, value: int) -> None:
    assert number_word_value(word) == value
