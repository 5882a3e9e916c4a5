"""TMX 1.4 translation memory of the confirmed one-to-one links: French and English paragraph pairs for CAT tools.

Only confirmed 1-1 links go in: a person vouched for them, and a memory of merged or split paragraphs would
teach a CAT tool wrong segment pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from lxml import etree

from sources import xmlsafe
from sources.xmlsafe import localname, xml_text
from tracker import __version__
from tracker.errors import InputError
from tracker.view import StoryView

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_time(at: datetime) -> str:
    """TMX's basic ISO 8601 UTC form: 20261126T120000Z."""
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def write_tmx(views: Iterable[StoryView], *, at: datetime, by: str) -> bytes:
    """TMX 1.4 bytes holding one translation unit per confirmed 1-1 link of each view."""
    root = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "tracker",
        "creationtoolversion": __version__,
        "segtype": "paragraph",
        "o-tmf": "tracker",
        "adminlang": "en",
        "srclang": "fr",
        "datatype": "plaintext",
        "creationdate": tmx_time(at),
        "creationid": xml_text(by),
    }
    etree.SubElement(root, "header", header)
    body = etree.SubElement(root, "body")
    for view in views:
        if view.en is None:
            continue
        for row in view.rows:
            if not (row.link.confirmed and row.link.kind == "1-1"):
                continue
            tu = etree.SubElement(body, "tu", tuid=f"{view.story.slug}:fr{row.fr[0].index}:en{row.en[0].index}")
            tu.set("creationdate", tmx_time(at))
            tu.set("creationid", xml_text(by))
            prop = etree.SubElement(tu, "prop", type="x-story")
            prop.text = xml_text(view.story.slug)
            for lang, paragraph in (("fr", row.fr[0]), ("en", row.en[0])):
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = xml_text(paragraph.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def read_tmx(data: bytes, source: str) -> list[tuple[str, str]]:
    """(French, English) segment pairs of a TMX file."""
    root = xmlsafe.parse(data, source)
    if localname(root) != "tmx":
        raise InputError(source, "not a TMX file (expected <tmx>)")
    pairs = []
    for tu in root.iter("tu"):
        segs = {
            tuv.get(XML_LANG, tuv.get("lang", "")).split("-")[0]: "".join(map(str, tuv.itertext())).strip()
            for tuv in tu.iter("tuv")
        }
        if "fr" in segs and "en" in segs:
            pairs.append((segs["fr"], segs["en"]))
    return pairs
