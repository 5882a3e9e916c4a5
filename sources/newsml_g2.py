"""NewsML-G2 news items and news messages: one Document per text newsItem, with the wire metadata that matters.

Elements are matched by local name because agencies send both namespaced and bare NewsML-G2 (TT, for one).
"""

from __future__ import annotations

from lxml import etree

from sources import xmlsafe
from sources.blocks import build, inline_text
from sources.g2_content import body, is_text_class, refuse_non_text
from sources.newsml_out import tracker_story
from sources.xmlsafe import localname
from tracker.errors import InputError
from tracker.model import Document

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Relations that tie an item to the item it was translated or adapted from.
SOURCE_RELS = frozenset({"irel:translatedFrom", "irel:derivedFrom", "irel:adaptedFrom"})


def child(element: etree._Element, name: str) -> etree._Element | None:
    """First child element with this local name."""
    for c in element:
        if localname(c) == name:
            return c
    return None


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if localname(c) == name]


def path(element: etree._Element | None, *names: str) -> etree._Element | None:
    """Follow child local names from `element`; None as soon as one is missing."""
    for name in names:
        if element is None:
            return None
        element = child(element, name)
    return element


def text_at(element: etree._Element | None, *names: str) -> str:
    found = path(element, *names) if names else element
    return inline_text(found) if found is not None else ""


def code(qcode: str | None) -> str:
    """`stat:usable` -> `usable`."""
    return (qcode or "").rsplit(":", 1)[-1]


def is_newsml_g2(root: etree._Element) -> bool:
    return localname(root) in ("newsItem", "newsMessage")


def read_newsml_g2(data: bytes, source: str) -> list[Document]:
    """Documents of a NewsML-G2 newsItem or newsMessage; InputError when it holds no text item."""
    return documents(xmlsafe.parse(data, source), source)


def documents(root: etree._Element, source: str) -> list[Document]:
    """Documents of an already parsed NewsML-G2 root (newsItem or newsMessage)."""
    if not is_newsml_g2(root):
        raise InputError(source, f"not NewsML-G2 (root element <{localname(root)}>)")
    items = [root] if localname(root) == "newsItem" else [e for e in root.iter() if localname(e) == "newsItem"]
    docs: list[Document] = []
    refusals: list[InputError] = []
    for item in items:
        try:
            doc = item_document(item, source)
        except InputError as exc:
            refusals.append(exc)  # a SportsML or event item beside text items: the text items still import
            continue
        if doc is not None:
            docs.append(doc)
    if not docs and refusals:
        raise refusals[0]
    if not docs:
        raise InputError(source, "NewsML-G2 without a text news item (no headline and no body text)")
    return docs


def item_document(item: etree._Element, source: str = "") -> Document | None:
    """The Document of one newsItem; None for pictures, video and items with no text at all; InputError for a
    text-class item whose only content is not article text (SportsML, events)."""
    item_meta = child(item, "itemMeta")
    content_meta = child(item, "contentMeta")
    if not is_text_class(path(item_meta, "itemClass")):
        return None
    meta = _item_meta(item, item_meta, content_meta)
    found, not_text = body(child(item, "contentSet"), source)
    if not_text and meta.get("pubStatus") != "canceled":
        raise refuse_non_text(meta.get("guid", ""), not_text, source)
    if not meta.get("headline") and not any(text for text, _ in found) and meta.get("pubStatus") != "canceled":
        return None
    lang = _language(item, content_meta)
    return build(found, headline=meta.get("headline"), label=label_for(meta), lang=lang, meta=meta)


def _item_meta(
    item: etree._Element, item_meta: etree._Element | None, content_meta: etree._Element | None
) -> dict[str, str]:
    signals = [code(s.get("qcode")) for s in children(item_meta, "signal")] if item_meta is not None else []
    ed_notes = children(item_meta, "edNote") if item_meta is not None else []
    notes = [inline_text(n) for n in ed_notes]
    corrections = [inline_text(n) for n in ed_notes if "correction" in n.get("role", "").lower()]
    links, sources, fr_revision = [], [], ""
    for link in children(item_meta, "link") if item_meta is not None else []:
        target = link.get("residref") or link.get("href") or ""
        if not target:
            continue
        ref = f"{target}@{link.get('version')}" if link.get("version") else target
        links.append(ref)
        if link.get("rel") in SOURCE_RELS:
            local = tracker_story(target)
            # tracker's own export of a story that never came from a wire: its story, and the French revision
            sources.append(ref if local is None else local)
            fr_revision = link.get("version", "") if local is not None else fr_revision
    status = path(item_meta, "pubStatus")
    headlines = children(content_meta, "headline") if content_meta is not None else []
    return {
        "format": "newsml-g2",
        "guid": item.get("guid", ""),
        "version": item.get("version", ""),
        "versionCreated": text_at(item_meta, "versionCreated"),
        "firstCreated": text_at(item_meta, "firstCreated"),
        "pubStatus": code(status.get("qcode")) if status is not None else "usable",
        "signals": ",".join(s for s in signals if s),
        "edNote": " | ".join(n for n in notes if n),
        "correctionNote": _shortest(corrections),
        "headline": inline_text(headlines[0]) if headlines else "",
        "slug": text_at(content_meta, "slugline"),
        "links": " ".join(links),
        "derivedFrom": " ".join(sources),
        "frRevision": fr_revision,
        "byline": text_at(content_meta, "by"),
        "urgency": text_at(content_meta, "urgency"),
        "embargoed": text_at(item_meta, "embargoed"),
    }


def label_for(meta: dict[str, str]) -> str:
    """A human label: `kill: ...`, `correction: ...`, `withheld`, the advisory line, or `v3`."""
    version = f"v{meta['version']}" if meta.get("version") else ""
    note = meta.get("edNote", "")
    signals = meta.get("signals", "").split(",")
    if meta.get("pubStatus") == "canceled":
        return f"kill: {note}" if note else f"kill ({version})" if version else "kill"
    if "correction" in signals:
        note = meta.get("correctionNote") or note
        return f"correction: {_short(note)}" if note else f"correction ({version})" if version else "correction"
    if meta.get("pubStatus") == "withheld":
        return f"withheld: {_short(note)}" if note else "withheld"
    if meta.get("advisory"):
        return meta["advisory"]
    return version or "wire item"


def _shortest(notes: list[str]) -> str:
    """The shortest non-empty note: agencies send a long and a short correction note."""
    return min((n for n in notes if n), key=len, default="")


def _short(note: str) -> str:
    """The first edNote part, at most 120 characters."""
    first = note.split(" | ", 1)[0].strip()
    return first if len(first) <= 120 else first[:119] + "…"


def _language(item: etree._Element, content_meta: etree._Element | None) -> str | None:
    for language in children(content_meta, "language") if content_meta is not None else []:
        if language.get("tag"):
            return language.get("tag")
    return item.get(XML_LANG) or None
