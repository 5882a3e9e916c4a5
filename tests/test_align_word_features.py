"""A text's features are kept per text: for any text they are the features of its tokens, whatever the caches
hold, and each caller gets a set of its own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.align import features
from tracker.align.features import _TOKEN, _number_key, _word_feature, fold, word_features


def _whole_text(text: str) -> set[str]:
    """The features as first written: every token of the whole folded text through the word table."""
    tokens = set(_TOKEN.findall(fold(text).replace("%", " percent ")))
    feats = {_number_key(t) if t[0].isdigit() else _word_feature(t) for t in tokens}
    feats.discard("")
    return feats


PIECES = st.sampled_from(
    ["6", "500", "6 500", "6\u00a0500", "1,5", "6.500", "%", "l’armée", "Poutine", "a-t-il", "² ", "¨", "\u2007"]
)
TEXT = (
    st.lists(PIECES | st.text(st.sampled_from("aéÉ9 0.,\u00a0\u202f\t\n«»-’%²_"), max_size=6), max_size=12).map(
        " ".join
    )
    | st.text()
)


@given(TEXT)
def test_features_are_the_texts_tokens_features_read_once_or_again(text: str) -> None:
    assert word_features(text) == _whole_text(text)
    assert word_features(text) == _whole_text(text)  # from the cache


def test_each_caller_gets_a_set_of_its_own() -> None:
    text = "Vladimir Poutine a reçu Nikol Pachinian à Sotchi."
    mine = word_features(text)
    mine.add("#1")  # the aligner adds machine-translation evidence to a paragraph's set
    assert word_features(text) == _whole_text(text) and "#1" not in word_features(text)


@pytest.mark.parametrize(
    "text",
    ["Le bilan est de 6 500 morts, soit 12 % de plus.", "Vladimir Poutine a reçu 6\u00a0500 soldats à Sotchi."],
)
def test_a_full_word_cache_still_reads_every_new_word(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(features, "_FEATURE", {})
    monkeypatch.setattr(features, "_MAX_KNOWN", 0)  # no word can be kept: every word is new every time
    features._text_features.cache_clear()
    try:
        assert word_features(text) == _whole_text(text) != set()
        assert features._FEATURE == {}
    finally:
        features._text_features.cache_clear()
