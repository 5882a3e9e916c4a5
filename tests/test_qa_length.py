"""The length check measures the English against the French it kept: a sentence cut on purpose is no shortfall."""

from __future__ import annotations

from tracker.model import Finding, Link
from tracker.qa import QAConfig, check

_LENGTH_ONLY = QAConfig(disabled=frozenset({"numbers", "dates", "quotes", "names", "untranslated", "coverage"}))


def _length(fr: str, en: str) -> list[Finding]:
    return list(check([fr], [en], [Link((0,), (0,))], _LENGTH_ONLY))


# The first sentence's figures are in the English, the second's are not: the adapter cut the second sentence.
CUT_FR = (
    "Les ventes de la division ont baissé de 12 % à 3 Md$. Le groupe Dupont, premier fabricant mondial de "
    "matériel agricole, a indiqué que sa branche ferroviaire avait progressé de près de 9 % à 4,4 Md$ sur "
    "l'exercice, grâce aux commandes de plusieurs régions européennes et asiatiques."
)
# Two sentences with no fact: the English translates the first one whole.
PLAIN_FR = (
    "Les enquêteurs épluchent depuis des semaines les messages échangés par les responsables du projet. "
    "Ces révélations ont ébranlé un secteur qui comptait jusque-là parmi les plus dynamiques de la région, mais "
    "que la faiblesse de la demande et la hausse des coûts avaient déjà fragilisé au cours des dernières années."
)
PLAIN_EN = "Investigators have spent weeks combing through messages exchanged by the project's managers."


def test_a_sentence_cut_with_its_facts_is_not_a_shortfall() -> None:
    en = "Division sales fell 12 percent to $3 billion."
    assert len(en) < 0.3 * len(CUT_FR)
    assert _length(CUT_FR, en) == []


def test_english_keeping_one_whole_sentence_with_no_fact_is_not_a_shortfall() -> None:
    assert len(PLAIN_EN) < 0.3 * len(PLAIN_FR)
    assert _length(PLAIN_FR, PLAIN_EN) == []


def test_english_far_shorter_than_the_sentences_it_kept_is_found() -> None:
    # Facts of both sentences are there, so both were kept, in a fraction of their length.
    findings = _length(CUT_FR, "Sales: -12%, $3bn; Dupont +9%, $4.4bn.")
    assert [f.check for f in findings] == ["length"]
    assert "characters of French it keeps" in findings[0].message


def test_english_far_shorter_than_any_one_sentence_is_found() -> None:
    assert [f.check for f in _length(PLAIN_FR, "Investigators are busy.")] == ["length"]


def test_a_single_sentence_cut_short_is_found() -> None:
    fr = (
        "Les ventes ont baissé de 12 % à 3 Md$ au troisième trimestre, en raison d'une demande plus faible des "
        "compagnies aériennes régionales et d'un net recul des livraisons d'avions d'affaires en Amérique du Nord."
    )
    assert [f.check for f in _length(fr, "Sales fell 12% to $3bn.")] == ["length"]


def test_english_with_none_of_the_facts_is_measured_against_the_whole_french() -> None:
    # Every sentence has a fact and none is in the English: nothing tells which part it stands for.
    fr = (
        "Le chômage a atteint 7,4 % en mars selon les chiffres publiés par l'office statistique national. "
        "Le nombre de demandeurs d'emploi a augmenté de 35.000 en un mois, un record depuis la crise financière."
    )
    assert [f.check for f in _length(fr, "Jobless figures are out.")] == ["length"]


def test_english_far_longer_is_still_found() -> None:
    fr = "Les ventes ont baissé de 12 % à 3 Md$."
    en = (
        "Division sales fell 12 percent to $3 billion, the company said on its website, adding that demand from "
        "regional airlines had weakened and that deliveries of business jets had slowed across North America."
    )
    assert [f.check for f in _length(fr, en)] == ["length"]
