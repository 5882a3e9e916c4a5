"""Flags on an adaptation: stale, cosmetic, untranslated, orphaned, and acknowledgements that lapse."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from tracker.diff import diff
from tracker.flags import Adaptation, carry_links, flags, history_flags, needs_action
from tracker.model import AckKind, Acknowledgement, Flag, Link, text_hash
from tracker.segment import segment

EXPECTED = json.loads((Path(__file__).parent / "data" / "sochi-expected.json").read_text(encoding="utf-8"))
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def sample(name: str) -> tuple[str, ...]:
    text = resources.files("tracker").joinpath("samples", "sochi-summit", name).read_text(encoding="utf-8")
    return segment(text).texts


def expected_links(key: str) -> tuple[Link, ...]:
    return tuple(Link(tuple(fr), tuple(en)) for fr, en in EXPECTED["alignment"][key])


def ack(text: str, kind: AckKind = "omitted") -> Acknowledgement:
    return Acknowledgement(story="sochi-summit", fr_hash=text_hash(text), kind=kind, by="ana", at=AT)


FR2, FR3, EN1, EN2 = sample("fr.r2.txt"), sample("fr.r3.txt"), sample("en.r1.txt"), sample("en.r2.txt")
R2_R1 = expected_links("fr.r2.txt~en.r1.txt")
# When adapting fr.r2, the translator left out on purpose the headline, the OTSC background and the signature.
OMITTED = (ack(FR2[0]), ack(FR2[13]), ack(FR2[14]))


def _as_expected(found: tuple[Flag, ...]) -> set[tuple[str, str, int]]:
    out = set()
    for f in found:
        if needs_action(f):
            out |= {("en", f.kind, e) for e in f.en} if f.en else {("fr", f.kind, j) for j in f.fr}
    return out


def _listed(key: str) -> set[tuple[str, str, int]]:
    return {
        ("en", e["flag"], e["en"]) if "en" in e else ("fr", e["flag"], e["fr"])
        for e in EXPECTED[key]
        if e["flag"] in ("stale", "untranslated", "orphaned", "cosmetic")
    }


def test_en_r1_after_fr_r3_is_flagged_exactly_as_expected() -> None:
    found = flags(FR2, FR3, EN1, R2_R1, OMITTED)
    assert _as_expected(found) == _listed("flags_on_en.r1_after_fr.r3")


def test_punctuation_only_change_is_shown_as_cosmetic_needing_no_action() -> None:
    found = flags(FR2, FR3, EN1, R2_R1, OMITTED)
    cosmetic = [f for f in found if f.en == (5,)]
    assert [(f.kind, f.fr, needs_action(f)) for f in cosmetic] == [("cosmetic", (4,), False)]


def test_stale_flag_carries_current_indices_and_the_changes_since_the_base() -> None:
    found = flags(FR2, FR3, EN1, R2_R1, OMITTED)
    figure = next(f for f in found if f.en == (11,))
    assert (figure.kind, figure.fr) == ("stale", (13,))
    assert figure.reasons == ("figure: 6.500 -> 6.600",)
    assert [(c.old, c.new) for c in figure.changes] == [((11,), (13,))]


def test_stale_flag_spans_every_revision_since_the_base_not_only_the_last() -> None:
    fr4 = list(FR3)
    fr4[13] = fr4[13].replace("6.600", "6.700")
    figure = next(f for f in flags(FR2, fr4, EN1, R2_R1, OMITTED) if f.en == (11,))
    assert figure.reasons == ("figure: 6.500 -> 6.700",)


def test_no_change_acknowledgement_holds_until_the_french_text_changes_again() -> None:
    acks = (*OMITTED, ack(FR3[13], "no-change"))
    figure = next(f for f in flags(FR2, FR3, EN1, R2_R1, acks) if f.en == (11,))
    assert figure.acknowledged and not needs_action(figure)
    fr4 = list(FR3)
    fr4[13] = fr4[13].replace("6.600", "6.700")
    again = next(f for f in flags(FR2, fr4, EN1, R2_R1, acks) if f.en == (11,))
    assert needs_action(again)


def test_omitted_paragraph_is_untranslated_again_once_its_text_changes() -> None:
    fr4 = list(FR3)
    fr4[6] = fr4[6].replace("Moscou", "la Russie")  # the OTSC background paragraph, acknowledged as omitted
    found = flags(FR2, fr4, EN1, R2_R1, OMITTED)
    assert ("fr", "untranslated", 6) in _as_expected(found)
    assert ("fr", "untranslated", 6) not in _as_expected(flags(FR2, FR3, EN1, R2_R1, OMITTED))


def test_english_paragraph_whose_source_was_removed_is_orphaned() -> None:
    fr4 = [t for j, t in enumerate(FR3) if j != 14]  # "Les pourparlers ..." (en 12's source) removed
    found = flags(FR2, fr4, EN1, R2_R1, OMITTED)
    orphaned = [f for f in found if f.kind == "orphaned"]
    assert [(f.fr, f.en) for f in orphaned] == [((), (12,))]


def test_en_r2_keeps_the_paragraph_it_carried_over_unchanged_stale() -> None:
    r3_r2 = carry_links(R2_R1, diff(FR2, FR3), len(FR3), len(EN1))
    # en.r2 inserts the new background paragraph as en 11 (fr 12), so later English indices shift by one.
    shifted = tuple(
        Link(link.fr, tuple(e + 1 if e >= 11 else e for e in link.en)) for link in r3_r2 if link.fr != (12,)
    )
    r3_r2 = (*shifted, Link((12,), (11,)))
    history = (Adaptation(FR2, EN1, R2_R1), Adaptation(FR3, EN2, r3_r2))
    found = history_flags(FR3, history, OMITTED)
    assert _as_expected(found) == _listed("flags_on_en.r2_after_fr.r3")


def test_en_r2_paragraph_acknowledged_as_needing_no_change_is_no_longer_stale() -> None:
    r3_r2 = carry_links(R2_R1, diff(FR2, FR3), len(FR3), len(EN1))
    shifted = tuple(
        Link(link.fr, tuple(e + 1 if e >= 11 else e for e in link.en)) for link in r3_r2 if link.fr != (12,)
    )
    history = (Adaptation(FR2, EN1, R2_R1), Adaptation(FR3, EN2, (*shifted, Link((12,), (11,)))))
    assert not _as_expected(history_flags(FR3, history, (*OMITTED, ack(FR3[5], "no-change"))))


def test_carried_links_restate_the_base_alignment_on_the_current_french() -> None:
    carried = carry_links(R2_R1, diff(FR2, FR3), len(FR3), len(EN1))
    assert sorted(j for link in carried for j in link.fr) == list(range(len(FR3)))
    assert sorted(e for link in carried for e in link.en) == list(range(len(EN1)))
    pairs = {(link.fr, link.en) for link in carried}
    assert ((13,), (11,)) in pairs  # the 6.500 paragraph, now fr 13
    assert ((6,), ()) in pairs  # the OTSC paragraph moved up, still without English
    assert ((12,), ()) in pairs  # the new paragraph
    assert ((9, 10), (9,)) in pairs  # the merge fr 8 + 9 -> en 9, shifted by the move


def test_carried_links_join_links_whose_sources_merged() -> None:
    base = ["Premier paragraphe sur le sommet.", "Second paragraphe sur la paix.", "Troisième."]
    current = ["Premier paragraphe sur le sommet. Second paragraphe sur la paix.", "Troisième."]
    links = (Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,)))
    carried = carry_links(links, diff(base, current), len(current), 3)
    assert [(link.fr, link.en) for link in carried] == [((0,), (0, 1)), ((1,), (2,))]


def test_end_to_end_with_the_aligner_flags_the_sample_as_expected() -> None:
    from tracker.align import align

    r2_r1 = align(FR2, EN1)
    assert _as_expected(flags(FR2, FR3, EN1, r2_r1, OMITTED)) == _listed("flags_on_en.r1_after_fr.r3")
    history = (Adaptation(FR2, EN1, r2_r1), Adaptation(FR3, EN2, align(FR3, EN2)))
    assert _as_expected(history_flags(FR3, history, OMITTED)) == _listed("flags_on_en.r2_after_fr.r3")


def test_a_link_of_two_french_paragraphs_flags_only_the_one_that_changed() -> None:
    base = ["Le sommet s'est tenu lundi.", "Les deux dirigeants se sont serré la main."]
    now = [base[0] + " Il a duré trois heures.", base[1]]
    (flag,) = flags(
        base, now, ["The summit was held on Monday, and the two leaders shook hands."], [Link((0, 1), (0,))]
    )
    assert (flag.kind, flag.fr, flag.en) == ("stale", (0,), (0,))
    assert all(c.new == (0,) for c in flag.changes)  # the unchanged neighbour lends it neither a reason nor a diff
