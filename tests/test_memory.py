"""The translation memory's matching, on invented sentences: exact, near with the figure pointed out, partial,
nothing for unrelated text, and one match per distinct English."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from tracker.memory import MemoryEntry, best, concordance, folded, match, search_terms, sentences

if TYPE_CHECKING:
    from tracker.storage import Store

BACKGROUND = (
    "La guerre de l’automne 2020 entre les deux pays a fait plus de 6.500 morts et s’est soldée par une défaite "
    "militaire et un accord de paix parrainé par la capitale voisine."
)
ENGLISH = "The autumn 2020 war between the two countries left more than 6,500 dead and ended in a military defeat."
T = datetime(2026, 11, 2, tzinfo=UTC)


def entry(fr: str = BACKGROUND, en: str = ENGLISH, **kw: object) -> MemoryEntry:
    return MemoryEntry(fr, en, "story", "story-a", 2, 1, "tina", T, **kw)  # type: ignore[arg-type]


def test_the_same_text_is_an_exact_match_whatever_its_spacing_or_case() -> None:
    found = match(BACKGROUND.replace(" ", "  ").upper(), entry())
    assert found is not None and (found.kind, found.score, found.figures) == ("exact", 100, ())


def test_one_figure_changed_is_a_near_match_that_points_the_figure_out() -> None:
    found = match(BACKGROUND.replace("6.500", "6.600"), entry())
    assert found is not None and found.kind == "near" and 90 <= found.score < 100
    assert found.figures == (("6.500", "6.600"),)
    assert ("-", "6.500") in found.words and ("+", "6.600") in found.words


def test_a_paragraph_that_contains_a_remembered_one_is_a_partial_match() -> None:
    longer = "Les combats ont repris vendredi dans la région frontalière. " + BACKGROUND
    found = match(longer, entry())
    assert found is not None and found.kind in ("partial", "near")
    only_sentences = match(
        "Un fait nouveau est survenu hier soir, selon les autorités locales. " * 3 + BACKGROUND, entry()
    )
    assert only_sentences is not None and only_sentences.kind == "partial" and 0 < only_sentences.score < 75


def test_unrelated_text_gets_no_match() -> None:
    assert match("Le club de football a remporté le championnat après une saison record.", entry()) is None


def test_best_puts_exact_first_and_offers_each_english_once() -> None:
    near = entry(BACKGROUND.replace("6.500", "6.400"), ENGLISH.replace("6,500", "6,400"))
    twin = entry(BACKGROUND, ENGLISH)  # the same pair, remembered from another story
    ranked = best(BACKGROUND, [near, entry(), twin])
    assert [m.kind for m in ranked] == ["exact", "near"]


def test_a_near_match_never_reads_100_percent_however_long_the_paragraph() -> None:
    """100 % says "the same text" to a translator; a figure changed in a long paragraph rounds up to it (the
    sample's 6.500 -> 6.600 paragraph showed `100% near`): a near match tops out at 99, as CAT tools show it."""
    long = " ".join([BACKGROUND] * 4)
    found = match(long.replace("6.500", "6.600", 1), entry(fr=long))
    assert found is not None and found.kind == "near" and found.figures and found.score == 99


def test_approved_english_ranks_first_among_equal_scores() -> None:
    plain, approved = entry(en="Plain English."), entry(en="Approved English.", approved=True)
    assert [m.entry.en for m in best(BACKGROUND, [plain, approved])] == ["Approved English.", "Plain English."]


def test_search_terms_are_long_distinct_folded_words() -> None:
    terms = search_terms("Défaite défaite de l’Arménie à Erevan")
    assert terms == ["armenie", "defaite", "erevan"]


def test_sentences_split_at_ends_and_quotes() -> None:
    assert sentences("Il a dit « oui ». Puis il est parti! Fin") == ["il a dit « oui ».", "puis il est parti!", "fin"]


def test_concordance_finds_a_phrase_in_either_language() -> None:
    pairs = [entry(), entry("Un autre texte sans rapport.", "Another text.")]
    assert concordance("accord de paix", pairs) == [pairs[0]]
    assert concordance("MILITARY DEFEAT", pairs) == [pairs[0]]
    assert concordance("introuvable", pairs) == []


@given(st.text(min_size=1, max_size=200))
def test_a_text_matches_itself_exactly(text: str) -> None:
    if folded(text):
        found = match(text, entry(fr=text))
        assert found is not None and found.kind == "exact"


def test_the_stored_concordance_ignores_accents_case_and_spacing_on_both_databases(store: Store) -> None:
    from tracker.services.memory import search

    store.add_memory(
        [
            MemoryEntry("Les États-Unis ont  annoncé un accord.", "The United States announced a deal.", "t",
                        at=datetime.now(UTC)),
            MemoryEntry("Le Canada a refusé (sans appel).", "Canada refused (no appeal).", "t", at=datetime.now(UTC)),
        ]
    )  # fmt: skip
    assert [e.en for e in search(store, "etats-unis ont annonce")] == ["The United States announced a deal."]
    assert [e.en for e in search(store, "ÉTATS-UNIS")] == ["The United States announced a deal."]
    assert [e.en for e in search(store, "refuse (sans")] == ["Canada refused (no appeal)."]
    assert search(store, "etats-unis ont refuse") == []


def test_a_near_copy_is_found_through_its_rare_words_among_thousands_sharing_the_common_ones(store: Store) -> None:
    from tracker.services.memory import matches_for
    from tracker.storage import memory_search

    common = "le gouvernement annonce mardi une nouvelle mesure pour les habitants de la région"
    entries = [
        MemoryEntry(f"{common} numéro{k} quartier{k * 7} selon", f"EN {k}", "t")
        for k in range(memory_search.RARE + 500)  # the common words are in more entries than RARE
    ]
    store.add_memory(entries)
    wanted = entries[1234]
    near = wanted.fr.replace("mardi", "mercredi")
    (first, *_) = matches_for(store, near)
    assert first.entry.en == "EN 1234" and first.score >= 75
