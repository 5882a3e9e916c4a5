"""A paragraph's features come from its space-separated chunks, each read once: for any text they are the
features of the whole text's tokens, numbers grouped by spaces included, whatever the caches hold."""

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
def test_features_are_the_whole_texts_tokens_features(text: str) -> None:
    assert word_features(text) == _whole_text(text)


@pytest.mark.parametrize(
    "text",
    ["Le bilan est de 6 500 morts, soit 12 % de plus.", "Vladimir Poutine a reçu 6\u00a0500 soldats à Sotchi."],
)
def test_a_full_cache_still_reads_every_new_word(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(features, "_FEATURE", {})
    monkeypatch.setattr(features, "_CHUNKS", {})
    monkeypatch.setattr(features, "_MAX_KNOWN", 0)  # nothing can be kept: every word is new every time
    assert word_features(text) == _whole_text(text) != set()
    assert features._FEATURE == {} and features._CHUNKS == {}
