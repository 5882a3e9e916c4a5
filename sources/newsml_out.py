"""NewsML-G2 news item of an approved English revision, tied to the French item and version it adapts.

The item links to its French source (`irel:translatedFrom`, with the version) and records the adaptation as a
hop in `hopHistory`, so a receiving system can trace the English back to the exact wire version.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from sources.xmlsafe import xml_text
from tracker.errors import RefusedError
from tracker.model import Approval, Revision, Role

NAR = "http://iptc.org/std/nar/2006-10-01/"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_REL = "irel:translatedFrom"


def g2_time(at: datetime) -> str:
    return at.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


TRACKER_GUID = "urn:newsml:tracker.local:"


def item_guid(revision: Revision) -> str:
    """The wire guid a revision came with, or a stable tracker guid for the story and language."""
    meta = dict(revision.meta)
    return meta.get("guid") or f"{TRACKER_GUID}{revision.story}:{revision.lang}"


def tracker_story(guid: str) -> str | None:
    """The story slug of a guid tracker made for a story that did not come from a wire (see item_guid)."""
    if not guid.startswith(TRACKER_GUID):
        return None
    story, _, lang = guid[len(TRACKER_GUID) :].rpartition(":")
    return story if story and lang in ("fr", "en") else None


def source_version(revision: Revision) -> str:
    """The wire version of the French item when it came from the wire, else the tracker revision number."""
    return dict(revision.meta).get("version") or str(revision.number)


def check_approval(en: Revision, approval: Approval | None) -> Approval:
    """The approval, if it approves exactly this English revision's content; RefusedError otherwise."""
    if approval is None or approval.verdict != "approved" or approval.en_rev != en.number:
        raise RefusedError(f"{en.story}: English r{en.number} is not approved; approve it before exporting NewsML-G2")
    if approval.en_hash != en.content_hash:
        raise RefusedError(f"{en.story}: the approval of English r{en.number} no longer matches its content")
    return approval


def _el(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAR}}}{name}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def write_newsml(en: Revision, fr: Revision, *, approval: Approval | None, at: datetime, by: str) -> bytes:
    """NewsML-G2 newsItem bytes of an approved English revision adapted from French revision `fr`."""
    approved = check_approval(en, approval)
    headline = next((p.text for p in en.paragraphs if p.role is Role.HEADLINE), en.paragraphs[0].text)
    guid = dict(en.meta).get("guid") if dict(en.meta).get("format") == "newsml-g2" else None
    root = etree.Element(
        f"{{{NAR}}}newsItem",
        nsmap={None: NAR},  # type: ignore[dict-item]  # lxml takes None as the default-namespace prefix
        guid=guid or item_guid(en),
        version=str(en.number),
        standard="NewsML-G2",
        standardversion="2.35",
        conformance="power",
    )
    root.set(XML_LANG, "en")
    _el(root, "catalogRef", href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml")
    _hop_history(root, fr, approved, at=at, by=by)
    item_meta = _el(root, "itemMeta")
    _el(item_meta, "itemClass", qcode="ninat:text")
    _el(item_meta, "provider", literal="tracker")
    _el(item_meta, "versionCreated", g2_time(at))
    _el(item_meta, "firstCreated", g2_time(en.created_at))
    _el(item_meta, "pubStatus", qcode="stat:canceled" if en.status == "canceled" else "stat:usable")
    _el(item_meta, "edNote", f"English adaptation of French item {item_guid(fr)} version {source_version(fr)}")
    _el(item_meta, "link", rel=SOURCE_REL, residref=item_guid(fr), version=source_version(fr))
    content_meta = _el(root, "contentMeta")
    _el(content_meta, "language", tag="en")
    _el(content_meta, "slugline", en.story)
    _el(content_meta, "headline", headline)
    content_set = _el(root, "contentSet")
    inline = _el(content_set, "inlineXML", contenttype="application/nitf+xml")
    inline.append(_nitf(en))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _hop_history(root: etree._Element, fr: Revision, approval: Approval, *, at: datetime, by: str) -> None:
    history = _el(root, "hopHistory")
    source = _el(history, "hop", seq="1", timestamp=g2_time(fr.created_at))
    _el(source, "party", literal=fr.author or "wire")
    _el(source, "action", qcode="hopaction:created", target="hatarget:content")
    adapted = _el(history, "hop", seq="2", timestamp=g2_time(approval.at))
    _el(adapted, "party", literal=approval.by)
    _el(adapted, "action", qcode="hopaction:transformed", target="hatarget:content")
    exported = _el(history, "hop", seq="3", timestamp=g2_time(at))
    _el(exported, "party", literal=by)
    _el(exported, "action", qcode="hopaction:enhanced", target="hatarget:metadata")


def _nitf(en: Revision) -> etree._Element:
    nitf = etree.Element(f"{{{NITF}}}nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body = etree.SubElement(nitf, f"{{{NITF}}}body")
    head = etree.SubElement(body, f"{{{NITF}}}body.head")
    content = etree.SubElement(body, f"{{{NITF}}}body.content")
    for paragraph in en.paragraphs:
        if paragraph.role is Role.HEADLINE:
            hedline = etree.SubElement(head, f"{{{NITF}}}hedline")
            etree.SubElement(hedline, f"{{{NITF}}}hl1").text = xml_text(paragraph.text)
        else:
            tag = "hl2" if paragraph.role is Role.SUBHEAD else "p"
            etree.SubElement(content, f"{{{NITF}}}{tag}").text = xml_text(paragraph.text)
    return nitf
