"""Exports for CAT tools and wires: XLIFF 2.1 out and back, TMX of confirmed links, NewsML-G2 of approved English."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sources.detect import load, story_key
from sources.newsml_out import write_newsml
from sources.tmx import left_out, read_tmx, write_tmx
from sources.xliff import XLIFF_NS, english_document, read_xliff, write_xliff
from tracker.errors import InputError, RefusedError
from tracker.model import Approval, Change, Document, Finding, Flag, Link, Paragraph, Revision, Role, Story
from tracker.view import ApprovalStatus, StoryView, build_rows

DATA = Path(__file__).parent / "data" / "newsml"
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def revision(document: Document, lang: str, number: int) -> Revision:
    return Revision(
        story="port",
        lang=lang,
        number=number,
        created_at=AT,
        author="wire",
        content_hash=document.content_hash,
        paragraphs=document.paragraphs,
        label=document.label,
        meta=document.meta,
    )


FR = revision(load((DATA / "own" / "port-fr-v2-correction.xml").read_bytes(), "fr")[0], "fr", 2)
EN = revision(load((DATA / "own" / "port-en-v1.xml").read_bytes(), "en")[0], "en", 1)
# headline, two bodies, subhead, body 1-1; French signature omitted; English credit line added
LINKS = (
    Link((0,), (0,), 0.9, confirmed=True),
    Link((1,), (1,), 0.8, confirmed=True),
    Link((2,), (2,), 0.7),
    Link((3,), (3,), 0.6),
    Link((4,), (4,), 0.8, confirmed=True),
    Link((5,), ()),
    Link((), (5,)),
)
STALE = Flag("stale", (1,), (1,), reasons=("number changed: 1.200 -> 1.500",))
FINDING = Finding("numbers", "error", (1,), (1,), "1.500 in French, 1,500 in English")


def view(approved: bool = False, flags: tuple[Flag, ...] = (STALE,)) -> StoryView:
    approval = Approval(
        "port", 2, 1, FR.content_hash, EN.content_hash, "h", "approved", "editor", AT
    )  # fmt: skip
    return StoryView(
        story=Story("port", "Port strike"),
        fr=FR,
        en=EN,
        base=FR,
        rows=build_rows(FR.paragraphs, EN.paragraphs, LINKS, flags, (FINDING,)),
        approval=ApprovalStatus(approval, valid=True) if approved else None,
    )


def test_xliff_has_one_unit_per_row_french_source_english_target() -> None:
    root = etree.fromstring(write_xliff(view()))
    assert root.get("version") == "2.1"
    assert (root.get("srcLang"), root.get("trgLang")) == ("fr", "en")
    units = root.findall(f".//{{{XLIFF_NS}}}unit")
    assert len(units) == len(LINKS)
    first = units[0].find(f".//{{{XLIFF_NS}}}source")
    assert first is not None and first.text == FR.paragraphs[0].text


def test_xliff_states_carry_stale_untranslated_and_notes() -> None:
    units = {u.fr: u for u in read_xliff(write_xliff(view()), "out.xlf")}
    # stale reads as work in any CAT tool: initial, with the English kept for the translator to revise
    assert (units[(1,)].state, units[(1,)].sub_state) == ("initial", "tracker:stale")
    assert units[(1,)].target == EN.paragraphs[1].text
    assert units[(5,)].state == "initial"  # the French signature has no English
    assert units[(5,)].target is None
    assert units[(0,)].state == "reviewed"  # confirmed link, nothing open
    notes = etree.fromstring(write_xliff(view())).findall(f".//{{{XLIFF_NS}}}note")
    texts = [n.text or "" for n in notes]
    assert any(t.startswith("stale: number changed") for t in texts)
    assert any(t.startswith("numbers error: 1.500 in French") for t in texts)


def test_approved_view_exports_final_rows() -> None:
    units = read_xliff(write_xliff(view(approved=True, flags=())), "out.xlf")
    assert {u.state for u in units if u.en} == {"final"}


def test_xliff_round_trip_gives_back_the_english_revision() -> None:
    units = read_xliff(write_xliff(view()), "out.xlf")
    document = english_document(units)
    assert document.texts == EN.texts
    assert [p.role for p in document.paragraphs] == [p.role for p in EN.paragraphs]
    assert document.content_hash == EN.content_hash


def test_translator_edits_in_the_returned_xliff_become_the_new_english() -> None:
    data = write_xliff(view()).replace(b"Some 1,500 dockers", b"About 1,500 dockers")
    document = english_document(read_xliff(data, "back.xlf"))
    assert document.texts[1].startswith("About 1,500 dockers")
    assert document.texts[2:] == EN.texts[2:]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), min_size=1, max_size=6))
def test_any_english_text_survives_the_xliff_round_trip(texts: list[str]) -> None:
    texts = [" ".join(t.split()) for t in texts if t.split()]
    if not texts:
        return
    en = Revision("s", "en", 1, AT, "x", "h", tuple(Paragraph(i, t) for i, t in enumerate(texts)))
    fr = Revision("s", "fr", 1, AT, "x", "h", tuple(Paragraph(i, t) for i, t in enumerate(texts)))
    links = [Link((i,), (i,)) for i in range(len(texts))]
    story_view = StoryView(Story("s"), fr, en, fr, build_rows(fr.paragraphs, en.paragraphs, links))
    assert english_document(read_xliff(write_xliff(story_view), "x")).texts == tuple(texts)


def test_returned_file_that_is_not_xliff_is_refused() -> None:
    with pytest.raises(InputError, match="not an XLIFF 2"):
        read_xliff(b'<xliff version="1.2" srcLang="fr"/>', "old.xlf")


def test_tmx_holds_only_confirmed_one_to_one_links_with_up_to_date_english() -> None:
    data = write_tmx([view(flags=())], at=AT, by="tester")
    pairs = read_tmx(data, "tm.tmx")
    assert pairs == [(FR.texts[i], EN.texts[i]) for i in (0, 1, 4)]
    assert left_out(data) == 0
    # row 1 is stale and its flag does not say which French the English was written from: left out, and counted
    stale = write_tmx([view()], at=AT, by="tester")
    assert read_tmx(stale, "tm.tmx") == [(FR.texts[i], EN.texts[i]) for i in (0, 4)]
    assert left_out(stale) == 1


def test_a_stale_english_goes_into_the_tmx_beside_the_french_it_was_written_from() -> None:
    old = FR.texts[1].replace("1.500", "1.200")
    change = Change((1,), (1,), "edited", True, ("figure",), (("=", old.split("1.200")[0]), ("-", "1.200"),
                    ("+", "1.500"), ("=", old.split("1.200")[1])))  # fmt: skip
    flag = Flag("stale", (1,), (1,), ("figure",), (change,), since=1)
    data = write_tmx([view(flags=(flag,))], at=AT, by="tester")
    assert read_tmx(data, "tm.tmx")[1] == (old, EN.texts[1])
    assert left_out(data) == 0
    root = etree.fromstring(data)
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "fr"


def approval(en: Revision = EN) -> Approval:
    return Approval("port", 2, en.number, FR.content_hash, en.content_hash, "h", "approved", "editor", AT)


def test_newsml_export_links_to_the_french_item_and_version_with_a_hop() -> None:
    data = write_newsml(EN, FR, approval=approval(), at=AT, by="desk")
    root = etree.fromstring(data)
    nar = "{http://iptc.org/std/nar/2006-10-01/}"
    link = root.find(f"{nar}itemMeta/{nar}link")
    assert link is not None
    assert (link.get("rel"), link.get("residref"), link.get("version")) == (
        "irel:translatedFrom",
        "urn:newsml:example.org:20261126:fr-port-greve",
        "2",
    )
    actions = [a.get("qcode") for a in root.iter(f"{nar}action")]
    assert "hopaction:transformed" in actions
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_exported_newsml_reads_back_as_the_same_english_in_the_french_story() -> None:
    (document,) = load(write_newsml(EN, FR, approval=approval(), at=AT, by="desk"), "out.xml")
    assert document.texts == EN.texts
    assert document.lang == "en"
    assert story_key(document) == "urn:newsml:example.org:20261126:fr-port-greve"
    assert document.paragraphs[3].role is Role.SUBHEAD


def test_newsml_export_of_an_unapproved_or_changed_revision_is_refused() -> None:
    with pytest.raises(RefusedError, match="not approved"):
        write_newsml(EN, FR, approval=None, at=AT, by="desk")
    stale = Approval("port", 2, 1, FR.content_hash, "other", "h", "approved", "editor", AT)
    with pytest.raises(RefusedError, match="no longer matches"):
        write_newsml(EN, FR, approval=stale, at=AT, by="desk")


def test_characters_xml_cannot_hold_do_not_crash_the_exports() -> None:
    odd = Revision("s", "en", 1, AT, "x", "h", (Paragraph(0, "bell \x07 and \ufffe here"),))
    links = [Link((0,), (0,), confirmed=True)]
    story_view = StoryView(Story("s"), odd, odd, odd, build_rows(odd.paragraphs, odd.paragraphs, links))
    (unit,) = read_xliff(write_xliff(story_view), "x")
    assert unit.target == "bell \ufffd and \ufffd here"
    assert read_tmx(write_tmx([story_view], at=AT, by="x"), "t") == [(unit.target, unit.target)]
