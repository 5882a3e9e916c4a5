"""Properties of sentence links that hold for any input, checked with Hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.align import align
from tracker.align.sentences import LinkSentences, sentence_links
from tracker.model import Link
from tracker.sentences import sentence_spans

WORDS = ["Poutine", "Putin", "guerre", "war", "6.500", "6,500", "octobre", "October", "la", "the", "paix", "M.", "Mr."]
sentence = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(lambda w: " ".join(w).capitalize() + "."),
    st.sampled_from(["— Oui ?", "« Non. »", '"Yes."', "…", "Fin !", "J. K. Mott a dit.", "3.5 %."]),
    st.text(min_size=1, max_size=30),
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join).filter(str.strip)
side = st.lists(paragraph, min_size=0, max_size=8)
fast = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _found(fr: list[str], en: list[str]) -> tuple[LinkSentences, ...]:
    return sentence_links(fr, en, align(fr, en))


@fast
@given(side, side)
def test_every_sentence_is_in_exactly_one_sentence_link(fr: list[str], en: list[str]) -> None:
    for found in _found(fr, en):
        assert sorted(k for s in found.links for k in s.fr) == list(range(len(found.fr)))
        assert sorted(k for s in found.links for k in s.en) == list(range(len(found.en)))
        assert all(s.fr or s.en for s in found.links)


@fast
@given(side, side)
def test_sentence_links_nest_inside_their_paragraph_link(fr: list[str], en: list[str]) -> None:
    for found in _found(fr, en):
        assert {s.paragraph for s in found.fr} == set(found.link.fr)
        assert {s.paragraph for s in found.en} == set(found.link.en)
        # The link's sentences are its paragraphs' sentences, in order, each once.
        expected = [(k, a, b) for k in found.link.fr for a, b in sentence_spans(fr[k]) or ((0, len(fr[k])),)]
        assert [(s.paragraph, s.start, s.end) for s in found.fr] == expected


@fast
@given(side, side)
def test_swapping_languages_mirrors_the_sentence_links(fr: list[str], en: list[str]) -> None:
    for found in _found(fr, en):
        mirrored = sentence_links(en, fr, [Link(found.link.en, found.link.fr, found.link.score)])[0]
        assert {(s.fr, s.en) for s in found.links} == {(s.en, s.fr) for s in mirrored.links}


@fast
@given(side, side)
def test_paragraph_links_over_sentences_cover_every_paragraph_once_and_mirror(fr: list[str], en: list[str]) -> None:
    forward = align(fr, en)
    assert sorted(i for link in forward for i in link.fr) == list(range(len(fr)))
    assert sorted(j for link in forward for j in link.en) == list(range(len(en)))
    assert {(link.fr, link.en) for link in forward} == {(link.en, link.fr) for link in align(en, fr)}
