"""ninjs 1.x, 2.x and 3.x items validate against their own version's schema and give their body as paragraphs."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sources.ninjs import from_value, read_ninjs
from sources.ninjs_schema import declared_major, detect_major
from tracker.errors import InputError
from tracker.model import Role

NITF = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<nitf version="-//IPTC//DTD NITF 3.6//EN"><head><title>Titre'
    "</title></head><body><body.head><hedline><hl1>Les vendanges commencent</hl1></hedline></body.head>"
    "<body.content><p>Les vendangeurs sont arrivés lundi.</p><hl2>Une année précoce</hl2>"
    "<p>La récolte s'annonce <em>abondante</em>.</p></body.content></body></nitf>"
)
# Shaped like IPTC's 2.1 test suite example: lowercase names, plural lists, `contenttype`.
NINJS_21: dict[str, Any] = {
    "uri": "http://ninjs.example.com/newsitems/20261201vend",
    "type": "text",
    "versioncreated": "2026-12-01T10:37:00Z",
    "by": "Une rédactrice",
    "language": "fr",
    "headlines": [{"role": "main", "value": "Les vendanges commencent"}],
    "bodies": [
        {"role": "text", "contenttype": "text/plain", "value": "Premier paragraphe.\n\nSecond paragraphe."},
        {"role": "xhtml", "contenttype": "text/html", "value": "<p>Premier paragraphe.</p><p>Second paragraphe.</p>"},
    ],
}
# Shaped like the 1.6 documentation articles: headline_main, body_main (text) and body_richtext (HTML).
NINJS_16: dict[str, Any] = {
    "uri": "http://ninjs.example.com/newsitems/20261201doc",
    "type": "text",
    "versioncreated": "2026-12-01T10:37:00Z",
    "byline": "Un rédacteur",
    "language": "fr",
    "headline_main": "Le train de nuit revient",
    "body_main": "La ligne rouvre en décembre. Les billets sont en vente.",
    "body_richtext": "<p>La ligne rouvre en décembre.</p><p>Les billets sont en vente.</p>",
}


def test_a_2x_item_is_validated_as_2x_and_read() -> None:
    document = from_value(NINJS_21, "vend.json")
    assert detect_major(NINJS_21) == 2
    assert document.texts == ("Les vendanges commencent", "Premier paragraphe.", "Second paragraphe.")
    assert dict(document.meta)["versionCreated"] == "2026-12-01T10:37:00Z"
    assert dict(document.meta)["ninjs"] == "2"


def test_a_16_documentation_article_reads_headline_main_and_the_rich_body() -> None:
    document = from_value(NINJS_16, "doc.json")
    assert detect_major(NINJS_16) == 1
    assert document.texts == ("Le train de nuit revient", "La ligne rouvre en décembre.", "Les billets sont en vente.")
    assert document.paragraphs[0].role is Role.HEADLINE


def test_a_1x_item_with_body_text_only_is_segmented() -> None:
    item = {
        "uri": "urn:x:1",
        "headline": "Titre",
        "body_text": "Un.\n\nDeux.",
        "versioncreated": "2026-12-01T08:00:00Z",
    }
    assert from_value(item, "one.json").texts == ("Titre", "Un.", "Deux.")


def test_a_nitf_body_in_ninjs_3_is_parsed_as_nitf_not_stored_as_xml() -> None:
    item = {
        "uri": "urn:x:nitf",
        "headlines": [{"role": "main", "value": "Les vendanges commencent"}],
        "bodies": [{"role": "nitf", "contentType": "text/vnd.IPTC.NITF", "value": NITF}],
    }
    document = from_value(item, "nitf.json")
    assert document.texts == (
        "Les vendanges commencent",
        "Les vendangeurs sont arrivés lundi.",
        "Une année précoce",
        "La récolte s'annonce abondante.",
    )
    assert [p.role for p in document.paragraphs][:3] == [Role.HEADLINE, Role.BODY, Role.SUBHEAD]
    assert not any("<" in text for text in document.texts)


def test_a_nitf_body_in_ninjs_1_is_parsed_as_nitf() -> None:
    item = {"uri": "urn:x:n1", "headline": "Les vendanges commencent", "body_nitf": NITF}
    document = from_value(item, "n1.json")
    assert document.texts[1] == "Les vendangeurs sont arrivés lundi."
    assert document.texts.count("Les vendanges commencent") == 1


def test_a_nitf_body_declaring_entities_is_refused() -> None:
    evil = '<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]><nitf><body><p>&x;</p></body></nitf>'
    item = {"uri": "urn:x:evil", "headline": "Titre", "body_nitf": evil}
    with pytest.raises(InputError, match="entities"):
        from_value(item, "evil.json")


def test_an_agency_xml_body_is_passed_over_for_the_html_one() -> None:
    item = {
        "uri": "urn:x:tt",
        "headlines": [{"role": "main", "value": "Titre"}],
        "bodies": [
            {"role": "ttnitf", "contentType": "application/xml", "value": "<TTNITF><HEAD>&auml;</HEAD></TTNITF>"},
            {"role": "html5", "contentType": "text/html", "value": "<html><body><p>Le texte.</p></body></html>"},
        ],
    }
    assert from_value(item, "tt.json").texts == ("Titre", "Le texte.")


def test_plain_text_that_holds_tags_is_read_as_html() -> None:
    item = {"uri": "urn:x:p", "headline": "Titre", "body_text": "<p>Un.</p><p>Deux.</p>"}
    assert from_value(item, "p.json").texts == ("Titre", "Un.", "Deux.")


@pytest.mark.parametrize(
    ("declared", "major"),
    [
        ({"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"}, 2),
        ({"standard": {"name": "ninjs", "version": "3.0"}}, 3),
        ({"$standard": {"name": "ninjs", "version": "1.4"}}, 1),
        ({"standard": {"schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"}}, 3),
        ({}, None),
    ],
)
def test_the_declared_version_wins(declared: dict[str, Any], major: int | None) -> None:
    assert declared_major({"uri": "urn:x", **declared}) == major


def test_an_item_declaring_2x_but_written_as_3x_is_a_2x_violation() -> None:
    item = {"uri": "urn:x", "standard": {"name": "ninjs", "version": "2.1"}, "versionCreated": "2026-12-01T08:00:00Z"}
    with pytest.raises(InputError, match=r"ninjs 2\.x schema violation"):
        from_value(item, "mixed.json")


def test_a_schema_pointer_in_the_item_is_not_a_violation() -> None:
    item = {"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json", **NINJS_21}
    assert from_value(item, "pointer.json").texts[0] == "Les vendanges commencent"


def test_camel_case_names_make_an_item_3x() -> None:
    item = {"uri": "urn:x", "renditions": [{"href": "http://example.org/a.jpg", "contentType": "image/jpeg"}]}
    assert detect_major(item) == 3
    assert detect_major({"uri": "urn:x", "pubstatus": "usable"}) == 2


def test_ninjs_bytes_round_trip_through_read_ninjs() -> None:
    document = read_ninjs(json.dumps(NINJS_16).encode("utf-16"), "doc16.json")
    assert document.title == "Le train de nuit revient"
