"""Paragraphs out of marked-up article bodies (NITF, XHTML, HTML): blocks in reading order, with their roles.

Shared by every XML and HTML importer so that a subhead, a spacer or a desk signature is treated alike
whatever format carried it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from lxml import etree

from sources.xmlsafe import localname
from tracker.model import Document, Paragraph, Role

HEADLINE_TAGS = frozenset({"hl1", "h1"})
SUBHEAD_TAGS = frozenset({"hl2", "h2", "h3", "h4", "h5", "h6"})
LEAF_TAGS = frozenset({"p", "li", "dd", "dt", "pre", "blockquote", "figcaption", "td", "th", "caption", "address"})
# `headline` is AP's spelling of NITF's `hedline` (body.head/headline/hl1): a container, so hl1 stays the headline.
CONTAINER_TAGS = frozenset(
    {
        "html", "body", "article", "main", "section", "div", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot",
        "tr", "nitf", "body.content", "body.head", "body.end", "hedline", "headline", "block", "center", "span.block",
    }
)  # fmt: skip
# Metadata, navigation and media around the text; never article paragraphs.
SKIP_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "nav", "footer", "aside", "form", "button", "iframe", "svg", "figure",
        "img", "video", "audio", "object", "embed", "template", "time", "byline", "dateline", "distributor",
        "series", "tagline", "bibliography", "note", "media", "select", "input", "textarea", "label", "menu",
    }
)  # fmt: skip
# Class names of page furniture inside article markup (bylines, datelines, share bars, captions).
SKIP_CLASSES = frozenset(
    {
        "byline", "dateline", "dat", "date", "meta", "slugline", "vignette", "source", "credit", "share", "social",
        "related", "tags", "caption", "breadcrumb", "breadcrumbs", "ad", "advert", "advertisement", "newsletter",
        "comments", "author", "timestamp", "publicationdate", "sr-only", "visually-hidden",
    }
)  # fmt: skip
BLOCK_TAGS = HEADLINE_TAGS | SUBHEAD_TAGS | LEAF_TAGS | CONTAINER_TAGS | SKIP_TAGS | {"header", "hr"}

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# Desk sign-offs: `bur-dar-gl/fz`, `bur-mba/cf/ial`, `pa/ial`, `gv/ak`, optionally with a trailing dash.
_SIGNATURE = re.compile(
    r"^[a-z]{2,5}(?:-[a-z0-9]{1,6})*(?:/[a-z0-9]{1,6}(?:-[a-z0-9]{1,6})*)+\s*-?$"  # with a slash
    r"|^bur(?:-[a-z0-9]{1,6})+$"  # bureau sign-off without one
)

# Credit lines an adaptation adds: `*With AFP; adapted from its French version`, `(Avec AFP)`.
_CREDIT = re.compile(r"^[*(\s]*(?:with|avec|mit)\s+(?:afp|reuters|ap|dpa)\b", re.IGNORECASE)

Block = tuple[str, Role]


def clean(text: str) -> str:
    """ASCII whitespace runs collapsed to one space; no-break spaces (French typography) are kept."""
    # the ends first (what the collapse would then leave): most texts are left with single spaces only, and
    # looking for a run to collapse costs a fifth of a regex pass
    text = text.strip()
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        return _SPACES.sub(" ", text)
    return text


def is_signature(text: str) -> bool:
    """Whether a paragraph is a desk sign-off such as `bur-dar-gl/fz`."""
    return len(text) <= 60 and bool(_SIGNATURE.match(text.strip()))


def inline_text(element: etree._Element) -> str:
    """Text of an element with inline markup flattened and line breaks turned into spaces."""
    if len(element) == 0 and localname(element) != "br" and not skipped(element):
        return clean(element.text or "")  # a paragraph without markup, as _collect reads it (ends stripped)
    parts: list[str] = []
    _collect(element, parts)
    return clean("".join(parts))


def _collect(element: etree._Element, parts: list[str]) -> None:
    name = localname(element)
    if name == "br":
        parts.append(" ")
    elif not skipped(element):
        if element.text:
            parts.append(element.text)
        for child in element:
            _collect(child, parts)
            if child.tail:
                parts.append(child.tail)
        if name in LEAF_TAGS or name in HEADLINE_TAGS or name in SUBHEAD_TAGS:
            parts.append(" ")


def blocks(root: etree._Element) -> list[Block]:
    """Block-level texts of a body in reading order, with their roles (empty ones included)."""
    out: list[Block] = []
    _walk(root, out)
    return out


def _has_block_child(element: etree._Element) -> bool:
    return any(localname(child) in BLOCK_TAGS for child in element)


def skipped(element: etree._Element) -> bool:
    """Whether an element is furniture rather than text: metadata tags or furniture class names."""
    name = localname(element)
    return not name or name in SKIP_TAGS or _furniture(element)


def _furniture(element: etree._Element) -> bool:
    classes = element.get("class")
    if not classes:
        return False
    return not SKIP_CLASSES.isdisjoint(c.lower() for c in classes.split())


def _walk(element: etree._Element, out: list[Block], name: str | None = None) -> None:
    """`name`: the element's local name, when the caller has it."""
    name = localname(element) if name is None else name
    if not name or name in SKIP_TAGS or name == "hr" or _furniture(element):
        return
    if name in LEAF_TAGS:  # the most common block first
        if len(element) == 0:
            out.append((clean(element.text or ""), Role.BODY))  # what inline_text reads of a bare paragraph
        elif not _has_block_child(element):
            out.append((inline_text(element), Role.BODY))
        else:
            _walk_container(element, out)
    elif name in HEADLINE_TAGS:
        out.append((inline_text(element), Role.HEADLINE))
    elif name in SUBHEAD_TAGS:
        out.append((inline_text(element), Role.SUBHEAD))
    elif name == "header":
        # page and item headers carry dates and keyword lists; only their headings are text
        for child in element.iter():
            if localname(child) in HEADLINE_TAGS | SUBHEAD_TAGS:
                _walk(child, out)
    else:
        _walk_container(element, out)


