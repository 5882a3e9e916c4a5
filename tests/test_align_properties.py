"""Properties of the aligner that hold for any input, checked with Hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.align import align
from tracker.model import Link

WORDS = ["Poutine", "Putin", "guerre", "war", "6.500", "6,500", "octobre", "October", "la", "the", "paix", "«", "»"]
paragraph = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
    st.text(min_size=0, max_size=40),
    st.sampled_from(["", "...", "—", "123", "  ", "«»", "a" * 5000, "bur-mba/cf/ial"]),
)
side = st.lists(paragraph, min_size=0, max_size=12)
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _covers_once(links: tuple[Link, ...], n_fr: int, n_en: int) -> bool:
    fr = sorted(i for link in links for i in link.fr)
    en = sorted(j for link in links for j in link.en)
    return fr == list(range(n_fr)) and en == list(range(n_en)) and all(link.fr or link.en for link in links)


@fast
@given(side, side)
def test_alignment_covers_every_paragraph_once(fr: list[str], en: list[str]) -> None:
    assert _covers_once(align(fr, en), len(fr), len(en))


@fast
@given(side, side)
def test_scores_lie_between_zero_and_one(fr: list[str], en: list[str]) -> None:
    assert all(0.0 <= link.score <= 1.0 for link in align(fr, en))


@fast
@given(side)
def test_identical_texts_align_one_to_one_on_the_diagonal(texts: list[str]) -> None:
    links = align(texts, texts)
    assert sorted((link.fr, link.en) for link in links) == [((i,), (i,)) for i in range(len(texts))]


@fast
@given(side, side)
def test_swapping_languages_mirrors_the_result(fr: list[str], en: list[str]) -> None:
    forward = {(link.fr, link.en) for link in align(fr, en)}
    backward = {(link.en, link.fr) for link in align(en, fr)}
    assert forward == backward


@fast
@given(side, side, st.data())
def test_fixed_links_are_kept_exactly(fr: list[str], en: list[str], data: st.DataObject) -> None:
    if not fr or not en:
        return
    i = data.draw(st.integers(0, len(fr) - 1))
    j = data.draw(st.integers(0, len(en) - 1))
    fixed = Link((i,), (j,), 1.0, True)
    links = align(fr, en, fixed=[fixed])
    assert fixed in links
    assert _covers_once(links, len(fr), len(en))


def test_one_paragraph_sides_and_empty_sides_do_not_crash() -> None:
    assert align([], []) == ()
    assert [(x.fr, x.en) for x in align(["Seul."], [])] == [((0,), ())]
    assert [(x.fr, x.en) for x in align([], ["Alone."])] == [((), (0,))]
    assert [(x.fr, x.en) for x in align(["La paix."], ["The peace."])] == [((0,), (0,))]


def test_duplicated_paragraphs_are_never_merged() -> None:
    links = align(["Same text."] * 5, ["Same text."] * 3)
    assert all(len(link.fr) <= 1 and len(link.en) <= 1 for link in links)
    assert sum(1 for link in links if link.fr and link.en) == 3
