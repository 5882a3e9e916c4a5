"""Sentences: segmentation in both languages, sentence links inside paragraph links, paragraph links regrouped
where sentences cross their boundaries, and short dialogue lines linked by position."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tracker.align import align
from tracker.align.carriers import carriers
from tracker.align.sentences import link_sentences
from tracker.cli import cli
from tracker.model import Link
from tracker.sentences import sentence_spans, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Lefort est arrivé. Il a parlé.", ["M. Lefort est arrivé.", "Il a parlé."]),
        ("Mme Carel et Dr. Pinto signent. Puis ils partent.", ["Mme Carel et Dr. Pinto signent.", "Puis ils partent."]),
        ("Mr. Okoye met Sen. Dale in the U.S. on Monday. They talked.", 2),
        ("J. R. Tolland wrote it. She read it.", ["J. R. Tolland wrote it.", "She read it."]),
        ("Il est parti ! Enfin. Et alors ?", ["Il est parti !", "Enfin.", "Et alors ?"]),
        ("Le prix a baissé de 3.5 % en 2012. Il remonte.", ["Le prix a baissé de 3.5 % en 2012.", "Il remonte."]),
        ("Le titre sans point", ["Le titre sans point"]),
        ("Ils attendent… Puis la pluie.", ["Ils attendent…", "Puis la pluie."]),
    ],
)
def test_sentences_end_at_a_stop_before_a_capital_but_not_after_an_abbreviation(
    text: str, expected: list[str] | int
) -> None:
    found = list(sentences(text))
    assert found == expected if isinstance(expected, list) else len(found) == expected


def test_a_quotation_and_its_attribution_stay_one_sentence() -> None:
    fr = "« Nous sommes prêts. Nous avons tout fait », a déclaré Mme Arnaud. Puis elle est partie."
    assert sentences(fr) == (
        "« Nous sommes prêts. Nous avons tout fait », a déclaré Mme Arnaud.",
        "Puis elle est partie.",
    )
    en = 'He said: "We are ready. We did it." Then he left.'
    assert sentences(en) == ('He said: "We are ready. We did it."', "Then he left.")
    assert sentences("« Nous partons. » Puis ils partent.") == ("« Nous partons. »", "Puis ils partent.")


def test_a_quotation_running_into_the_next_paragraph_blocks_nothing() -> None:
    assert sentences("« Le port fermera. Les dockers le savent.") == ("« Le port fermera.", "Les dockers le savent.")


def test_dialogue_dashes_open_sentences_and_a_lower_case_tag_continues_one() -> None:
    assert sentences("— Tu viens ? demanda-t-il. — Non ! répondit-elle.") == (
        "— Tu viens ? demanda-t-il.",
        "— Non ! répondit-elle.",
    )


def test_spans_cover_the_text_without_the_spaces_between_sentences() -> None:
    text = "  Un. Deux.  Trois.  "
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Un.", "Deux.", "Trois."]
    assert sentence_spans("   ") == ()


# Three French paragraphs whose English translator put the paragraph breaks elsewhere: the second English
# paragraph opens with the first French paragraph's last sentence, and so on.
LOOSE_FR = [
    "Le facteur Anselme Brochard traversait chaque matin le village de Montsauve. Il portait une sacoche de cuir "
    "rouge héritée de son père. Les chiens du hameau le saluaient en aboyant.",
    "Un jour de novembre, la rivière Orbelle déborda et coupa le pont de pierre. Brochard resta bloqué trois jours "
    "chez la veuve Delorme. Elle lui apprit à jouer aux échecs près du poêle.",
    "Quand l'eau baissa, le maire fit venir des ingénieurs de Grenoble. Ils reconstruisirent le pont en acier. Le "
    "village organisa une fête avec un orchestre et des lampions.",
]
LOOSE_EN = [
    "Every morning the postman Anselme Brochard crossed the village of Montsauve. He carried a red leather satchel "
    "inherited from his father.",
    "The dogs of the hamlet greeted him with barking. One November day the river Orbelle flooded and cut the stone "
    "bridge. Brochard was stranded for three days at the widow Delorme's.",
    "She taught him to play chess by the stove. When the water fell, the mayor brought in engineers from Grenoble. "
    "They rebuilt the bridge in steel. The village held a party with an orchestra and lanterns.",
]


def test_sentences_redistributed_across_paragraph_breaks_make_one_block() -> None:
    links = [(link.fr, link.en) for link in align(LOOSE_FR, LOOSE_EN)]
    assert links == [((0, 1, 2), (0, 1, 2))]
    without = [(link.fr, link.en) for link in align(LOOSE_FR, LOOSE_EN, by_sentence=False)]
    assert without != links  # the paragraph pass alone cannot see the sentences move


def test_paragraphs_whose_sentences_keep_their_breaks_stay_one_to_one() -> None:
    fr = [" ".join(sentences(LOOSE_FR[0])), " ".join(sentences(LOOSE_FR[1]))]
    en = [
        LOOSE_EN[0] + " The dogs of the hamlet greeted him with barking.",
        "One November day the river Orbelle flooded and cut the stone bridge. Brochard was stranded for three days "
        "at the widow Delorme's. She taught him to play chess by the stove.",
    ]
    assert [(link.fr, link.en) for link in align(fr, en)] == [((0,), (0,)), ((1,), (1,))]


DIALOGUE_FR = [
    "Le vieux Grégoire Morand avait quitté Valparaiso en 1952 avec trois malles et une lettre de sa soeur Hortense.",
    "— Jamais ?",
    "— Bof.",
    "— Hein ?",
    "— Quoi donc ?",
    "Le lendemain, le navire Santa Clara leva l'ancre sous une pluie fine, emportant Grégoire et les trois malles "
    "vers Marseille.",
]
DIALOGUE_EN = [
    "Old Grégoire Morand had left Valparaiso in 1952 with three trunks and a letter from his sister Hortense.",
    '"Not ever, then?"',
    '"Whatever you say, old man."',
    '"Sorry?"',
    '"What is it now?"',
    "The next day the Santa Clara weighed anchor in a fine rain, carrying Grégoire and the three trunks towards "
    "Marseille.",
]


def test_short_dialogue_lines_between_strong_neighbours_are_linked_by_position() -> None:
    links = sorted((link.fr, link.en) for link in align(DIALOGUE_FR, DIALOGUE_EN))
    assert links == [((i,), (i,)) for i in range(6)]


def test_short_lines_of_unequal_counts_are_not_forced_together() -> None:
    links = {(link.fr, link.en) for link in align(DIALOGUE_FR, DIALOGUE_EN[:2] + DIALOGUE_EN[3:])}
    assert {((0,), (0,)), ((5,), (4,))} <= links
    # Four French lines and three English ones: nothing says which one the English dropped.
    assert not [(fr, en) for fr, en in links if fr and en and 0 < fr[0] < 5]


def test_sentence_links_of_a_block_follow_the_sentences() -> None:
    found = link_sentences(LOOSE_FR, LOOSE_EN, Link((0, 1, 2), (0, 1, 2)))
    assert len(found.fr) == 9 and len(found.en) == 9
    assert [(s.fr, s.en) for s in found.links] == [((k,), (k,)) for k in range(9)]
    assert [s.paragraph for s in found.en] == [0, 0, 1, 1, 1, 2, 2, 2, 2]


def test_align_sentences_json_lists_each_links_sentences_and_sentence_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "fr.txt").write_text("\n\n".join(LOOSE_FR) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n\n".join(LOOSE_EN) + "\n", encoding="utf-8")
    args = ["align", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "--sentences", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (link,) = json.loads(result.output)["links"]
    assert link["fr"] == [0, 1, 2] and link["kind"] == "3-3"
    first = link["sentences"]["en"][0]
    assert LOOSE_EN[first["paragraph"]][first["start"] : first["end"]].startswith("Every morning")
    assert link["sentences"]["links"][2] == {"fr": [2], "en": [2], "score": link["sentences"]["links"][2]["score"]}
    text = CliRunner().invoke(cli, args[:-2] + ["--width", "100"])
    assert "[s8] The village held a party" in text.output


def test_a_stale_paragraph_narrows_to_the_english_sentence_carrying_the_changed_french_one() -> None:
    base = [LOOSE_FR[1]]
    now = [LOOSE_FR[1].replace("trois jours", "cinq jours")]
    en = [
        "One November day the river Orbelle flooded and cut the stone bridge. Brochard was stranded for three days "
        "at the widow Delorme's. She taught him to play chess by the stove."
    ]
    found = carriers(base, en, Link((0,), (0,)), now)
    assert found.fr == (1,) and found.en == (1,)
    assert en[0][found.sentences[0].start : found.sentences[0].end].startswith("Brochard was stranded")
    assert found.describe("the changed figure") == "English sentence 2 carries the changed figure"
    assert carriers(base, en, Link((0,), (0,)), base).en == ()


def test_several_carrying_sentences_are_named_together() -> None:
    from tracker.align.carriers import Carriers

    assert Carriers((0,), (1, 2, 4), ()).describe() == "English sentences 2, 3 and 5 carry the changed French sentence"
    assert Carriers((0,), (), ()).describe() == "no English sentence carries the changed French sentence"


def test_long_paragraphs_cut_elsewhere_make_one_block_too() -> None:
    fr_sentences = [s for text in LOOSE_FR for s in sentences(text)]
    en_sentences = [s for text in LOOSE_EN for s in sentences(text)]
    fr = [" ".join(fr_sentences[:6]), " ".join(fr_sentences[6:])]
    en = [" ".join(en_sentences[:4]), " ".join(en_sentences[4:])]
    assert [(link.fr, link.en) for link in align(fr, en)] == [((0, 1), (0, 1))]
    assert len(align(fr, en, by_sentence=False)) == 2
