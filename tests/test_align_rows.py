"""A row of the dynamic program is scored through the English paragraphs holding each French feature: it gives,
for any band of columns, exactly the floats pair() computes one pair at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.align.features import featurize
from tracker.align.score import Scorer

WORDS = st.sampled_from(
    ["Poutine", "Putin", "sommet", "summit", "Sotchi", "Sochi", "6.500", "6,500", "paix", "peace", "guerre", "la"]
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=12).map(" ".join) | st.sampled_from(["Titre", "Une ligne."])
SIDE = st.lists(PARAGRAPH, min_size=1, max_size=8)


def _scorers(fr: list[str], en: list[str]) -> tuple[Scorer, Scorer]:
    fr_paras, en_paras, vocab = featurize(fr, en)
    return Scorer(fr_paras, en_paras, vocab.weights), Scorer(fr_paras, en_paras, vocab.weights)


@given(SIDE, SIDE, st.data())
def test_a_row_holds_exactly_the_pairs_similarities(fr: list[str], en: list[str], data: st.DataObject) -> None:
    by_row, by_pair = _scorers(fr, en)
    for i in range(len(fr)):
        lo = data.draw(st.integers(0, len(en) - 1))
        hi = data.draw(st.integers(lo + 1, len(en)))
        assert by_row.row(i, lo, hi) == [by_pair.pair(i, j) for j in range(lo, hi)]


def test_weights_sum_exactly_in_any_order() -> None:
    fr = ["Vladimir Poutine reçoit Pachinian et Aliev à Sotchi pour un sommet sur la paix, 6.500 morts."]
    en = ["Vladimir Putin hosts Pashinian and Aliyev in Sochi for a peace summit; 6,500 dead.", "Subhead"]
    _, _, vocab = featurize(fr, en)
    weights = vocab.weights
    assert sum(weights) == sum(reversed(weights)) == sum(sorted(weights))
    assert all(w * 2**30 == int(w * 2**30) for w in weights)
