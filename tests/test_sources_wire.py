"""Wire importers read real agency samples and our own story files into documents with their metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources.detect import load, story_key
from sources.newsml1 import read_newsml1
from sources.newsml_g2 import read_newsml_g2
from sources.ninjs import read_ninjs
from tracker.errors import InputError
from tracker.model import Role

DATA = Path(__file__).parent / "data" / "newsml"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def meta(document: object) -> dict[str, str]:
    return dict(document.meta)  # type: ignore[attr-defined]


def test_newsml_g2_item_carries_guid_version_dates_status_and_language() -> None:
    (doc,) = read_newsml_g2(read("iptc/LISTING_2_NewsML-G2_Text_Document.xml"), "listing2")
    m = meta(doc)
    assert m["guid"] == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"
    assert m["version"] == "11"
    assert m["versionCreated"] == "2018-11-21T16:25:32-05:00"
    assert m["pubStatus"] == "usable"
    assert doc.lang == "en-US"  # contentMeta/language wins over xml:lang
    assert doc.title == 'Fed to halt QE to avert "bubble"'
    assert [p.role for p in doc.paragraphs] == [Role.HEADLINE, Role.BODY, Role.BODY]
    assert doc.label == "v11"
    assert list(doc.meta) == sorted(doc.meta)


def test_newsml_g2_signal_update_ednote_and_links_are_kept() -> None:
    (doc,) = read_newsml_g2(read("iptc/LISTING_1_A_NewsML-G2_News_Item.xml"), "listing1")
    m = meta(doc)
    assert m["signals"] == "update"
    assert m["firstCreated"] == "2016-10-18T13:12:21-05:00"
    assert m["edNote"].startswith("Note to editors: STRICTLY EMBARGOED.")
    assert m["links"] == "http://www.example.com/video/20081222-PNN-1517-407624/index.html"
    assert doc.lang == "en-GB"


def test_dpa_correction_is_labelled_with_its_short_note() -> None:
    (doc,) = read_newsml_g2(read("dpa/tvo_pol.newsml-g2.xml"), "tvo_pol")
    assert meta(doc)["signals"] == "correction"
    assert doc.label == "correction: Uhrzeit korrigiert"
    assert doc.lang == "de"
    subheads = [p.text for p in doc.paragraphs if p.role is Role.SUBHEAD]
    assert subheads[:2] == ["Hauptthemen", "Weitere Themen"]
    assert all(p.text for p in doc.paragraphs)  # the <p /> spacers are gone


def test_message_yields_one_document_per_text_item_and_skips_pictures() -> None:
    docs = read_newsml_g2(read("own/message.xml"), "message")
    assert [meta(d)["guid"].rsplit(":", 1)[-1] for d in docs] == ["fr-a", "fr-b"]
    assert docs[0].texts == ("Premier titre", "Premier paragraphe.", "Deuxième paragraphe.")
    assert meta(docs[1])["pubStatus"] == "withheld"
    assert docs[1].label == "withheld"


def test_tt_message_without_namespace_reads_the_html_body_without_bylines() -> None:
    (doc,) = read_newsml_g2(read("tt/TT_newsmlg2_sample.xml"), "tt")
    assert doc.lang == "sv"
    assert doc.paragraphs[0].role is Role.HEADLINE
    assert not any("Naina" in t for t in doc.texts)  # the photo byline is page furniture
    assert len(doc.paragraphs) == 6


def test_picture_only_item_is_refused_as_not_text() -> None:
    with pytest.raises(InputError, match="without a text news item"):
        read_newsml_g2(read("dpa/image.newsml-g2.xml"), "image.xml")


def test_afp_newsml1_reads_slug_advisory_subheads_and_signature() -> None:
    (doc,) = read_newsml1(read("afp/afp.com_newsml1.2_sample.xml"), "afp")
    m = meta(doc)
    assert m["slug"] == "Israel-Palestinians-conflict"
    assert m["guid"] == "urn:newsml:afp.com:20210516T080625Z:TX-PAR-WGF71"
    assert m["version"] == "1"
    assert m["links"] == "urn:newsml:afp.com:20210508T124951Z:doc-99j8na"
    assert "update" in m["signals"].split(",")
    assert doc.label == "RECASTS with attack on Hamas targets, RAISES Gaza death toll, UPDATES throughout"
    assert doc.lang == "en"
    assert doc.paragraphs[0].text == "Israel strikes key Hamas targets as UN Security Council to meet"
    assert [p.text for p in doc.paragraphs if p.role is Role.SUBHEAD] == [
        "- Media offices destroyed -",
        "- 'Grave concern' -",
        "- 'They're striking our children' -",
    ]
    assert doc.paragraphs[-1].role is Role.SIGNATURE
    assert doc.paragraphs[-1].text == "bur-dar-gl/fz"
    assert story_key(doc) == "Israel-Palestinians-conflict"


def test_business_wire_newsml1_reads_the_body_component_only() -> None:
    (doc,) = read_newsml1(read("newsml1/businesswire-newsml-20130605006126-zh.xml"), "bw")
    assert doc.lang == "zh"
    assert doc.title == "Cambrios被Gartner評選為「最酷供應商」"
    assert not any(".bwalignc" in t for t in doc.texts)  # the stylesheet component is not text


@pytest.mark.parametrize(
    ("name", "lang", "version"),
    [("dpa_text.ninjs3.json", "de", "2"), ("ntb_text.ninjs3.json", "nb-NO", "6")],
)
def test_ninjs3_samples_validate_and_read(name: str, lang: str, version: str) -> None:
    doc = read_ninjs(read(f"ninjs/{name}"), name)
    assert doc.lang == lang
    assert meta(doc)["version"] == version
    assert doc.paragraphs[0].role is Role.HEADLINE


def test_ninjs_edNote_and_dates_reach_the_metadata() -> None:
    doc = read_ninjs(read("ninjs/ntb_text.ninjs3.json"), "ntb")
    m = meta(doc)
    assert m["edNote"] == "Noe utvidet."
    assert m["firstCreated"] == "2019-08-09T09:30:04Z"
    assert m["slug"] == "skien-google"


def test_ninjs1_with_lowercase_fields_is_read() -> None:
    data = b'{"uri": "urn:x:1", "version": "3", "versioncreated": "2015-01-01T00:00:00Z", "language": "fr",'
    data += b' "headline": "Titre", "body_html": "<p>Un.</p><p></p><p>Deux.</p>", "pubstatus": "canceled"}'
    doc = read_ninjs(data, "v1.json")
    assert doc.texts == ("Titre", "Un.", "Deux.")
    assert meta(doc)["pubStatus"] == "canceled"
    assert doc.label == "kill (v3)"


def test_ninjs3_schema_violation_names_the_field() -> None:
    with pytest.raises(InputError, match=r"schema violation: .*urgency"):
        read_ninjs(b'{"uri": "urn:x", "urgency": "high", "headlines": [{"value": "T"}]}', "bad.json")


def test_own_story_versions_share_one_story_key_and_the_english_joins_the_french() -> None:
    keys = {
        story_key(load(read(f"own/{name}"), name)[0])
        for name in ("port-fr-v1.xml", "port-fr-v2-correction.xml", "port-fr-v3-kill.xml", "port-en-v1.xml")
    }
    assert keys == {"urn:newsml:example.org:20261126:fr-port-greve"}


def test_correction_and_kill_are_labelled_and_kill_is_canceled() -> None:
    (v2,) = load(read("own/port-fr-v2-correction.xml"), "v2")
    (v3,) = load(read("own/port-fr-v3-kill.xml"), "v3")
    assert v2.label == "correction: corrige le nombre de dockers (1.500 et non 1.200)"
    assert meta(v3)["pubStatus"] == "canceled"
    assert v3.label is not None and v3.label.startswith("kill: ANNULATION")


def test_french_item_keeps_typography_and_marks_subhead_and_signature() -> None:
    (doc,) = load(read("own/port-fr-v1.xml"), "fr")
    assert doc.lang == "fr"
    assert (
        doc.texts[2]
        == "Le mouvement, lancé à l’appel de la CGT, porte sur « les salaires et les conditions de travail »."
    )
    assert [p.role for p in doc.paragraphs] == [
        Role.HEADLINE, Role.BODY, Role.BODY, Role.SUBHEAD, Role.BODY, Role.SIGNATURE,
    ]  # fmt: skip
    assert "Par une rédactrice fictive" not in doc.texts  # NITF byline is metadata


def test_english_adaptation_marks_its_credit_line() -> None:
    (doc,) = load(read("own/port-en-v1.xml"), "en")
    assert doc.lang == "en"
    assert doc.paragraphs[-1].role is Role.CREDIT
    assert meta(doc)["derivedFrom"] == "urn:newsml:example.org:20261126:fr-port-greve@2"
