"""The aligner's number words are the facts' number words: a word the QA reads as a number meets its digits."""

from __future__ import annotations

import pytest

from tracker.align.features import word_features
from tracker.align.lexicon import NUMBER_WORDS
from tracker.facts.vocabulary import _EN_NUMBERS, _FR_NUMBERS


@pytest.mark.parametrize("word", [w for w in {**_FR_NUMBERS, **_EN_NUMBERS} if "-" not in w])
def test_every_single_number_word_the_facts_know_keys_to_its_value(word: str) -> None:
    assert NUMBER_WORDS[word.replace("é", "e")] == str({**_FR_NUMBERS, **_EN_NUMBERS}[word])


@pytest.mark.parametrize(("fr", "en"), [("quinze ans", "15 years"), ("seize mois", "sixteen months")])
def test_a_number_in_words_meets_the_same_number_in_digits_or_words(fr: str, en: str) -> None:
    number = {f for f in word_features(fr) if f.startswith("#")}
    assert number and number <= word_features(en)


def test_ordinals_and_fractions_meet_across_languages() -> None:
    assert NUMBER_WORDS["premiere"] == NUMBER_WORDS["first"] == "1st"
    assert NUMBER_WORDS["moitie"] == NUMBER_WORDS["half"]
