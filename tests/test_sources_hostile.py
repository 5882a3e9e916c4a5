"""Hostile and broken input: entity attacks, oversized files and malformed markup are refused, never parsed."""

from __future__ import annotations

import pytest

from sources.detect import MAX_BYTES, load
from sources.html import read_html
from sources.xmlsafe import check_size, parse
from tracker.errors import InputError

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<newsItem guid="x" version="1"><contentMeta><headline>&xxe;</headline></contentMeta></newsItem>"""

XXE_NETWORK = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<newsItem guid="x"/>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<newsItem guid="x"><contentMeta><headline>&lol9;</headline></contentMeta></newsItem>"""


@pytest.mark.parametrize("data", [XXE_FILE, XXE_NETWORK, BILLION_LAUGHS], ids=["xxe-file", "xxe-network", "laughs"])
def test_entity_declarations_are_refused_with_a_clear_error(data: bytes) -> None:
    with pytest.raises(InputError, match="declares entities") as caught:
        load(data, "evil.xml")
    assert caught.value.source == "evil.xml"


def test_entity_attack_hidden_in_utf16_is_refused() -> None:
    with pytest.raises(InputError, match="declares entities"):
        load(BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"), "x")


def test_external_dtd_reference_is_never_fetched() -> None:
    data = b'<!DOCTYPE nitf SYSTEM "http://127.0.0.1:9/nitf.dtd"><nitf><body><p>Texte.</p></body></nitf>'
    (doc,) = load(data, "nitf.xml")
    assert doc.texts == ("Texte.",)


def test_html_page_with_entity_declarations_does_not_expand_them() -> None:
    page = b"<!DOCTYPE html [<!ENTITY a 'aaaaaaaaaa'>]><html><body><p>&a;&a; ok text</p></body></html>"
    text = " ".join(read_html(page, "p.html").texts)
    assert "ok text" in text
    assert "aaaaaaaaaa" not in text


def test_file_over_the_limit_is_refused_by_size_before_parsing() -> None:
    with pytest.raises(InputError, match="too large"):
        check_size(500 * 1024 * 1024, "huge.xml")
    with pytest.raises(InputError, match="too large"):
        load(b" " * (MAX_BYTES + 1), "big.xml")


@pytest.mark.parametrize(
    "data",
    [b"<newsItem>", b"<newsItem></newsitem>", b"<a b='1' b='2'/>", b"<\xff\xfe/>", b"<newsItem>\x00</newsItem>"],
)
def test_malformed_xml_is_an_input_error_not_a_crash(data: bytes) -> None:
    with pytest.raises(InputError):
        parse(data, "bad.xml")


def test_deeply_nested_json_is_refused_cleanly() -> None:
    with pytest.raises(InputError):
        load(b"[" * 100_000 + b"]" * 100_000, "deep.json")


def test_external_dtd_on_disk_is_never_read() -> None:
    data = b'<!DOCTYPE nitf SYSTEM "file:///etc/passwd"><nitf><body><p>Texte.</p></body></nitf>'
    (doc,) = load(data, "nitf.xml")
    assert doc.texts == ("Texte.",)
