"""Markdown articles: headings, paragraphs, list items and quotes as paragraphs, inline markup removed.

A small reader rather than a full CommonMark engine: articles use a handful of constructs, and the
tracker needs their text and block boundaries, not their rendering.
"""

from __future__ import annotations

import re

from sources.blocks import Block, build, clean
from sources.text import decode
from tracker.model import Document, Role

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_BULLET = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>\s?(.*)$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)

# Only unambiguous marks: wire text uses "- Subhead -" lines and quotes, which must stay plain text.
MARKDOWN_HINTS = re.compile(r"^ {0,3}(?:#{1,6}\s|```)|\[[^\]]+\]\([^)\s]+\)|\*\*\S[^*\n]*\*\*", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """Whether text uses Markdown syntax (headings, lists, links, emphasis) rather than being plain."""
    return len(MARKDOWN_HINTS.findall(text[:20000])) >= 2 or bool(_FRONT_MATTER.match(text))


def inline(text: str) -> str:
    """Text with inline Markdown (links, images, emphasis, code, HTML tags, escapes) removed."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis such as ***bold italic***
        text = _EMPHASIS.sub(r"\2", text)
    return clean(_ESCAPE.sub(r"\1", text))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            fields[key.strip()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown text in order, with heading roles."""
    out: list[Block] = []
    run: list[str] = []
    fenced = False

    def flush(role: Role = Role.BODY) -> None:
        if run:
            out.append((inline(" ".join(run)), role))
            run.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            run.append(line)
            continue
        if not line.strip():
            flush()
        elif (setext := _SETEXT.match(line)) and run:
            flush(Role.HEADLINE if setext.group(1).startswith("=") else Role.SUBHEAD)
        elif _RULE.match(line):
            flush()
        elif heading := _ATX.match(line):
            flush()
            out.append((inline(heading.group(2)), Role.HEADLINE if len(heading.group(1)) == 1 else Role.SUBHEAD))
        elif bullet := _BULLET.match(line):
            flush()
            run.append(bullet.group(1))
        elif quote := _QUOTE.match(line):
            run.append(quote.group(1))
        else:
            run.append(line.strip())
    flush()
    return out


def read_markdown(data: bytes, source: str) -> Document:
    """The document of a Markdown file; front matter `title`, `lang` and `label` are honoured."""
    fields, body = _front_matter(decode(data, source).lstrip("\ufeff"))
    meta = {"format": "markdown", **{k: v for k, v in fields.items() if k in ("guid", "version", "slug")}}
    return build(
        markdown_blocks(body),
        headline=fields.get("title") or None,
        label=fields.get("label") or None,
        lang=fields.get("lang") or fields.get("language") or None,
        meta=meta,
    )
