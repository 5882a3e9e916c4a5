"""The pure judge: what an approved story, a changed French and a changed English yield, and the helpers under it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.check import (
    StoryTexts,
    approve,
    fixed_links,
    hash_links,
    judge,
    missing_hashes,
    record_adaptation,
    resolve_base,
)
from tracker.check.sidecar import HashLink, Sidecar, canonical, dumps, parse
from tracker.model import Acknowledgement, Document, Link
from tracker.segment import segment

AT = datetime(2026, 11, 1, tzinfo=UTC)
FR = [
    "Le sommet s'est tenu lundi à Sotchi, en présence de 3 dirigeants.",
    "Les combats ont fait 286 morts en septembre selon Erevan.",
    "La Russie veut rester l'arbitre de la région, a dit Vladimir Poutine.",
]
EN = [
    "The summit was held on Monday in Sochi with 3 leaders.",
    "The fighting left 286 dead in September, according to Yerevan.",
    "Russia wants to remain the region's referee, Vladimir Putin said.",
]


def _doc(paragraphs: list[str]) -> Document:
    return segment("\n\n".join(paragraphs) + "\n")


def _story(fr: list[str], en: list[str], sidecar: Sidecar | None = None, base: list[str] | None = None) -> StoryTexts:
    return StoryTexts(
        "s",
        "fr.txt",
        "en.txt",
        "tracker.json",
        _doc(fr),
        _doc(en),
        sidecar or Sidecar("s"),
        _doc(base) if base else None,
    )


def _approved(fr: list[str], en: list[str]) -> Sidecar:
    return approve(_story(fr, en), by="ed", at=AT)


def test_a_story_approved_as_it_stands_has_no_finding() -> None:
    assert judge(_story(FR, EN, _approved(FR, EN))).findings == ()


def test_a_story_without_approval_says_so_on_the_english_file() -> None:
    found = judge(_story(FR, EN)).findings
    assert [(f.rule, f.file, f.line) for f in found] == [("approval-missing", "en.txt", 1)]


def test_a_rejection_counts_as_no_approval_and_quotes_the_note() -> None:
    sidecar = _approved(FR, EN)
    rejection = replace(sidecar.approvals[0], verdict="rejected", at=AT.replace(day=2), note="check the toll")
    found = judge(_story(FR, EN, replace(sidecar, approvals=(*sidecar.approvals, rejection)))).findings
    assert [f.rule for f in found] == ["approval-missing"]
    assert "check the toll" in found[0].message


def test_a_substantive_french_change_makes_its_english_stale_with_the_french_diff() -> None:
    sidecar = _approved(FR, EN)
    changed = [FR[0], FR[1].replace("286", "302"), FR[2]]
    found = judge(_story(changed, EN, sidecar, base=FR)).findings
    stale = [f for f in found if f.rule == "stale"]
    assert [(f.file, f.line, f.en, f.fr_line) for f in stale] == [("en.txt", 3, (1,), 3)]
    assert ("-", "286") in stale[0].diff and ("+", "302") in stale[0].diff
    assert "approval-outdated" in {f.rule for f in found}


def test_an_acknowledged_stale_row_is_not_a_finding() -> None:
    sidecar = _approved(FR, EN)
    changed = [FR[0], FR[1].replace("286", "302"), FR[2]]
    ack = Acknowledgement("s", _doc(changed).paragraphs[1].hash, "no-change", "tr", AT)
    found = judge(_story(changed, EN, replace(sidecar, acknowledgements=(ack,)), base=FR)).findings
    assert "stale" not in {f.rule for f in found}


def test_recording_the_adaptation_after_an_update_clears_stale_rows() -> None:
    changed = [FR[0], FR[1].replace("286", "302"), FR[2]]
    updated_en = [EN[0], EN[1].replace("286", "302"), EN[2]]
    story = _story(changed, updated_en, _approved(FR, EN), base=FR)
    sidecar = approve(story, by="ed", at=AT.replace(day=3))
    assert judge(_story(changed, updated_en, sidecar)).findings == ()


def test_base_french_is_assembled_from_paragraphs_of_several_candidates() -> None:
    old, new = _doc(FR), _doc([FR[0], "Tout autre paragraphe.", FR[2]])
    hashes = [p.hash for p in old.paragraphs]
    assert missing_hashes(hashes, [new]) == {old.paragraphs[1].hash}
    assert resolve_base(hashes, [new]) is None
    base = resolve_base(hashes, [new, old])
    assert base is not None and base.texts == tuple(FR)


def test_fixed_links_resolve_repeated_texts_in_order_and_drop_links_to_vanished_text() -> None:
    fr = _doc(["Même texte.", "Même texte.", "Autre."]).paragraphs
    en = _doc(["Same.", "Same again.", "Other."]).paragraphs
    links = (Link((0,), (0,)), Link((1,), (1,)), Link((2,), (2,)))
    hashed = hash_links(links, fr, en)
    assert fixed_links(hashed, fr, en) == tuple(replace(lk, score=1.0, confirmed=True) for lk in links)
    gone = (*hashed[:2], HashLink(hashed[2].fr, (fr[0].hash,)))
    assert len(fixed_links(gone, fr, en)) == 2


def test_a_recorded_sidecar_survives_writing_and_reading() -> None:
    recorded = record_adaptation(_story(FR, EN))
    again = parse(dumps(recorded))
    assert again == canonical(recorded)
    assert judge(_story(FR, EN, again)).findings == judge(_story(FR, EN, recorded)).findings


_words = st.sampled_from(["summit", "Sochi", "leaders", "Monday", "peace", "talks", "border", "troops", "Moscow"])
_paragraph = st.lists(_words, min_size=3, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=25, deadline=None)
@given(fr=st.lists(_paragraph, min_size=1, max_size=6, unique=True), en=st.lists(_paragraph, min_size=1, max_size=6))
def test_any_story_approved_as_it_stands_needs_only_its_omissions_acknowledged(fr: list[str], en: list[str]) -> None:
    sidecar = _approved(fr, en)
    found = judge(_story(fr, en, sidecar)).findings
    assert {f.rule for f in found} <= {"untranslated"}
    omitted = tuple(Acknowledgement("s", _doc(fr).paragraphs[f.fr[0]].hash, "omitted", "ed", AT) for f in found if f.fr)
    assert judge(_story(fr, en, replace(sidecar, acknowledgements=omitted))).findings == ()
