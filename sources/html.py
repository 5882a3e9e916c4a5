"""HTML article pages: the main article text only (no navigation, asides, footers), paragraphs preserved."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from sources.blocks import Block, blocks, build, inline_text, skipped
from sources.text import decode
from sources.xmlsafe import check_size, localname
from tracker.errors import InputError
from tracker.model import Document

_PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "blockquote", "li"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_PAGE_ENCODINGS = frozenset({"idna", "punycode", "undefined", "raw-unicode-escape", "unicode-escape"})


def html_text(data: bytes, source: str) -> str:
    """Text of an HTML page: the declared charset if any (refused when unknown), else UTF-8 or Windows-1252."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii")
        try:
            info = codecs.lookup(name)
        except LookupError as exc:
            raise InputError(source, f"unknown encoding {name!r} declared in the page") from exc
        # rot13, zlib, base64 are codecs but no text encodings; idna and undefined refuse to decode pages
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_ENCODINGS:
            raise InputError(source, f"{name!r} declared in the page is not a text encoding")
        try:
            text = data.decode(info.name)  # strictly: bytes replaced without a word would be text lost unseen
        except UnicodeDecodeError as exc:
            raise InputError(
                source,
                f"invalid {name} at byte {exc.start} ({data[exc.start : exc.start + 4].hex(' ')}), the encoding the "
                "page declares: fix the bytes there (or import with --errors replace)",
            ) from exc
        except (UnicodeError, LookupError, TypeError) as exc:
            raise InputError(source, f"cannot decode the page as {name!r}, the encoding it declares") from exc
    else:
        try:
            text = data.decode("utf-8")  # the common case, without the slower checks for binary files
        except UnicodeDecodeError:
            text = decode(data, source)
    return _XML_DECLARATION.sub("", text, count=1)


def make_parser() -> lxml.html.HTMLParser:
    """An HTML parser that fetches nothing and keeps no comments or processing instructions."""
    return lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)


_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype(?!\s+html)[^>]*>)", re.DOTALL | re.IGNORECASE)
_HTML_ROOTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<article", b"<div", b"<p>")


def is_html(data: bytes) -> bool:
    """Whether a document starts as HTML: an HTML doctype or an HTML first element (not merely HTML inside XML)."""
    head = data[:4096]
    while match := _PROLOG.match(head):
        if match.end() == 0:
            break
        head = head[match.end() :]
    return head.lstrip().lower().startswith(_HTML_ROOTS)


def parse_html(data: bytes | str, source: str) -> etree._Element:
    """Root of an HTML page or fragment; InputError when nothing parses."""
    if isinstance(data, bytes):
        check_size(len(data), source)
        data = html_text(data, source)
    else:
        data = _XML_DECLARATION.sub("", data, count=1)
    try:
        root = lxml.html.document_fromstring(data, parser=make_parser())
    except (etree.ParserError, ValueError, LookupError) as exc:
        raise InputError(source, f"unreadable HTML: {exc}") from exc
    if root is None:
        raise InputError(source, "empty HTML document")
    return root


def html_blocks(markup: str, source: str) -> list[Block]:
    """Blocks of an HTML fragment (a ninjs body, a feed entry)."""
    if not markup.strip():
        return []
    root = parse_html(markup, source)
    body = next((e for e in root.iter() if localname(e) == "body"), root)
    return blocks(body)


def main_element(root: etree._Element) -> etree._Element:
    """The element holding the article: articleBody, the largest <article>, <main>, or the densest text parent."""
    elements = _visible(root)
    marked = [e for e in elements if e.get("itemprop") == "articleBody"]
    if marked:
        return marked[0]
    for tag in ("article", "main"):
        found = [e for e in elements if localname(e) == tag or (tag == "main" and e.get("role") == "main")]
        if found:
            return max(found, key=_paragraph_weight)
    scores: dict[etree._Element, int] = {}
    for e in elements:
        parent = e.getparent()
        if localname(e) in _PARAGRAPH_TAGS and parent is not None:
            scores[parent] = scores.get(parent, 0) + len(inline_text(e))
    if scores:
        return max(scores, key=lambda e: scores[e])
    return next((e for e in elements if localname(e) == "body"), root)


def _visible(root: etree._Element) -> list[etree._Element]:
    """Elements in document order, leaving out furniture subtrees (navigation, asides, headers, ...)."""
    found: list[etree._Element] = []
    stack = [root]
    while stack:
        element = stack.pop()
        name = localname(element)
        if not name or (element is not root and (name == "header" or skipped(element))):
            continue
        found.append(element)
        stack.extend(reversed(element))
    return found


def _paragraph_weight(element: etree._Element) -> int:
    return sum(len(inline_text(p)) for p in element.iter() if localname(p) == "p")


def _page_title(root: etree._Element) -> str:
    for meta in root.iter("meta"):
        if meta.get("property") == "og:title" and meta.get("content"):
            return meta.get("content", "")
    h1 = next((e for e in root.iter() if localname(e) == "h1"), None)
    if h1 is not None and inline_text(h1):
        return inline_text(h1)
    title = next((e for e in root.iter() if localname(e) == "title"), None)
    return inline_text(title) if title is not None else ""


def read_html(data: bytes, source: str) -> Document:
    """The article of an HTML page as a document; InputError when the page holds no text."""
    root = parse_html(data, source)
    article = main_element(root)
    document = build(
        blocks(article),
        headline=_page_title(root) or None,
        lang=root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta={"format": "html"},
    )
    if not any(p.role.value == "body" for p in document.paragraphs):
        raise InputError(source, "HTML page without article text")
    return document
