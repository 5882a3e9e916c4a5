"""Article text carried as a string (a ninjs body, a CDATA section, inlineData): parsed as what it is.

A body says what it is by a content type, a format name or a role; when it says nothing, or says "text" but holds
tags, the markup itself decides. NITF is parsed as NITF, HTML as HTML, and only text without tags is
segmented as paragraphs, so tags are never stored as words.
"""

from __future__ import annotations

import re
from typing import Literal

from sources import xmlsafe
from sources.blocks import Block, blocks
from sources.html import html_blocks
from sources.xmlsafe import localname
from tracker.errors import InputError
from tracker.model import Role
from tracker.segment import segment

Kind = Literal["nitf", "html", "text", "other"]
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
# Block tags of HTML and NITF: one of them in a "plain" text means it is markup after all.
_BLOCK_TAG = re.compile(
    r"<(?:p|br|div|h[1-6]|hl[12]|ul|ol|li|table|blockquote|section|article|nitf|body)\b[^>]*>", re.I
)
_NITF_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*<nitf\b", re.S
)
_NON_TEXT = ("sportsml", "event", "concept", "knowledge", "planning", "newsml", "json", "image", "audio", "video")


def kind_of(hints: str, value: str) -> Kind:
    """What a body holds, from its declared type/format/role (`hints`, any case) and then its content."""
    hints = hints.lower()
    if _NITF_ROOT.match(value[:4096]) or ("nitf" in hints and value.lstrip().startswith("<")):
        return "nitf"
    if "html" not in hints and ("nitf" in hints or "xml" in hints):
        return "other"  # an agency's own XML (TT's TTNITF) or NITF that does not start as NITF
    if any(word in hints for word in ("html", "richtext")):
        return "html"
    if any(word in hints for word in _NON_TEXT):
        return "other"
    if _BLOCK_TAG.search(value[:65536]):
        return "html"
    return "text"


def text_blocks(value: str, source: str, kind: Kind) -> list[Block]:
    """Blocks of a body string of this kind; an empty list for a kind that is not article text."""
    if kind == "nitf":
        return nitf_blocks(value, source)
    if kind == "html":
        return html_blocks(value, source)
    if kind == "text":
        return [(p.text, Role.BODY) for p in segment(value).paragraphs]
    return []


def nitf_blocks(value: str, source: str) -> list[Block]:
    """Blocks of a NITF document held in a string, parsed by the hardened XML parser (entities refused)."""
    # The string is already decoded: its declaration's encoding no longer applies, UTF-8 is what we hand over.
    data = _DECLARATION.sub("", value, count=1).encode("utf-8")
    root = xmlsafe.parse(data, source)
    if localname(root) != "nitf":
        raise InputError(source, f"body declared NITF but its root element is <{localname(root)}>")
    return blocks(root)
