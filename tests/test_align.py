"""The aligner's behaviour on the bundled sample and on small, readable cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sources.text import read_text
from tracker.align import align, link_kind
from tracker.model import Link

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tracker" / "samples" / "sochi-summit"


def _texts(name: str) -> tuple[str, ...]:
    return read_text((SAMPLE / name).read_bytes(), name).texts


def _pairs(links: tuple[Link, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return sorted((link.fr, link.en) for link in links)


def test_sochi_sample_aligns_exactly_as_expected() -> None:
    expected = json.loads((ROOT / "tests" / "data" / "sochi-expected.json").read_text("utf-8"))
    gold = sorted((tuple(f), tuple(e)) for f, e in expected["alignment"]["fr.r2.txt~en.r1.txt"])
    assert _pairs(align(_texts("fr.r2.txt"), _texts("en.r1.txt"))) == gold


def test_names_and_numbers_bridge_spelling_and_conventions() -> None:
    fr = ["Vladimir Poutine a reçu Ilham Aliev à Sotchi.", "La guerre a fait 6.500 morts le 31 octobre."]
    en = ["The war left 6,500 dead on October 31.", "Vladimir Putin received Ilham Aliyev in Sochi."]
    assert _pairs(align(fr, en)) == [((0,), (1,)), ((1,), (0,))]


def test_english_only_credit_line_and_french_signature_stand_alone() -> None:
    fr = _texts("fr.r2.txt")
    en = _texts("en.r1.txt")
    links = align(fr, en)
    assert Link((14,), (), 0.0, False) in links
    assert any(link.en == (len(en) - 1,) and not link.fr for link in links)


def test_merged_paragraphs_form_one_link() -> None:
    links = align(_texts("fr.r2.txt"), _texts("en.r1.txt"))
    merge = next(link for link in links if link.fr == (8, 9))
    assert merge.en == (9,)
    assert link_kind(merge) == "merge 2-1"
    assert 0 < merge.score <= 1


def test_fixed_links_are_kept_and_the_rest_aligned_around_them() -> None:
    fr, en = _texts("fr.r2.txt"), _texts("en.r1.txt")
    forced = Link((0,), (0,), 1.0, True)
    links = align(fr, en, fixed=[forced])
    assert forced in links
    assert Link((1,), (1,), next(x.score for x in links if x.fr == (1,)), False) in links
    assert sorted(i for link in links for i in link.fr) == list(range(len(fr)))


def test_machine_translation_is_used_as_extra_evidence() -> None:
    fr = ["Le chiot est resté coincé sur une corniche.", "Elle va bien maintenant."]
    en = ["She is fine now.", "The puppy got stuck on a ledge."]
    mt = ["The puppy stayed stuck on a ledge.", "She is fine now."]
    assert _pairs(align(fr, en, fr_mt=mt)) == [((0,), (1,)), ((1,), (0,))]


def test_machine_translation_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError):
        align(["a", "b"], ["a"], fr_mt=["a"])


@pytest.mark.parametrize(
    ("link", "kind"),
    [
        (Link((1,), (1,)), "1-1"),
        (Link((1, 2), (1,)), "merge 2-1"),
        (Link((1,), (1, 2)), "split 1-2"),
        (Link((1,), ()), "fr only"),
        (Link((), (1,)), "en only"),
        (Link((1, 2), (3, 4)), "2-2"),
    ],
)
def test_link_kinds_read_as_words(link: Link, kind: str) -> None:
    assert link_kind(link) == kind
