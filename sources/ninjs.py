"""ninjs (IPTC News in JSON) 1.x–3.x: validated, then read into a Document.

ninjs 3.x is validated against the official 3.1 schema shipped in sources/schemas; 1.x and 2.x (lowercase
property names) against the small structural schema below, since only the 3.1 schema is shipped.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from sources.blocks import Block, build
from sources.html import html_blocks
from sources.newsml_g2 import label_for
from sources.xmlsafe import check_size
from tracker.errors import InputError
from tracker.model import Document, Role
from tracker.segment import segment

# Property names that exist only before ninjs 3.0 (which moved to camelCase).
_LEGACY_KEYS = frozenset(
    {
        "versioncreated", "firstcreated", "contentcreated", "pubstatus", "ednote", "copyrightholder",
        "copyrightnotice", "usageterms", "body_text", "body_html", "body_xhtml", "headline", "byline",
        "description_text", "description_html", "mimetype", "representationtype",
    }
)  # fmt: skip
_TEXTS = {
    "type": "array",
    "items": {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}},
}
_LEGACY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["uri"],
    "properties": {
        "uri": {"type": "string"},
        "version": {"type": "string"},
        "language": {"type": "string"},
        "headline": {"type": "string"},
        "slugline": {"type": "string"},
        "body_text": {"type": "string"},
        "body_html": {"type": "string"},
        "body_xhtml": {"type": "string"},
        "ednote": {"type": "string"},
        "versioncreated": {"type": "string"},
        "firstcreated": {"type": "string"},
        "pubstatus": {"enum": ["usable", "withheld", "canceled"]},
        "urgency": {"type": "integer"},
        "headlines": _TEXTS,
        "bodies": _TEXTS,
    },
}


@cache
def _validator(legacy: bool) -> jsonschema.protocols.Validator:
    if legacy:
        return jsonschema.Draft202012Validator(_LEGACY_SCHEMA)
    text = resources.files("sources.schemas").joinpath("ninjs-schema_3.1.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def load_json(data: bytes, source: str) -> Any:
    """Parsed JSON of UTF-8/16/32 bytes; InputError for invalid JSON or an unknown encoding."""
    check_size(len(data), source)
    try:
        text = data.decode(json.detect_encoding(data)).lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(source, f"unknown or invalid text encoding for JSON: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except RecursionError as exc:
        raise InputError(source, "invalid JSON: nested too deeply") from exc


def is_ninjs(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("uri"), str)


def read_ninjs(data: bytes, source: str) -> Document:
    """The document of a ninjs item; InputError for invalid JSON or a schema violation."""
    return from_value(load_json(data, source), source)


def from_value(value: Any, source: str) -> Document:
    if not isinstance(value, dict):
        raise InputError(source, "not a ninjs object (a JSON object with a uri)")
    legacy = not _LEGACY_KEYS.isdisjoint(value)
    error = _first_error(value, legacy)
    if error:
        raise InputError(source, f"ninjs {'1.x/2.x' if legacy else '3.x'} schema violation: {error}")
    get = _getter(value, legacy)
    meta = {
        "format": "ninjs",
        "guid": value["uri"],
        "version": str(value.get("version", "")),
        "versionCreated": get("versionCreated"),
        "firstCreated": get("firstCreated"),
        "pubStatus": get("pubStatus") or "usable",
        "edNote": get("edNote"),
        "slug": str(value.get("slugline", "")),
        "headline": _headline(value),
    }
    found = _body(value, source)
    if not meta["headline"] and not found and meta["pubStatus"] != "canceled":
        raise InputError(source, "ninjs item without text (no headline and no body)")
    lang = value.get("language") if isinstance(value.get("language"), str) else None
    return build(found, headline=meta["headline"] or None, label=label_for(meta), lang=lang, meta=meta)


def _first_error(value: dict[str, Any], legacy: bool) -> str:
    try:
        error = jsonschema.exceptions.best_match(_validator(legacy).iter_errors(value))
    except RecursionError:
        return "nested too deeply"
    if error is None:
        return ""
    where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
    return f"{where}: {error.message[:200]}"


def _getter(value: dict[str, Any], legacy: bool) -> Any:
    def get(camel: str) -> str:
        found = value.get(camel.lower() if legacy else camel)
        return found if isinstance(found, str) else ""

    return get


def _headline(value: dict[str, Any]) -> str:
    if isinstance(value.get("headline"), str):
        return str(value["headline"])
    headlines = [h for h in value.get("headlines") or [] if isinstance(h, dict) and h.get("value")]
    main = [h for h in headlines if h.get("role") in (None, "main", "default")]
    chosen = (main or headlines or [{}])[0]
    return str(chosen.get("value", ""))


def _body(value: dict[str, Any], source: str) -> list[Block]:
    candidates: list[tuple[str, str]] = []
    for body in value.get("bodies") or []:
        content_type = str(body.get("contentType") or body.get("contenttype") or body.get("role") or "")
        candidates.append((content_type, str(body.get("value", ""))))
    for key, content_type in (("body_html", "text/html"), ("body_xhtml", "text/html"), ("body_text", "text/plain")):
        if isinstance(value.get(key), str):
            candidates.append((content_type, value[key]))
    for content_type, text in sorted(candidates, key=lambda c: "html" not in c[0]):
        if "html" in content_type:
            found = [b for b in html_blocks(text, source) if b[0]]
        else:
            found = [(p.text, Role.BODY) for p in segment(text).paragraphs]
        if found:
            return found
    return []
