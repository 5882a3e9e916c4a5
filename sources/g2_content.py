"""NewsML-G2 item classes and content: which items are text, and a body only from NITF, XHTML/HTML or plain text.

Early IPTC catalogs and agencies (Reuters, ANSA) name the text class `icls:text`, later ones `ninat:text`; both,
and the composite class, are text items. Inline content that is not article text (SportsML results, event or
concept items) is never turned into paragraphs: the item is refused with the reason instead.
"""

from __future__ import annotations

from lxml import etree

from sources.blocks import CONTAINER_TAGS, HEADLINE_TAGS, LEAF_TAGS, SUBHEAD_TAGS, Block, blocks
from sources.markup import kind_of, text_blocks
from sources.xmlsafe import localname
from tracker.errors import InputError

TEXT_CODES = frozenset({"text", "composite"})
# Roots of inline XML that hold article text: NITF, (X)HTML documents and HTML fragments.
TEXT_ROOTS = CONTAINER_TAGS | HEADLINE_TAGS | SUBHEAD_TAGS | LEAF_TAGS


def is_text_class(item_class: etree._Element | None) -> bool:
    """Whether an itemClass names a text or composite item, whatever alias scheme (`ninat:`, `icls:`, a URI)."""
    if item_class is None:
        return True
    qcode = item_class.get("qcode") or ""
    uri = item_class.get("uri") or ""
    if not qcode and not uri:
        return True
    code = qcode.rsplit(":", 1)[-1] if qcode else uri.rstrip("/").rsplit("/", 1)[-1]
    return code.strip().lower() in TEXT_CODES


def _content_type(content: etree._Element) -> str:
    return content.get("contenttype") or content.get("contentType") or ""


def body(content_set: etree._Element | None, source: str) -> tuple[list[Block], str]:
    """Blocks of the first text content (inlineXML of NITF/XHTML/HTML, inlineData of text or HTML), and, when
    there is none, why the other contents are not text ('' when there was no inline content at all)."""
    reasons: list[str] = []
    for content in content_set if content_set is not None else []:
        name = localname(content)
        if name == "inlineXML":
            roots = [root for root in content if localname(root)]
            text_roots = [root for root in roots if localname(root) in TEXT_ROOTS]
            if roots and not text_roots:
                reasons.append(f"inlineXML holds <{localname(roots[0])}>")
                continue
            found = [b for root in text_roots for b in blocks(root)]
        elif name == "inlineData":
            text = content.text or ""
            kind = kind_of(_content_type(content), text)
            if kind == "other":
                reasons.append(f"inlineData of type {_content_type(content)!r}")
                continue
            found = text_blocks(text, source, kind)
        else:
            continue
        if any(text for text, _ in found):
            return found, ""
    if reasons:
        return [], f"{'; '.join(reasons)}, not NITF, XHTML/HTML or plain text"
    return [], ""


def refuse_non_text(guid: str, reason: str, source: str) -> InputError:
    """The refusal of an item whose only content is not article text."""
    return InputError(source, f"NewsML-G2 item {guid or '(no guid)'}: {reason}; refused (no article text to track)")
