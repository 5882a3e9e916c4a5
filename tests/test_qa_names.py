"""The names check on translated titles and familiar clippings: rendered names raise nothing, replaced ones do."""

from __future__ import annotations

import pytest

from tracker.facts import names
from tracker.model import Link
from tracker.qa import QAConfig, check
from tracker.qa.match import clipped
from tracker.qa.titles import english_titles, french_title

_NAMES_ONLY = QAConfig(disabled=frozenset({"numbers", "dates", "quotes", "untranslated", "length", "coverage"}))


def _names(fr: str, en: str) -> set[str]:
    return {f.check for f in check([fr], [en], [Link((0,), (0,))], _NAMES_ONLY)}


TRANSLATED_TITLES = [
    # French capitalises a title's first word only; English every main word.
    (
        "Les habitants préparent la Fête des vendanges depuis un mois, sous la pluie.",
        "Residents have been getting the Harvest Festival ready for a month, in the rain.",
    ),
    # An article capitalised within a sentence opens a title.
    (
        "Enfant, Marion a découvert La Petite Sirène au cinéma avec sa grand-mère.",
        "As a child, Marion discovered The Little Mermaid at the cinema with her grandmother.",
    ),
]


@pytest.mark.parametrize(("fr", "en"), TRANSLATED_TITLES)
def test_a_french_title_translated_into_an_english_title_raises_nothing(fr: str, en: str) -> None:
    assert _names(fr, en) == set()


REPLACED = [
    # The title's place is taken by one foreign name, not by an English title.
    (
        "Enfant, Marion a découvert La Petite Sirène au cinéma avec sa grand-mère.",
        "As a child, Marion discovered Montevideo at the cinema with her grandmother.",
    ),
    # A person's name (two capitalised words) followed by a complement is no title, whatever English title is near.
    (
        "Vladimir Poutine de son côté défend le marché unique.",
        "Vladimir Medvedev for his part defends the Single Market.",
    ),
    # The title is translated, but the rider's name beside it was replaced.
    (
        "Marion Dupuis prépare la Fête des vendanges à Lyon.",
        "Marion Okafor is getting the Harvest Festival ready in Lyon.",
    ),
]


@pytest.mark.parametrize(("fr", "en"), REPLACED)
def test_a_name_replaced_beside_or_instead_of_a_title_is_found(fr: str, en: str) -> None:
    assert _names(fr, en) == {"names"}


def test_french_title_typography() -> None:
    text = (
        "Il a lu Le Petit Prince, vu La Grande Vadrouille et la Coupe du monde, puis Jean Dupont de retour et "
        "Dupont de nouveau. La Rochelle gagne. Vladimir Poutine de son côté se tait. Il voit Lyon de loin."
    )
    titles = {n.text: french_title(n, text) for n in names(text, "fr")}
    assert titles == {
        "Petit Prince": True,  # `Le` is read apart, as a Roman ordinal would be
        "La Grande Vadrouille": True,
        "Coupe": True,
        "Jean Dupont": False,
        "Dupont": False,  # no determiner
        "La Rochelle": False,  # at a sentence's start, `La` is the article any sentence may open with
        "Poutine": False,  # `Vladimir` opens the sentence and is left out of the name, but it is no determiner
        "Lyon": False,
    }


def test_english_titles_need_two_stray_words() -> None:
    text = "She won the Horse of the Year show and met Mr Brown in Leeds."
    assert english_titles(text, {"Horse", "Year", "Brown", "Leeds"}) == [frozenset({"Horse", "Year"})]
    assert english_titles(text, {"Horse", "Brown"}) == []


@pytest.mark.parametrize(
    ("full", "short", "expected"),
    [
        ("Tasmanie", "Tassie", True),
        ("Australie", "Aussie", True),
        ("Brisbane", "Brissie", True),
        ("Robertson", "Robbo", True),
        ("Tasmanie", "Tahiti", False),  # no diminutive ending, two letters shared
        ("Tasmanie", "Tasty", False),  # `tast` does not start Tasmanie
        ("Marseille", "Mary", False),  # three letters, none doubled: a name of its own
        ("Football", "Footy", True),
        ("Toulouse", "Tomo", False),
        ("Tasmanie", "Tasmaniee", False),  # longer than the name: not a clipping
    ],
)
def test_familiar_clippings(full: str, short: str, expected: bool) -> None:
    assert clipped(full, short) is expected


def test_a_name_given_in_its_familiar_clipping_raises_nothing_but_another_name_does() -> None:
    fr = "Le plan de sauvetage de la santé en Tasmanie coûtera cher, a dit M. Wilkie."
    assert _names(fr, "The Tassie health rescue package will be costly, Mr Wilkie said.") == set()
    assert _names(fr, "The Tbilisi health rescue package will be costly, Mr Wilkie said.") == {"names"}
    assert _names(fr, "The Tahiti health rescue package will be costly, Mr Wilkie said.") == {"names"}


def test_an_english_function_word_carries_no_name() -> None:
    fr = "Frank Fay présentait la soirée au Palace Theatre chaque semaine."
    assert _names(fr, "Frank Fay hosted the evening at the Palace Theatre every week.") == set()
    # `that` is as near to `Theatre` as a fuzzy spelling gets, but it is no spelling of it.
    assert _names(fr, "Frank Fay hosted the evening at the Palace Okafor, that week.") == {"names"}


def test_a_name_after_a_title_of_address_is_checked() -> None:
    # `M.` ends no sentence, so `Hugues` is a name to carry, spelled `Hughes` in English.
    fr = "Selon lui, la peine est juste, a dit M. Hugues devant la cour de Denpasar."
    assert _names(fr, "He said the sentence was fair, Mr Hughes told the court in Denpasar.") == set()
    assert _names(fr, "He said the sentence was fair, Mr Okafor told the court in Denpasar.") == {"names"}
