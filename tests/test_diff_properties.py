"""Properties of the revision diff that hold for any input: coverage, identity, robustness."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.diff import diff, word_diff

WORDS = st.sampled_from(["Le", "la", "sommet", "6.500", "morts", "n'a", "pas", "«", "»", "Poutine", ",", ".", "  "])
PARAGRAPH = st.lists(WORDS, min_size=0, max_size=12).map(" ".join)
REVISION = st.lists(PARAGRAPH, max_size=15)


@given(REVISION)
def test_a_revision_diffed_with_itself_is_all_unchanged(revision: list[str]) -> None:
    changes = diff(revision, revision)
    assert all(c.kind == "unchanged" for c in changes)
    assert [c.old for c in changes] == [(i,) for i in range(len(revision))]


@given(REVISION, REVISION)
def test_every_paragraph_of_both_sides_appears_exactly_once(old: list[str], new: list[str]) -> None:
    changes = diff(old, new)
    assert sorted(i for c in changes for i in c.old) == list(range(len(old)))
    assert sorted(j for c in changes for j in c.new) == list(range(len(new)))


@given(REVISION, REVISION)
def test_unchanged_means_same_text_and_moves_keep_or_change_text_honestly(old: list[str], new: list[str]) -> None:
    for c in diff(old, new):
        if c.kind == "unchanged":
            assert old[c.old[0]] == new[c.new[0]]
        if c.kind == "edited":
            assert old[c.old[0]] != new[c.new[0]]


@given(PARAGRAPH, PARAGRAPH)
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != "+") == old
    assert "".join(t for op, t in ops if op != "-") == new


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=3))
def test_no_crash_on_duplicates_empties_and_very_long_inputs(seed: int) -> None:
    long_paragraph = "mot " * 20_000
    old = ["", "", "même texte", "même texte", long_paragraph, *[f"paragraphe {i} numéro {i * 7}" for i in range(300)]]
    new = [*reversed(old[seed:]), long_paragraph + "fin", "", "même texte"]
    changes = diff(old, new)
    assert sorted(j for c in changes for j in c.new) == list(range(len(new)))
    assert diff([], []) == ()
    assert [c.kind for c in diff([], ["a"])] == ["added"]
    assert [c.kind for c in diff(["a"], [])] == ["removed"]
