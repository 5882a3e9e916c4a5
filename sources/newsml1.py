"""NewsML 1.2 items (AFP's profile, Business Wire): one Document per NewsItem, write-throughs tied by slug.

AFP sends each write-through as a new item (new NewsItemId) carrying the same NameLabel slug and an advisory
line such as "RECASTS ..., UPDATES throughout"; the slug is what ties them into one story.
"""

from __future__ import annotations

from lxml import etree

from sources import xmlsafe
from sources.blocks import Block, blocks, build, inline_text
from sources.markup import kind_of, text_blocks
from sources.newsml_g2 import XML_LANG, child, children, label_for, path, text_at
from sources.xmlsafe import localname
from tracker.errors import InputError
from tracker.model import Document

# Components that carry no article text in Business Wire and AFP items.
_NON_TEXT_ROLES = frozenset({"stylesheet", "logo", "contact", "headline", "photo", "video", "graphic", "caption"})
_TEXT_TYPES = ("text", "nitf", "xhtml", "html")


def is_newsml1(root: etree._Element) -> bool:
    return localname(root) in ("NewsML", "NewsItem")


def read_newsml1(data: bytes, source: str) -> list[Document]:
    """Documents of a NewsML 1.x file; InputError when it holds no text item."""
    return documents(xmlsafe.parse(data, source), source)


def documents(root: etree._Element, source: str) -> list[Document]:
    if not is_newsml1(root):
        raise InputError(source, f"not NewsML 1 (root element <{localname(root)}>)")
    items = [root] if localname(root) == "NewsItem" else [e for e in root.iter() if localname(e) == "NewsItem"]
    docs = [doc for doc in (item_document(item, source) for item in items) if doc is not None]
    if not docs:
        raise InputError(source, "NewsML 1 without a text news item (no headline and no body text)")
    return docs


def _descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [e for e in element.iter() if localname(e) == name]


def _formal(element: etree._Element | None) -> str:
    return element.get("FormalName", "") if element is not None else ""


def item_document(item: etree._Element, source: str = "") -> Document | None:
    meta = _meta(item)
    found = _body(item, source)
    if not meta.get("headline") and not any(text for text, _ in found) and meta.get("pubStatus") != "canceled":
        return None
    languages = [_formal(lang) for lang in _descendants(item, "Language") if _formal(lang)]
    lang = languages[0] if languages else item.get(XML_LANG)
    return build(found, headline=meta.get("headline"), label=label_for(meta), lang=lang, meta=meta)


def _meta(item: etree._Element) -> dict[str, str]:
    ident = path(item, "Identification", "NewsIdentifier")
    management = child(item, "NewsManagement")
    revision = text_at(ident, "RevisionId")
    public = text_at(ident, "PublicIdentifier")
    guid = public.rsplit(":", 1)[0] if revision and public.endswith(":" + revision) else public
    advisories = [
        inline_text(text)
        for line in _descendants(item, "NewsLine")
        if _formal(child(line, "NewsLineType")) == "AdvisoryLine"
        for text in children(line, "NewsLineText")
    ]
    genres = {_formal(g).lower() for g in _descendants(item, "Genre")}
    advisory = " / ".join(a for a in advisories if a)
    signals = []
    if "correction" in genres or advisory.upper().startswith(("CORRECTS", "CORRECTION")):
        signals.append("correction")
    if "update" in genres or "UPDATES" in advisory.upper():
        signals.append("update")
    headlines = _descendants(item, "HeadLine")
    status = _formal(child(management, "Status")).lower() if management is not None else ""
    links = [a.get("NewsItem", "") for a in children(management, "AssociatedWith")] if management is not None else []
    urgency = _formal(child(management, "Urgency")) if management is not None else ""
    # NewsML 1.2 says an embargo as Status Embargoed, lifted at StatusWillChange's DateAndTime
    lifted_at = text_at(management, "StatusWillChange", "DateAndTime") if management is not None else ""
    return {
        "format": "newsml1",
        "guid": guid or text_at(ident, "NewsItemId"),
        "version": revision,
        "versionCreated": text_at(management, "ThisRevisionCreated"),
        "firstCreated": text_at(management, "FirstCreated"),
        "pubStatus": status or "usable",
        "signals": ",".join(signals),
        "headline": inline_text(headlines[0]) if headlines else "",
        "slug": text_at(item, "Identification", "NameLabel"),
        "links": " ".join(link for link in links if link),
        "advisory": advisory,
        "urgency": urgency,
        "embargoed": lifted_at if status == "embargoed" else "",
    }


def _is_text(content_item: etree._Element) -> bool:
    kinds = " ".join(
        _formal(child(content_item, name)).lower() for name in ("MediaType", "Format", "MimeType")
    ) + " " + (content_item.get("Href") or "").lower()  # fmt: skip
    return any(kind in kinds for kind in _TEXT_TYPES) and "css" not in kinds


def _body(item: etree._Element, source: str) -> list[Block]:
    """Blocks of the text ContentItems, the components whose role is Body first when roles are given."""
    candidates = []
    for content in _descendants(item, "ContentItem"):
        if not _is_text(content):
            continue
        component = content.getparent()
        role = _formal(path(component, "Role")).lower() if component is not None else ""
        if role in _NON_TEXT_ROLES:
            continue
        candidates.append((role not in ("body", "main"), content))
    found: list[Block] = []
    for _, content in sorted(candidates, key=lambda pair: pair[0])[:1] or []:
        data = child(content, "DataContent")
        if data is None:
            continue
        roots = [root for root in data if localname(root)]
        if roots:
            found.extend(b for root in roots for b in blocks(root))
        else:
            found.extend(_string_body(content, data.text or "", source))
    return found


def _string_body(content: etree._Element, text: str, source: str) -> list[Block]:
    """A DataContent held as a string (HTML or NITF in CDATA, ANA-MPA's `Format FormalName="HTML"`), parsed as
    what its Format/MimeType says or, failing that, what its markup shows; tags are never kept as words."""
    hints = " ".join(_formal(child(content, name)) for name in ("Format", "MimeType"))
    kind = kind_of(hints, text)
    if kind == "other":
        kind = kind_of("", text)
    return text_blocks(text, source, kind)
