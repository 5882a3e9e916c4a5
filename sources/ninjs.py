"""ninjs (IPTC News in JSON) 1.x–3.x: validated against its version's official schema, then read into a Document.

Each version keeps its body elsewhere: 1.x in `body_*` properties (`body_text`, `body_html`, `body_nitf`, the 1.6
documentation's `body_main`/`body_richtext`) beside `headline`/`headline_*`; 2.x and 3.x in `bodies` and
`headlines` lists (`contenttype` in 2.x, `contentType` in 3.x). A NITF body is parsed as NITF.
"""

from __future__ import annotations

import json
from typing import Any

from sources.blocks import Block, build
from sources.markup import kind_of, text_blocks
from sources.newsml_g2 import label_for
from sources.ninjs_schema import detect_major, first_error
from sources.xmlsafe import check_size
from tracker.errors import InputError
from tracker.model import Document


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
    major = detect_major(value)
    error = first_error(value, major)
    if error:
        raise InputError(source, f"ninjs {major}.x schema violation: {error}")
    get = _getter(value, major)
    meta = {
        "format": "ninjs",
        "ninjs": str(major),
        "guid": value["uri"],
        "version": str(value.get("version", "")),
        "versionCreated": get("versionCreated"),
        "firstCreated": get("firstCreated"),
        "pubStatus": get("pubStatus") or "usable",
        "edNote": get("edNote"),
        "slug": str(value.get("slugline", "")),
        "headline": _headline(value),
        "urgency": _urgency(value.get("urgency")),
        "embargoed": get("embargoedUntil") if major >= 3 else str(value.get("embargoed", "")),
        "signals": ",".join(_signal_codes(value.get("signals"), get("edNote"))),
    }
    found = _body(value, source)
    if not meta["headline"] and not found and meta["pubStatus"] != "canceled":
        raise InputError(source, "ninjs item without text (no headline and no body)")
    lang = value.get("language") if isinstance(value.get("language"), str) else None
    return build(found, headline=meta["headline"] or None, label=label_for(meta), lang=lang, meta=meta)


def _getter(value: dict[str, Any], major: int) -> Any:
    def get(camel: str) -> str:
        found = value.get(camel if major >= 3 else camel.lower())
        return found if isinstance(found, str) else ""

    return get


def _urgency(value: object) -> str:
    """ninjs urgency, 1 (flash) to 9, as text; anything else (a 5,000-digit integer included) is no urgency."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9 else ""


def _signal_codes(signals: object, ed_note: str = "") -> list[str]:
    """`signals` ({name, uri} objects or strings; the code after the scheme, e.g. correction), which no published
    ninjs schema lists, so a valid item says a correction the way wire desks write it: an edNote that starts
    CORRECTS or CORRECTION (as NewsML 1.2 advisories do)."""
    out = ["correction"] if ed_note.strip().upper().startswith(("CORRECTS", "CORRECTION")) else []
    if not isinstance(signals, list):
        return out
    for signal in signals:
        raw = (
            signal
            if isinstance(signal, str)
            else (signal.get("uri") or signal.get("name"))
            if isinstance(signal, dict)
            else ""
        )
        code = str(raw or "").rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip().lower()
        if code:
            out.append(code)
    return out


def _headline(value: dict[str, Any]) -> str:
    """`headline` (1.x), else `headline_main` or another `headline_*` (1.3+), else the main of `headlines`."""
    if isinstance(value.get("headline"), str):
        return str(value["headline"])
    extra = [k for k in value if k.startswith("headline_") and isinstance(value[k], str) and value[k].strip()]
    if extra:
        return str(value["headline_main" if "headline_main" in extra else extra[0]])
    headlines = [h for h in value.get("headlines") or [] if isinstance(h, dict) and h.get("value")]
    main = [h for h in headlines if h.get("role") in (None, "main", "default")]
    chosen = (main or headlines or [{}])[0]
    return str(chosen.get("value", ""))


# Bodies by what they hold: structure (NITF, then HTML) before plain text; other content types never.
_PREFERENCE = {"nitf": 0, "html": 1, "text": 2}


def _body(value: dict[str, Any], source: str) -> list[Block]:
    """Blocks of the first body that holds text, structured bodies first."""
    candidates: list[tuple[str, str]] = []
    for body in value.get("bodies") or []:
        if isinstance(body, dict) and isinstance(body.get("value"), str):
            hints = " ".join(str(body.get(k) or "") for k in ("contentType", "contenttype", "role"))
            candidates.append((hints, body["value"]))
    candidates += [(key, text) for key, text in value.items() if key.startswith("body_") and isinstance(text, str)]
    kinds = [(kind_of(hints, text), text) for hints, text in candidates if text.strip()]
    problems: list[InputError] = []
    for kind, text in sorted((c for c in kinds if c[0] in _PREFERENCE), key=lambda c: _PREFERENCE[c[0]]):
        try:
            found = [b for b in text_blocks(text, source, kind) if b[0]]
        except InputError as exc:
            problems.append(exc)  # another body of the item may still be readable
            continue
        if found:
            return found
    if problems:
        raise InputError(source, f"ninjs body unreadable: {problems[0].problem}")
    return []
