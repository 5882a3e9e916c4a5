"""Facts read from French and English compare equal across the two languages' conventions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.facts import dates, figures, name_key, names, quotes


def _values(text: str, lang: str) -> set[float]:
    return {v for f in figures(text, lang) if f.claim for v in f.values}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        ("6.500 morts", "6,500 dead"),
        ("6 500 morts", "6,500 dead"),
        ("6\u202f500 morts", "6,500 dead"),
        ("6\u00a0500 morts", "6,500 dead"),
        ("1,5 point", "1.5 points"),
        ("30.000 morts", "30,000 dead"),
        ("2 millions d’habitants", "2 million people"),
        ("2,5 milliards de dollars", "$2.5 billion"),
        ("10 M€", "€10m"),
        ("10 millions d'euros", "10 million euros"),
        ("330 M$", "$330 million"),
        ("huit mois", "eight months"),
        ("dix-huit ans", "eighteen years"),
        ("15 %", "15%"),
        ("15 %", "15 percent"),
        ("le XXIe siècle", "the 21st century"),
        ("5,3 billions de dollars", "$5.3tn"),
        ("trois cent vingt-cinq francs", "325 francs"),
        ("quatre-vingt-dix-sept ans", "ninety-seven years"),
        ("trente et un jours", "thirty-one days"),
        ("deux mille cinq cents soldats", "two thousand five hundred soldiers"),
        ("un million de personnes", "1 million people"),
        ("huit tonnes et demie", "8.5 tons"),
    ],
)
def test_the_same_figure_has_the_same_value_in_either_convention(fr: str, en: str) -> None:
    assert _values(fr, "fr") & _values(en, "en")


@pytest.mark.parametrize(("fr", "en"), [("6.600 morts", "6,500 dead"), ("1,5 %", "15%"), ("2 millions", "2 billion")])
def test_different_figures_do_not_compare_equal(fr: str, en: str) -> None:
    assert not _values(fr, "fr") & _values(en, "en")


def test_percent_and_currency_units_are_read() -> None:
    assert figures("15 %", "fr")[0].unit == "%"
    assert figures("2 millions d’euros", "fr")[0].unit == "EUR"
    assert figures("$3.5bn", "en")[0].unit == "USD"


def test_identifiers_are_not_quantities() -> None:
    assert not [f for f in figures("le G20 et un Boeing F-16 en 4G", "fr") if f.claim]


def test_un_bâtiment_neuf_is_new_not_nine() -> None:
    assert not [f for f in figures("un bâtiment neuf.", "fr") if f.claim]
    assert _values("neuf mois", "fr") == {9.0}


def test_deux_in_an_idiom_counts_nothing_but_a_range_does() -> None:
    for idiom in ("Il vit entre deux voyages.", "Elle habite à deux pas d'ici."):
        assert not [f for f in figures(idiom, "fr") if f.claim]
    assert [f.text for f in figures("entre deux et trois jours, à deux kilomètres", "fr") if f.claim] == [
        "deux",
        "trois",
        "deux",
    ]


@pytest.mark.parametrize(
    ("fr", "en", "kind"),
    [
        ("31 octobre", "October 31", "day"),
        ("31 octobre", "Oct. 31", "day"),
        ("31 octobre", "31 October", "day"),
        ("1er janvier", "January 1st", "day"),
        ("lundi", "Monday", "weekday"),
        ("14h30", "2:30 pm", "time"),
        ("14 h 30", "14:30", "time"),
        ("les années 1990", "the 1990s", "decade"),
        ("en août", "in August", "month"),
    ],
)
def test_dates_and_times_compare_across_conventions(fr: str, en: str, kind: str) -> None:
    fr_facts = [d for d in dates(fr, "fr") if d.kind == kind]
    en_facts = [d for d in dates(en, "en") if d.kind == kind]
    assert fr_facts and en_facts
    assert fr_facts[0].values & en_facts[0].values


def test_may_the_verb_and_may_the_name_are_not_months() -> None:
    assert not dates("Theresa May said it may rain.", "en")
    assert [d.kind for d in dates("It happened in May.", "en")] == ["month"]


def test_day_numbers_are_part_of_the_date_not_figures_to_carry() -> None:
    assert not [f for f in figures("le 31 octobre", "fr") if f.claim]


def test_french_and_english_quotes_with_nesting_are_top_level_passages() -> None:
    fr = quotes("Il a dit : « nous refusons le “plan” de Moscou », puis il est parti.")
    en = quotes("He said: “we refuse Moscow’s ‘plan’,” then left.")
    assert len(fr) == len(en) == 1
    assert "plan" in fr[0].text and "plan" in en[0].text


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("Russia’s role and Putin’s plan") == ()


def test_names_skip_the_first_word_of_a_sentence_but_keep_acronyms() -> None:
    found = [n.text for n in names("Le sommet de l’OTSC a réuni Vladimir Poutine à Sotchi.", "fr")]
    assert found == ["OTSC", "Vladimir Poutine", "Sotchi"]


def test_a_full_stop_after_an_initial_or_a_title_ends_no_sentence() -> None:
    found = [n.text for n in names("Il a parlé à M. Wilkie. Ensuite il a vu W. Kamau Bell et Mme. Roux.", "fr")]
    assert [n for n in found if len(n) > 1] == ["Wilkie", "Kamau Bell", "Mme", "Roux"]
    assert [n.text for n in names("He met Mr. Smith. Later he left.", "en")] == ["Mr", "Smith"]


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        ("Poutine", "Putin"),
        ("Pachinian", "Pashinian"),
        ("Sotchi", "Sochi"),
        ("Bakou", "Baku"),
        ("Aliev", "Aliyev"),
        ("Hugues", "Hughes"),  # a hard g: French gu before e or i, English gh
        ("Afghanistan", "Afganistan"),
    ],
)
def test_transliterations_share_a_key(fr: str, en: str) -> None:
    assert name_key(fr) == name_key(en)


@given(st.integers(min_value=1000, max_value=999_999))
def test_any_thousands_figure_reads_the_same_in_both_conventions(n: int) -> None:
    french = f"{n:,}".replace(",", ".")
    english = f"{n:,}"
    spaced = f"{n:,}".replace(",", "\u202f")
    assert float(n) in _values(french, "fr") & _values(english, "en") & _values(spaced, "fr")


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=9))
def test_decimals_read_the_same_in_both_conventions(whole: int, tenth: int) -> None:
    assert _values(f"{whole},{tenth}", "fr") == _values(f"{whole}.{tenth}", "en") == {whole + tenth / 10}
