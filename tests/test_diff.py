"""Revision diffs: paragraph lineage, word diffs and the substantive/cosmetic verdict."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from tracker.diff import diff, word_diff
from tracker.diff.classify import classify
from tracker.segment import segment

EXPECTED = json.loads((Path(__file__).parent / "data" / "sochi-expected.json").read_text(encoding="utf-8"))


def sample(name: str) -> tuple[str, ...]:
    text = resources.files("tracker").joinpath("samples", "sochi-summit", name).read_text(encoding="utf-8")
    return segment(text).texts


def _as_int(side: tuple[int, ...]) -> int | None:
    return side[0] if side else None


def test_sochi_r2_to_r3_gives_exactly_the_expected_changes() -> None:
    changes = diff(sample("fr.r2.txt"), sample("fr.r3.txt"))
    got = {(_as_int(c.old), _as_int(c.new), c.kind, c.substantive) for c in changes if c.kind != "unchanged"}
    want = {(e["old"], e["new"], e["kind"], e["substantive"]) for e in EXPECTED["changes"]["fr.r2.txt->fr.r3.txt"]}
    assert got == want


def test_sochi_changed_figure_is_named_in_the_reasons() -> None:
    changes = diff(sample("fr.r2.txt"), sample("fr.r3.txt"))
    figure = next(c for c in changes if c.old == (11,))
    assert figure.reasons == ("figure: 6.500 -> 6.600",)
    assert ("-", "6.500") in figure.words and ("+", "6.600") in figure.words


def test_sochi_urgent_grows_into_the_full_story_by_edits_and_additions() -> None:
    changes = diff(sample("fr.r1.txt"), sample("fr.r2.txt"))
    edited = [c for c in changes if c.kind == "edited"]
    added = [c for c in changes if c.kind == "added"]
    assert [(c.old, c.new, c.substantive) for c in edited] == [((i,), (i,), True) for i in range(3)]
    assert [c.new for c in added] == [(j,) for j in range(3, 15)]


@pytest.mark.parametrize(
    ("old", "new", "substantive", "reason"),
    [
        ("Il y a eu 6.500 morts.", "Il y a eu 6.600 morts.", True, "figure: 6.500 -> 6.600"),
        ("Il y a eu 6.500 morts.", "Il y a eu 6 500 morts.", False, "number format"),
        ("Quelque 10 000 candidats.", "Quelque dix mille candidats.", False, "number format"),
        ("Il a vu 2 ans passer.", "Il a vu 3 ans passer.", True, "figure: 2 -> 3"),
        ("Le syndicat a invité ses adhérents.", "Le syndicat n'a pas invité ses adhérents.", True, "negation"),
        ("Il est venu lundi 31 octobre.", "Il est venu lundi 30 novembre.", True, "date"),
        ("Il a rencontré Ilham Aliev.", "Il a rencontré Nikol Pachinian.", True, "name"),
        ("Il a dit « la paix est proche ».", "Il a dit « la guerre est proche ».", True, "quote"),
        ("Il est venu. Il est reparti.", "Il est venu.", True, "sentence removed"),
        ("Il a été hospitalié hier.", "Il a été hospitalisé hier.", False, "typo"),
        ("Il a dit: oui.", "Il a dit : oui !", False, "punctuation"),
        ("Il l'a dit.", "Il l’a dit.", False, "punctuation"),
        ("Il est venu  hier.", "Il est venu hier.", False, "spacing"),
        ("Il est venu hier.", "Il est venu hier. ", False, "spacing"),
        ("bur-mba/cf/ial", "bur-mba/cf/ial/lpt", False, "signature"),
        ("Le sommet a fait 286 morts.", "Le sommet a fait 286 morts, selon les bilans.", True, "attribution added"),
        ("Un budget de 2 millions d'euros.", "Un budget de 2 000 000 d'euros.", False, "number format"),
        ("Vingt-cinq morts.", "25 morts.", False, "number format"),
        ("Deux morts.", "Trois morts.", True, "figure: Deux -> Trois"),
        ("Dans le sud-ouest du pays.", "Dans le sud ouest du pays.", False, "punctuation"),
        ("Il a vu ls enfants.", "Il a vu les enfants.", False, "typo"),
        ("Il est parti a Paris.", "Il est parti à Paris.", False, "typo"),
        ("Le président et le ministre.", "Le président est le ministre.", True, "wording"),
        ("Le président a parlé.", "Le Président a parlé.", False, "case"),
        ("Il a parlé.", "Il a parlé longuement et calmement.", True, "words added"),
        ("Le gouver nement a parlé.", "Le gouvernement a parlé.", False, "spacing"),
        ("Il pleut. Il fait froid.", "Il fait froid. Il pleut.", False, "sentences reordered"),
        ("Il a quitté l' Arménie.", "Il a quitté l'Arménie.", False, "spacing"),
    ],
)
def test_changes_are_classified_with_their_reason(old: str, new: str, substantive: bool, reason: str) -> None:
    got_substantive, reasons = classify(old, new)
    assert got_substantive is substantive
    assert reason in reasons


def test_a_one_character_figure_change_is_never_cosmetic() -> None:
    substantive, reasons = classify("Il a 43,4 ans.", "Il a 49,4 ans.")
    assert substantive
    assert reasons[0].startswith("figure")


def test_word_diff_pieces_join_back_into_both_texts() -> None:
    old = "Vladimir Poutine voulait par ce sommet restaurer."
    new = "Vladimir Poutine voulait, par ce sommet, restaurer."
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != "+") == old
    assert "".join(t for op, t in ops if op != "-") == new
    assert [op for op, _ in ops].count("+") == 2


def test_heavy_rewrite_comes_back_whole_rather_than_as_character_soup() -> None:
    old = "Le président a reçu hier les dirigeants au palais."
    new = "Une tempête violente frappe la côte atlantique depuis trois jours."
    assert word_diff(old, new) == (("-", old), ("+", new))


def test_moved_paragraph_with_unchanged_text_is_a_cosmetic_move() -> None:
    old = ["Premier paragraphe ici.", "Deuxième paragraphe ici.", "Troisième paragraphe ici.", "Quatrième."]
    new = ["Quatrième.", "Premier paragraphe ici.", "Deuxième paragraphe ici.", "Troisième paragraphe ici."]
    moved = [c for c in diff(old, new) if c.kind != "unchanged"]
    assert [(c.old, c.new, c.kind, c.substantive) for c in moved] == [((3,), (0,), "moved", False)]


def test_split_and_merge_with_the_same_words_are_cosmetic() -> None:
    one = "La ville a recours à des leds pour ses illuminations. Mais aussi une gestion différenciée du réseau."
    two = ["La ville a recours à des leds pour ses illuminations.", "Mais aussi une gestion différenciée du réseau."]
    intro = "Le conseil municipal a voté le budget des fêtes mardi soir."
    split = [c for c in diff([intro, one], [intro, *two]) if c.kind != "unchanged"]
    merged = [c for c in diff([intro, *two], [intro, one]) if c.kind != "unchanged"]
    assert [(c.old, c.new, c.kind, c.substantive) for c in split] == [((1,), (1, 2), "split", False)]
    assert [(c.old, c.new, c.kind, c.substantive) for c in merged] == [((1, 2), (1,), "merged", False)]


def test_unrelated_paragraph_in_the_same_place_is_removed_and_added_not_edited() -> None:
    old = ["Titre du jour.", "Un enfant de cinq ans a été blessé dans une attraction du parc.", "Fin."]
    new = ["Titre du jour.", "Il existe trois manières de rendre la biométrie séduisante aux usagers.", "Fin."]
    kinds = sorted(c.kind for c in diff(old, new) if c.kind != "unchanged")
    assert kinds == ["added", "removed"]


def test_short_paragraph_replaced_in_the_same_slot_is_an_edit() -> None:
    first, last = "Le sommet de Sotchi s'est achevé lundi soir.", "Les discussions reprendront en décembre à Moscou."
    old, new = [first, "AFP", last], [first, "Reuters", last]
    changed = [c for c in diff(old, new) if c.kind != "unchanged"]
    assert [(c.old, c.new, c.kind, c.substantive) for c in changed] == [((1,), (1,), "edited", True)]


def test_paragraph_that_moved_and_gained_a_sentence_is_one_moved_change() -> None:
    body = [f"Paragraphe {w} sur la situation régionale et ses conséquences pour les voisins." for w in "abcdef"]
    moved = body[4] + " Le Kremlin n'a pas commenté ces informations dans l'immédiat, selon l'agence."
    new = [body[0], moved, body[1], body[2], body[3], body[5]]
    changed = [c for c in diff(body, new) if c.kind != "unchanged"]
    assert [(c.old, c.new, c.kind, c.substantive) for c in changed] == [((4,), (1,), "moved", True)]
