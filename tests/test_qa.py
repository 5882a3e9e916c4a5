"""QA checks on aligned paragraphs: facts carried over in either convention raise nothing, changed facts do."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import Finding, Link, Waiver, text_hash
from tracker.qa import QAConfig, apply_waivers, check, coverage
from tracker.segment import segment

SAMPLE = resources.files("tracker") / "samples" / "sochi-summit"
EXPECTED = json.loads((Path(__file__).parent / "data" / "sochi-expected.json").read_text("utf-8"))


def _texts(name: str) -> tuple[str, ...]:
    return segment((SAMPLE / name).read_text("utf-8")).texts


def _links(pairs: list[list[list[int]]]) -> list[Link]:
    return [Link(tuple(fr), tuple(en)) for fr, en in pairs]


R2_EN1 = _links(EXPECTED["alignment"]["fr.r2.txt~en.r1.txt"])
# fr.r3 moved fr.r2 13 up to 6 and added a paragraph at 12: the same alignment, renumbered.
R3_EN1 = _links(
    [[[0], []], [[], [0]], [[1], [1]], [[2], [2]], [[3], [3]], [[], [4]], [[4], [5]], [[5], [6]], [[7], [7]]]
    + [[[8], [8]], [[9, 10], [9]], [[11], [10]], [[13], [11]], [[14], [12]], [[6], []], [[12], []], [[15], []]]
    + [[[], [13]]]
)
# en.r2 translated the new paragraph as en 11; what followed moved down by one.
R3_EN2 = _links(
    [[[0], []], [[], [0]], [[1], [1]], [[2], [2]], [[3], [3]], [[], [4]], [[4], [5]], [[5], [6]], [[7], [7]]]
    + [[[8], [8]], [[9, 10], [9]], [[11], [10]], [[12], [11]], [[13], [12]], [[14], [13]], [[6], []], [[15], []]]
    + [[[], [14]]]
)


def test_the_sample_adaptation_raises_no_finding_at_all() -> None:
    assert check(_texts("fr.r2.txt"), _texts("en.r1.txt"), R2_EN1) == ()


def test_the_changed_death_toll_is_found_against_the_old_english() -> None:
    findings = check(_texts("fr.r3.txt"), _texts("en.r1.txt"), R3_EN1)
    numbers = [f for f in findings if f.check == "numbers"]
    assert [(f.fr, f.en, f.severity) for f in numbers] == [((13,), (11,), "error")]
    assert "6.600" in numbers[0].message and "6,500" in numbers[0].message


def test_the_updated_english_carries_the_new_toll() -> None:
    findings = check(_texts("fr.r3.txt"), _texts("en.r2.txt"), R3_EN2)
    assert not [f for f in findings if f.check in {"numbers", "dates"}]


def _one(fr: str, en: str, config: QAConfig | None = None) -> list[Finding]:
    return list(check([fr], [en], [Link((0,), (0,))], config))


def _checks(fr: str, en: str) -> set[str]:
    return {f.check for f in _one(fr, en)}


CORRECT = [
    ("La guerre a fait plus de 6.500 morts.", "The war left more than 6,500 dead."),
    ("Il a perdu 1,5 million d’euros.", "He lost 1.5 million euros."),
    ("Les ventes ont reculé de 15 % en 2022.", "Sales fell 15% in 2022."),
    ("Depuis huit mois, le conflit dure.", "The conflict has lasted for eight months."),
    ("Le sommet s’est tenu lundi 31 octobre.", "The summit was held on Monday, October 31."),
    ("Rendez-vous à 14h30 à Bakou.", "The meeting is at 2:30 pm in Baku."),
    ("Une région disputée depuis les années 1990.", "A region disputed since the 1990s."),
    ("Ils se sont réunis à Bruxelles en août.", "They met in Brussels in August."),
    ("Ilham Aliev a rencontré Nikol Pachinian à Erevan.", "Ilham Aliyev met Nikol Pashinian in Yerevan."),
    ("L’Arménie est membre de l’OTSC.", "Armenia is a member of the CSTO."),
    ("Le siège mesure 18 pouces (45,72 cm).", "The seat is 18 inches (46 cm) wide."),
    ("Elle était à 15 m du sommet.", "She was 50ft from the top."),
    (
        "« Nous resterons en contact et poursuivrons le dialogue », a-t-il promis.",
        "“We will remain in contact and continue the dialogue,” he promised.",
    ),
    ("Le budget passe de 4,2 à 4,1 Md$.", "The budget dips to $4.1 billion from $4.2 billion."),
]


@pytest.mark.parametrize(("fr", "en"), CORRECT)
def test_facts_carried_over_in_their_own_convention_raise_nothing(fr: str, en: str) -> None:
    assert _one(fr, en) == []


INCORRECT = [
    ("La guerre a fait plus de 6.600 morts.", "The war left more than 6,500 dead.", "numbers"),
    ("Il a perdu 1,5 million d’euros.", "He lost 1.5 billion euros.", "numbers"),
    ("Les ventes ont reculé de 15 %.", "Sales fell 15 euros.", "numbers"),
    ("Les ventes ont reculé de 15 %.", "Sales fell 15% in 2022.", "numbers"),
    ("Depuis huit mois, le conflit dure.", "The conflict has lasted for nine months.", "numbers"),
    ("Le sommet s’est tenu lundi 31 octobre.", "The summit was held on Monday, October 30.", "dates"),
    ("Le sommet s’est tenu lundi à Sotchi.", "The summit was held on Tuesday in Sochi.", "dates"),
    ("Rendez-vous à 14h30 à Bakou.", "The meeting is at 3:30 pm in Baku.", "dates"),
    ("Ils se sont réunis à Bruxelles en août.", "They met in Brussels in September.", "dates"),
    ("Ilham Aliev a rencontré Nikol Pachinian à Erevan.", "Ilham Aliyev met Nikol Pashinian in Tbilisi.", "names"),
    ("L’Arménie est membre de l’OTSC.", "Armenia is a member of NATO.", "names"),
    (
        "« Nous resterons en contact et poursuivrons le dialogue et la recherche de solutions », a-t-il promis.",
        "He promised that they would remain in contact and continue the dialogue and the search for solutions.",
        "quotes",
    ),
    (
        "« Nous resterons en contact et poursuivrons le dialogue et la recherche de solutions », a-t-il promis.",
        "“We will remain,” he promised, and continue the dialogue and the search for solutions.",
        "quotes",
    ),
    (
        "Le président russe a ensuite reçu son homologue azerbaïdjanais.",
        "Le président russe a ensuite reçu son homologue azerbaïdjanais.",
        "untranslated",
    ),
    (
        "Le président russe a ensuite reçu son homologue azerbaïdjanais.",
        "Le président russe then received his homologue azerbaïdjanais, qui l’a remercié pour la normalisation.",
        "untranslated",
    ),
    (
        "Le président russe a ensuite reçu son homologue azerbaïdjanais, qui l’a remercié longuement.",
        "Putin met.",
        "length",
    ),
]


@pytest.mark.parametrize(("fr", "en", "expected"), INCORRECT)
def test_a_fact_lost_or_changed_is_found_by_its_check(fr: str, en: str, expected: str) -> None:
    assert expected in _checks(fr, en)


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        ("Jean-Paul Sartre, Simone de Beauvoir", "Jean-Paul Sartre, Simone de Beauvoir"),
        ("Le vote a eu lieu à 6h30 à Sydney.", "The vote took place at 6.30 in Sydney."),
        ("En août, la ville a cédé.", "In August, the city gave in."),
        ("June Carter chantait le dimanche.", "June Carter sang on Sundays."),
        ("Boeing vend le 777-300ER.", "Boeing sells the 777-300ER."),
        ("Les deux pays ont signé.", "Both countries signed."),
        ("Les ventes ont chuté à 4,1 Md$ en 2014-15.", "Sales fell to $4.1bn in 2014-15."),
        ("Une œuvre du XIXe siècle, vue à midi.", "A work of the nineteenth century, seen at noon."),
        ("Il est né dans les années 60.", "He was born in the sixties."),
        ("Il est parti à 12 heures.", "He left at noon."),
    ],
)
def test_conventions_that_look_different_raise_nothing(fr: str, en: str) -> None:
    assert _one(fr, en) == []


def test_facts_are_errors_and_fuzzy_checks_are_warnings() -> None:
    findings = _one("Ilham Aliev a eu 6.600 voix à Bakou.", "Mr Smith got 6,500 votes in Baku.")
    severities = {f.check: f.severity for f in findings}
    assert severities == {"numbers": "error", "names": "warning"}


def test_a_merged_link_is_checked_as_a_whole() -> None:
    fr = ["Le bilan est de 286 morts.", "La guerre de 2020 a fait 6.500 morts."]
    en = ["The toll is 286 dead, and the 2020 war left 6,500 dead."]
    assert check(fr, en, [Link((0, 1), (0,))]) == ()


def test_a_sentence_the_adapter_cut_does_not_count_as_lost_facts() -> None:
    fr = "Le sommet a réuni Vladimir Poutine à Sotchi. La Banque mondiale prévoit 4,2 % de croissance selon Reuters."
    assert (
        _one(fr, "The summit brought Vladimir Putin to Sochi.", QAConfig(disabled=frozenset({"length", "coverage"})))
        == []
    )


def test_a_name_paraphrased_away_is_an_adapters_choice_but_a_name_replaced_is_found() -> None:
    fr = "Le système de santé de Tasmanie sera réformé, a dit M. Wilkie."
    assert _one(fr, "The state's health system will be reformed, Mr Wilkie said.") == []
    assert _checks(fr, "The state's health system will be reformed, Mr Hockey said.") == {"names"}


def test_config_disables_checks_and_overrides_severities() -> None:
    config = QAConfig.from_table({"disable": ["names"], "severity": {"numbers": "warning"}})
    findings = _one("Ilham Aliev a eu 6.600 voix à Bakou.", "Mr Smith got 6,500 votes in Baku.", config)
    assert [(f.check, f.severity) for f in findings] == [("numbers", "warning")]


def test_config_reads_per_check_tables_length_bounds_and_names() -> None:
    config = QAConfig.from_table(
        {"numbers": {"enabled": False}, "length": {"min": 0.5, "max": 1.5}}, {"Tbilissi": "Tbilisi"}
    )
    assert not config.enabled("numbers")
    assert (config.length_min, config.length_max) == (0.5, 1.5)
    assert _one("Ils se sont vus à Tbilissi.", "They met in Tbilisi.", config) == []


@pytest.mark.parametrize(
    "table", [{"disable": ["spelling"]}, {"severity": {"numbers": "fatal"}}, {"length": {"min": 2, "max": 1}}]
)
def test_a_bad_qa_table_is_an_input_error(table: dict[str, object]) -> None:
    from tracker.errors import InputError

    with pytest.raises(InputError):
        QAConfig.from_table(table)


def test_coverage_counts_the_french_the_english_represents() -> None:
    fr, en = ["a" * 100, "b" * 100], ["x" * 90]
    result = coverage(fr, en, [Link((0,), (0,)), Link((1,), ())])
    assert result.per_paragraph == (1.0, 0.0)
    assert result.total == pytest.approx(0.5)
    findings = check(fr, en, [Link((0,), (0,)), Link((1,), ())], QAConfig(min_coverage=0.8))
    assert [(f.check, f.fr) for f in findings] == [("coverage", (1,))]


def test_a_waiver_marks_its_finding_waived_while_the_texts_are_unchanged() -> None:
    fr, en = ["Il y a eu 6.600 morts."], ["There were 6,500 dead."]
    findings = check(fr, en, [Link((0,), (0,))])
    waiver = Waiver(
        "s", "numbers", (text_hash(fr[0]),), (text_hash(en[0]),), "ann", datetime(2026, 1, 1, tzinfo=UTC), "ok"
    )
    assert [f.waived for f in apply_waivers(findings, [waiver], fr, en)] == [True]
    assert [f.waived for f in apply_waivers(findings, [waiver], fr, ["There were 6,400 dead."])] == [False]


def test_a_waived_finding_says_who_set_it_aside_and_why_the_latest_waiver_speaking() -> None:
    fr, en = ["Il y a eu 6.600 morts."], ["There were 6,500 dead."]
    findings = check(fr, en, [Link((0,), (0,))])
    keys = ("s", "numbers", (text_hash(fr[0]),), (text_hash(en[0]),))
    older = Waiver(*keys, "ann", datetime(2026, 1, 1, tzinfo=UTC), "wire figure disputed")
    newer = Waiver(*keys, "bob", datetime(2026, 1, 2, tzinfo=UTC), "confirmed with the desk")
    assert [f.waiver for f in apply_waivers(findings, [newer, older], fr, en)] == ["bob: confirmed with the desk"]
    assert [f.waiver for f in findings] == [""]


def test_a_link_to_a_missing_paragraph_is_an_input_error() -> None:
    from tracker.errors import InputError

    with pytest.raises(InputError):
        check(["a"], ["b"], [Link((0,), (3,))])


@given(st.integers(min_value=0, max_value=9_999_999), st.sampled_from([".", " ", "\u202f", "\u00a0"]))
@settings(max_examples=60, deadline=None)
def test_any_figure_written_in_french_convention_passes_against_english(n: int, separator: str) -> None:
    french = f"{n:,}".replace(",", separator)
    assert _one(f"Le bilan est de {french} morts à Bakou.", f"The toll is {n:,} dead in Baku.") == []


@given(st.integers(min_value=0, max_value=9_999_999), st.integers(min_value=1, max_value=99))
@settings(max_examples=60, deadline=None)
def test_any_changed_figure_is_an_error(n: int, delta: int) -> None:
    french = f"{n:,}".replace(",", ".")
    findings = _one(f"Le bilan est de {french} morts à Bakou.", f"The toll is {n + delta:,} dead in Baku.")
    assert [(f.check, f.severity) for f in findings] == [("numbers", "error")]
