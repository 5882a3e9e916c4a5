"""The aligner's folding (lower case without accents) is one mapping of characters: the fast path that maps only
the characters it must gives, for any text, what mapping every character does."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tracker.align.features import _ACCENTS, fold


def _every_character(text: str) -> str:
    """The folding as first written: every character through the table, then Unicode decomposition."""
    folded = text.lower().translate(_ACCENTS)
    if folded.isascii():
        return folded
    return re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFKD", folded))


MAPPED = "".join(map(chr, _ACCENTS))
# French and English news text, the characters the table maps, and anything else Unicode holds.
TEXT = st.text(st.sampled_from("aeiouyÉÈÀÇŒÆéèàçœæß’«» \u00a0\u202f-.,0123456789Kk" + MAPPED)) | st.text()


@given(TEXT)
def test_folding_maps_each_character_as_the_table_says(text: str) -> None:
    assert fold(text) == _every_character(text)


def test_folding_examples() -> None:
    assert fold("Électricité") == "electricite"
    assert fold("L’Œuvre\u00a0de Straße") == "l'oeuvre de strasse"
    assert fold("Plain ASCII") == "plain ascii"
