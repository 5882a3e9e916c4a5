"""Pick the importer from a file's content (the name only breaks ties) and read it into documents.

`load` is the one entry point the services and the CLI use: NewsML-G2, NewsML 1.2, ninjs, HTML, Markdown,
NITF, or plain paragraph text, with one clear InputError for anything else.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from lxml import etree

from sources import newsml1, newsml_g2, ninjs, xmlsafe
from sources.blocks import blocks, build, mark_roles
from sources.html import is_html, read_html
from sources.markdown import looks_like_markdown, read_markdown
from sources.text import decode, read_text
from sources.xmlsafe import MAX_BYTES, check_size, localname
from tracker.errors import InputError
from tracker.model import Document

__all__ = ["MAX_BYTES", "kind_of", "load", "story_key", "story_slug"]

_MARKDOWN_NAMES = (".md", ".markdown", ".mdown")
_HTML_NAMES = (".html", ".htm", ".xhtml")


def _head(data: bytes) -> bytes:
    """The first meaningful bytes, with a BOM removed and UTF-16/32 narrowed to ASCII for sniffing."""
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        sample = sample.decode("utf-32", errors="ignore").encode("ascii", errors="ignore")
    elif sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        sample = sample.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    elif sample.startswith(codecs.BOM_UTF8):
        sample = sample[3:]
    return sample.lstrip()


def kind_of(data: bytes, source: str) -> str:
    """The format the content claims: xml, html, json, markdown or text (the name only breaks ties)."""
    head = _head(data)
    name = source.lower()
    if head.startswith(b"<"):
        if is_html(head) and not head.startswith(b"<?xml"):  # XHTML with a declaration parses as XML
            return "html"
        return "xml"
    if head.startswith((b"{", b"[")) or name.endswith(".json"):
        return "json"
    if name.endswith(_HTML_NAMES):
        return "html"
    if name.endswith(_MARKDOWN_NAMES):
        return "markdown"
    return "text"


def load(data: bytes, source: str) -> list[Document]:
    """Documents read from a file's bytes; `source` names the file in errors. Never touches disk or database."""
    check_size(len(data), source)
    kind = kind_of(data, source)
    if kind == "xml":
        return _load_xml(data, source)
    if kind == "html":
        return [read_html(data, source)]
    if kind == "json":
        return _load_json(ninjs.load_json(data, source), source)
    if kind == "markdown" or looks_like_markdown(decode(data, source)):
        document = read_markdown(data, source)
        if not document.paragraphs:
            raise InputError(source, "no paragraphs found")
        return [document]
    return [mark_roles(read_text(data, source))]


def _load_xml(data: bytes, source: str) -> list[Document]:
    try:
        root = xmlsafe.parse(data, source)
    except InputError as exc:
        # Real-world HTML is rarely well-formed XML; an .html file still reads as HTML.
        if source.lower().endswith(_HTML_NAMES) and "entities" not in exc.problem:
            return [read_html(data, source)]
        raise
    return from_root(root, source)


def from_root(root: etree._Element, source: str) -> list[Document]:
    """Documents of a parsed XML root: NewsML-G2, NewsML 1, XHTML or bare NITF; anything else is refused."""
    name = localname(root)
    if newsml_g2.is_newsml_g2(root):
        return newsml_g2.documents(root, source)
    if newsml1.is_newsml1(root):
        return newsml1.documents(root, source)
    if name == "html":
        return [read_html(etree.tostring(root), source)]
    if name == "xliff":
        from sources.xliff import returned_document

        return [returned_document(root, source)]
    if name == "nitf":
        document = build(blocks(root), meta={"format": "nitf"})
        if document.paragraphs:
            return [document]
        raise InputError(source, "NITF document without text")
    if source.lower().endswith(_HTML_NAMES):
        return [read_html(etree.tostring(root), source)]
    raise InputError(
        source, f"XML but not a news document (root element <{name}>; expected NewsML-G2, NewsML 1, NITF, XLIFF 2)"
    )


def _load_json(value: Any, source: str) -> list[Document]:
    if isinstance(value, list) and value and all(ninjs.is_ninjs(v) for v in value):
        return [ninjs.from_value(v, source) for v in value]
    if isinstance(value, dict) and "uri" in value:
        return [ninjs.from_value(value, source)]
    raise InputError(source, "JSON but not a news item (expected a ninjs object with a uri)")


def story_key(document: Document) -> str:
    """What ties versions into one story: the item it was adapted from, AFP's slug, the guid, or the title."""
    meta = dict(document.meta)
    if meta.get("derivedFrom"):
        return meta["derivedFrom"].split()[0].rsplit("@", 1)[0]
    if meta.get("format") == "newsml1" and meta.get("slug"):
        return meta["slug"]
    for key in ("guid", "slug"):
        if meta.get(key):
            return meta[key]
    return story_slug(document.title or (document.texts[0] if document.paragraphs else "story"))


def story_slug(key: str) -> str:
    """A story slug made from a story key: lowercase ASCII words joined by dashes, at most 80 characters."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:80].rstrip("-") or "story"
