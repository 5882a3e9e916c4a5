"""XLIFF 2.1 out to a CAT tool and back, on the sample story: stale reads as work, a return is checked against
its export (missing, extra, changed units, foreign files refused, nothing stored), segments join exactly, and
translator notes are kept."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sources.xliff import XLIFF_NS, read_xliff
from tracker.cli import main
from tracker.model import Approval, alignment_hash
from tracker.services.folder_store import exchange_file
from tracker.services.seed import seed_sample
from tracker.services.views import load_view
from tracker.storage import open_store

AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SLUG = "sochi-summit"
NS = {"x": XLIFF_NS}


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    with open_store(url) as store:
        assert seed_sample(store)
    return url


def export(url: str, fmt: str = "xliff") -> bytes:
    with open_store(url) as store:
        return exchange_file(store, SLUG, fmt, at=AT, by="desk")


def snapshot(url: str) -> list[tuple[str, str, int, str, str]]:
    """Every stored revision of every story: what a refused return must leave untouched."""
    with open_store(url) as store:
        return [
            (s.slug, r.lang, r.number, r.content_hash, json.dumps(r.meta))
            for s in store.stories()
            for r in store.revisions(s.slug)
        ]


def unit(root: etree._Element, uid: str) -> etree._Element:
    (found,) = root.xpath(f"//x:unit[@id='{uid}']", namespaces=NS)
    assert isinstance(found, etree._Element)
    return found


def give_back(tmp_path: Path, root: etree._Element, name: str = "back.xlf") -> Path:
    path = tmp_path / name
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def run(url: str, *args: str) -> int:
    return main(["--db", url, "import", *args])


def test_stale_row_is_initial_with_its_english_kept_and_the_french_diff_in_a_note(db: str) -> None:
    root = etree.fromstring(export(db))
    (stale,) = root.xpath("//x:segment[@subState='tracker:stale']", namespaces=NS)
    assert stale.get("state") == "initial"  # not "translated": other tools must not read it as done
    assert stale.findtext("x:target", namespaces=NS).startswith("The summit was held in Sochi")
    notes = stale.getparent().xpath("x:notes/x:note[@category='diff']/text()", namespaces=NS)
    assert notes == [pytest.approx(notes[0])] and "{+, selon les bilans des deux pays+}" in notes[0]
    assert "since French r2" in notes[0]


def test_omitted_paragraphs_are_not_work_and_untranslated_ones_have_no_target(db: str) -> None:
    root = etree.fromstring(export(db))
    omitted = root.xpath("//x:unit[@translate='no']", namespaces=NS)
    # the headline and a background paragraph acknowledged as omitted, and the desk signature
    assert len(omitted) == 3
    for element in omitted:
        segment = element.find("x:segment", NS)
        assert (segment.get("state"), segment.get("subState")) == ("initial", "tracker:omitted")
        assert segment.find("x:target", NS) is None
    done = {s.get("state") for s in root.xpath("//x:segment[not(@subState)]", namespaces=NS)}
    assert done == {"translated"}


def approve(url: str) -> None:
    with open_store(url) as store:
        view = load_view(store, SLUG)
        assert view.en is not None
        links = alignment_hash(r.link for r in view.rows)
        approval = Approval(
            SLUG, view.fr.number, view.en.number, view.fr.content_hash, view.en.content_hash, links, "approved",
            "editor", AT,
        )  # fmt: skip
        store.add_approval(approval, expected_fr_rev=view.fr.number, expected_en_rev=view.en.number)


def test_approved_story_exports_final_but_never_a_stale_row(db: str) -> None:
    approve(db)
    states = {(u.state, u.sub_state) for u in read_xliff(export(db), "x") if u.target}
    assert ("final", "tracker:approved") in states
    assert ("initial", "tracker:stale") in states
    assert {s for s, _ in states} == {"final", "initial"}


def test_unchanged_return_stores_nothing_and_an_edit_becomes_the_next_english(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = etree.fromstring(export(db))
    assert run(db, str(give_back(tmp_path, root, "same.xlf"))) == 0
    assert "skipped" in capsys.readouterr().out
    target = unit(root, "u8").find("x:segment/x:target", NS)
    target.text = target.text.replace("286 dead.", "286 dead, according to both countries' tolls.")
    assert run(db, str(give_back(tmp_path, root))) == 0
    with open_store(db) as store:
        en = store.revision(SLUG, "en")
        assert (en.number, en.based_on) == (3, 3)
        assert "according to both countries' tolls" in en.texts[6]
        assert store.revision(SLUG, "en", 2).texts[:6] == en.texts[:6]


def refused(db: str, path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    before = snapshot(db)
    assert run(db, str(path), *extra) == 3
    assert snapshot(db) == before  # nothing stored, nothing changed
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "error" in line] == [err.splitlines()[-2]]  # one line, then counts
    return err


def test_a_return_with_units_missing_is_refused_with_the_list(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = etree.fromstring(export(db))
    for uid in ("u3", "u11"):
        element = unit(root, uid)
        element.getparent().remove(element)
    err = refused(db, give_back(tmp_path, root), capsys)
    assert "does not match export sochi-summit/fr3-en2" in err
    assert "unit u3 missing" in err and "unit u11 missing" in err and "16 units returned, 18 exported" in err


def test_force_keeps_the_missing_paragraphs_as_they_were(db: str, tmp_path: Path) -> None:
    root = etree.fromstring(export(db))
    element = unit(root, "u3")
    element.getparent().remove(element)
    target = unit(root, "u4").find("x:segment/x:target", NS)
    target.text = "Edited in the CAT tool."
    assert run(db, str(give_back(tmp_path, root)), "--force") == 0
    with open_store(db) as store:
        old, new = store.revision(SLUG, "en", 2), store.revision(SLUG, "en", 3)
    assert len(new.texts) == len(old.texts)
    changed = [i for i, (a, b) in enumerate(zip(old.texts, new.texts, strict=True)) if a != b]
    assert changed == [2] and new.texts[2] == "Edited in the CAT tool."


def test_extra_units_and_changed_sources_are_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = etree.fromstring(export(db))
    file = root.find("x:file", NS)
    extra = etree.fromstring(
        f'<unit xmlns="{XLIFF_NS}" id="u99"><segment><source>Ajout.</source><target>Added.</target></segment></unit>'
    )
    file.append(extra)
    source = unit(root, "u5").find("x:segment/x:source", NS)
    source.text = "Une autre phrase française."
    err = refused(db, give_back(tmp_path, root), capsys)
    assert "unit u99 was not in the export" in err
    assert "unit u5 source changed" in err


def foreign(tmp_path: Path) -> Path:
    """An XLIFF 2 another tool wrote for some French text: no tracker original, no tracker metadata."""
    path = tmp_path / "trans.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="fr-FR" trgLang="en-US">'
        '<file id="f1" original="article.docx">'
        '<unit id="trans0"><segment state="translated"><source>Bonjour.</source>'
        "<target>Hello.</target></segment></unit>"
        '<unit id="trans1"><segment><source>Au revoir.</source><target>Goodbye.</target></segment></unit>'
        "</file></xliff>",
        encoding="utf-8",
    )
    return path


def test_a_file_tracker_never_wrote_is_refused_with_or_without_a_story(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = foreign(tmp_path)
    assert "not an XLIFF tracker exported" in refused(db, path, capsys)
    assert "not an XLIFF tracker exported" in refused(db, path, capsys, "--story", SLUG)
    assert run(db, str(path), "--story", "other", "--force") == 0
    with open_store(db) as store:
        assert store.revision("other", "en").texts == ("Hello.", "Goodbye.")


def test_a_return_naming_a_revision_that_does_not_exist_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = etree.fromstring(export(db))
    root.find("x:file", NS).set("original", "sochi-summit/fr9-en2")
    assert "names an export tracker cannot find" in refused(db, give_back(tmp_path, root), capsys)


def test_sentence_segments_join_with_their_ignorables_exactly(db: str, tmp_path: Path) -> None:
    """As Okapi and memoQ write a unit they split into sentences: the space between lives in an <ignorable>."""
    root = etree.fromstring(export(db))
    element = unit(root, "u8")
    segment = element.find("x:segment", NS)
    french = segment.findtext("x:source", namespaces=NS)
    english = "The summit was held in Sochi. It was the deadliest toll, both countries said."
    fr_a, fr_b = re.split(r"(?<=286 morts, selon les bilans des deux pays\.) ", french)
    element.remove(segment)
    for n, (src, tgt) in enumerate(
        [(fr_a, english.split(" It")[0]), (None, None), (fr_b, "It" + english.split(" It")[1])]
    ):
        if src is None:
            part = etree.SubElement(element, f"{{{XLIFF_NS}}}ignorable")
            etree.SubElement(part, f"{{{XLIFF_NS}}}source").text = " "
            continue
        part = etree.SubElement(element, f"{{{XLIFF_NS}}}segment", id=f"s8-{n}", state="translated")
        etree.SubElement(part, f"{{{XLIFF_NS}}}source").text = src
        etree.SubElement(part, f"{{{XLIFF_NS}}}target").text = tgt
    assert run(db, str(give_back(tmp_path, root))) == 0
    with open_store(db) as store:
        assert store.revision(SLUG, "en").texts[6] == english  # "Sochi. It", never "Sochi.It"


def test_translator_notes_are_kept_and_travel_out_again(db: str, tmp_path: Path) -> None:
    root = etree.fromstring(export(db))
    element = unit(root, "u4")
    notes = etree.Element(f"{{{XLIFF_NS}}}notes")
    etree.SubElement(notes, f"{{{XLIFF_NS}}}note").text = "Client prefers 'Yerevan' here"
    element.insert(1, notes)  # after the metadata, before the segment, where XLIFF 2 wants it
    target = element.find("x:segment/x:target", NS)
    target.text = target.text + " "  # a change, so a new revision is made
    target.text = target.text.strip() + " Indeed."
    assert run(db, str(give_back(tmp_path, root))) == 0
    with open_store(db) as store:
        en = store.revision(SLUG, "en")
    (note,) = json.loads(dict(en.meta)["notes"])
    assert note["text"] == "Client prefers 'Yerevan' here" and note["unit"] == "u4"
    assert en.texts[note["en"][0]].endswith("Indeed.")
    again = etree.fromstring(export(db))
    kept = again.xpath("//x:note[@category='translator']/text()", namespaces=NS)
    assert kept == ["Client prefers 'Yerevan' here"]
    assert not any("translator" in n for n in again.xpath("//x:note[@category='flag']/text()", namespaces=NS))
    # and ours are not taken for the translator's: a return of the fresh export adds no note
    assert run(db, str(give_back(tmp_path, again, "again.xlf"))) == 0
    with open_store(db) as store:
        assert json.loads(dict(store.revision(SLUG, "en").meta)["notes"])[0]["text"] == note["text"]


def test_translator_notes_show_in_the_log_and_the_details_panel(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.tui.widgets.details import describe_row

    root = etree.fromstring(export(db))
    element = unit(root, "u10")
    notes = etree.Element(f"{{{XLIFF_NS}}}notes")
    etree.SubElement(notes, f"{{{XLIFF_NS}}}note").text = "Checked the toll with the Moscow desk"
    element.insert(1, notes)
    element.find("x:segment/x:target", NS).text += " More."
    assert run(db, str(give_back(tmp_path, root))) == 0
    capsys.readouterr()
    assert main(["--db", db, "log", SLUG, "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("(1 translator note)")
    assert main(["--db", db, "log", SLUG, "--format", "json"]) == 0
    revisions = json.loads(capsys.readouterr().out)["revisions"]
    assert [n["text"] for n in revisions[-1]["notes"]] == ["Checked the toll with the Moscow desk"]
    with open_store(db) as store:
        view = load_view(store, SLUG)
    (row,) = [r for r in view.rows if r.en and r.en[0].text.endswith("More.")]
    shown = describe_row(row, view).plain
    assert "Translator notes\n  • Checked the toll with the Moscow desk" in shown


def test_a_return_whose_tool_dropped_the_metadata_still_matches_by_ids(db: str, tmp_path: Path) -> None:
    """Some CAT tools write back only what XLIFF core defines: the ids and sources still tie it to the export."""
    root = etree.fromstring(export(db))
    for meta in root.xpath("//mda:metadata", namespaces={"mda": "urn:oasis:names:tc:xliff:metadata:2.0"}):
        meta.getparent().remove(meta)
    target = unit(root, "u2").find("x:segment/x:target", NS)
    target.text = target.text.replace("Armenia", "Armenia's government")
    assert run(db, str(give_back(tmp_path, root))) == 0
    with open_store(db) as store:
        old, new = store.revision(SLUG, "en", 2), store.revision(SLUG, "en", 3)
    assert [p.role for p in new.paragraphs] == [p.role for p in old.paragraphs]
    assert sum(a != b for a, b in zip(old.texts, new.texts, strict=True)) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abc .,é", min_size=1, max_size=12), min_size=1, max_size=6), st.data())
def test_any_split_into_segments_and_ignorables_joins_back_exactly(pieces: list[str], data: st.DataObject) -> None:
    """However a CAT tool cuts a unit (sentences in segments, the space between in ignorables), the text is whole."""
    kinds = [data.draw(st.sampled_from(["segment", "ignorable"])) for _ in pieces]
    kinds[0] = "segment"
    parts = "".join(
        f'<{kind}><source xml:space="preserve">{p}</source><target xml:space="preserve">{p.upper()}</target></{kind}>'
        for kind, p in zip(kinds, pieces, strict=True)
    )
    xml = (
        f'<xliff xmlns="{XLIFF_NS}" version="2.1" srcLang="fr"><file id="f"><unit id="u1">{parts}</unit></file></xliff>'
    )
    (unit,) = read_xliff(xml.encode(), "x")
    assert unit.source == "".join(pieces)
    assert unit.target == "".join(p.upper() for p in pieces)