def _walk_container(element: etree._Element, out: list[Block]) -> None:
    """Block children in order; loose inline text between them becomes paragraphs of its own."""
    run: list[str] = [element.text or ""]
    for child in element:
        name = localname(child)
        if name in BLOCK_TAGS:
            out.append((clean("".join(run)), Role.BODY))
            run = []
            if name in LEAF_TAGS and len(child) == 0 and not _furniture(child):
                out.append((clean(child.text or ""), Role.BODY))  # _walk's bare paragraph, without the call
            else:
                _walk(child, out, name)
        else:
            _collect(child, run)
        run.append(child.tail or "")
    out.append((clean("".join(run)), Role.BODY))


def build(
    found: Iterable[Block],
    *,
    headline: str | None = None,
    label: str | None = None,
    lang: str | None = None,
    meta: dict[str, str] | None = None,
) -> Document:
    """A document from blocks: spacers dropped, headline put first when the body lacks it, signatures marked."""
    kept: list[Block] = [(text, role) for text, role in found if text]
    headline = clean(headline) if headline else None
    # a body that already starts with the headline (tracker's export of a story whose lead is its headline)
    # keeps it once
    leads = any(role is Role.HEADLINE for _, role in kept[:2]) or bool(kept and clean(kept[0][0]) == headline)
    if headline and not leads:
        kept.insert(0, (headline, Role.HEADLINE))
    kept = _mark_signatures(kept)
    paragraphs = tuple(Paragraph(i, text, 0, 0, role) for i, (text, role) in enumerate(kept))
    title = headline or next((text for text, role in kept if role is Role.HEADLINE), None)
    pairs = tuple(sorted((k, v) for k, v in (meta or {}).items() if v))
    return Document(paragraphs=paragraphs, label=label or None, lang=lang or None, title=title, meta=pairs)


def mark_roles(document: Document) -> Document:
    """A plain-text document with its trailing desk signature and credit lines marked; texts unchanged."""
    marked = _mark_signatures([(p.text, p.role) for p in document.paragraphs])
    paragraphs = tuple(replace(p, role=role) for p, (_, role) in zip(document.paragraphs, marked, strict=True))
    return replace(document, paragraphs=paragraphs)


def _mark_signatures(kept: Sequence[Block]) -> list[Block]:
    marked = list(kept)
    for i in range(len(marked) - 1, max(-1, len(marked) - 4), -1):
        text, role = marked[i]
        if role is Role.BODY and is_signature(text):
            marked[i] = (text, Role.SIGNATURE)
        elif role is Role.BODY and len(text) <= 120 and _CREDIT.match(text):
            marked[i] = (text, Role.CREDIT)
    return marked
