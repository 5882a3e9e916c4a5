"""One hardened XML parser for every importer: no entities, no network, no DTD loading, bounded size.

Wire files arrive from outside the newsroom, so XML external entities (XXE) and entity-expansion bombs
("billion laughs") are refused outright instead of being parsed and hoped safe.
"""

from __future__ import annotations

import re

from lxml import etree

from tracker.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
# An entity declaration anywhere is refused: news formats never need one, attacks always do.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_DECL_UTF16 = ("<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be"))


def check_size(size: int, source: str, limit: int = MAX_BYTES) -> None:
    """Refuse a file over `limit` bytes before anything reads or parses it."""
    if size > limit:
        raise InputError(source, f"file too large ({size / (1024 * 1024):.0f} MiB; limit {limit // (1024 * 1024)} MiB)")


def make_parser() -> etree.XMLParser:
    """A fresh lxml parser that resolves no entity, loads no DTD and touches no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )  # not collect_ids=False: with it libxml2 tries to fetch an external DTD


def localname(element: etree._Element) -> str:
    """Tag without namespace (wire files mix namespaced and bare elements); '' for comments and PIs."""
    tag: object = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _refuse_entities(data: bytes, source: str) -> None:
    if _ENTITY_DECL.search(data) or any(marker in data for marker in _ENTITY_DECL_UTF16):
        raise InputError(source, "XML declares entities (<!ENTITY>): refused (possible XXE or entity-expansion attack)")


def parse(data: bytes, source: str) -> etree._Element:
    """Root element of an XML document, or InputError naming `source` and what is wrong."""
    check_size(len(data), source)
    _refuse_entities(data, source)
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc)
        if "encoding" in message.lower():
            raise InputError(source, f"unknown or invalid encoding: {message}") from exc
        raise InputError(source, f"malformed XML: {message}") from exc
    except (ValueError, LookupError) as exc:
        raise InputError(source, f"unreadable XML: {exc}") from exc
    if root is None:
        raise InputError(source, "empty XML document")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[union-attr]
        raise InputError(source, "XML declares entities (<!ENTITY>): refused (possible XXE or entity-expansion attack)")
    return root


# Characters XML 1.0 cannot carry (C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text safe to write into XML: characters XML cannot hold become U+FFFD instead of crashing the export."""
    return _NOT_XML.sub("\ufffd", text)
