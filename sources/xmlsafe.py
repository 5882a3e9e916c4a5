"""One hardened XML parser for every importer: no external entities, no network, no DTD loading, bounded size.

Wire files arrive from outside the newsroom, so XML external entities (XXE) and entity-expansion bombs
("billion laughs") are refused outright instead of being parsed and hoped safe; internal entity declarations
(real Belga, ATS and Kyodo NewsML 1.2 feeds) are expanded only within the limits of sources.entities.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from sources.entities import REFUSED, check_entities
from tracker.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
# UTF-16 documents declaring entities are refused outright: no feed sends them, and the checker reads bytes.
_ENTITY_DECL_UTF16 = ("<!ENTITY".encode("utf-16-le"), "<!ENTITY".encode("utf-16-be"))


def check_size(size: int, source: str, limit: int = MAX_BYTES) -> None:
    """Refuse a file over `limit` bytes before anything reads or parses it."""
    if size > limit:
        raise InputError(source, f"file too large ({size / (1024 * 1024):.0f} MiB; limit {limit // (1024 * 1024)} MiB)")


def make_parser(internal_entities: bool = False) -> etree.XMLParser:
    """A fresh lxml parser that loads no DTD, touches no network and resolves no external entity (internal ones
    only when asked, after sources.entities accepted them)."""
    return etree.XMLParser(
        resolve_entities="internal" if internal_entities else False,  # type: ignore[arg-type]
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )  # not collect_ids=False: with it libxml2 tries to fetch an external DTD


# Parsers are reused (building one cost as much as parsing a wire item) but never shared between threads.
_PARSERS = threading.local()
# Local names by tag: a document repeats a few tags thousands of times. Bounded, since tags come from outside.
_LOCAL_NAMES: dict[object, str] = {}
_MAX_LOCAL_NAMES = 4096


def _parser(internal_entities: bool) -> etree.XMLParser:
    key = "internal" if internal_entities else "plain"
    parser: etree.XMLParser | None = getattr(_PARSERS, key, None)
    if parser is None:
        parser = make_parser(internal_entities)
        setattr(_PARSERS, key, parser)
    return parser


def localname(element: etree._Element) -> str:
    """Tag without namespace (wire files mix namespaced and bare elements); '' for comments and PIs."""
    tag: object = element.tag
    try:
        return _LOCAL_NAMES[tag]
    except KeyError:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < _MAX_LOCAL_NAMES:
            _LOCAL_NAMES[tag] = name
        return name


def _checked_entities(data: bytes, source: str) -> bool:
    if b"<!" not in data and b"\x00" not in data:
        return False  # no declaration of any kind, in UTF-8 or UTF-16 (most wire items): nothing to check
    if any(marker in data for marker in _ENTITY_DECL_UTF16):
        raise InputError(source, REFUSED)
    return check_entities(data, source)


def parse(data: bytes, source: str) -> etree._Element:
    """Root element of an XML document, or InputError naming `source` and what is wrong."""
    check_size(len(data), source)
    internal = _checked_entities(data, source)
    try:
        root = etree.fromstring(data, _parser(internal))
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
    entities = list(dtd.iterentities()) if dtd is not None else []  # type: ignore[union-attr]
    if entities and (not internal or any(e.system_url for e in entities)):
        raise InputError(source, REFUSED)
    return root


# Characters XML 1.0 cannot carry (C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text safe to write into XML: characters XML cannot hold become U+FFFD instead of crashing the export."""
    return _NOT_XML.sub("\ufffd", text)
