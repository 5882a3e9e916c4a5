"""XLIFF 1.2 of a story view and its return trip, for the CAT tools and TMS that speak only 1.2; reads memoQ's
(`.mqxliff`) and Trados' (`.sdlxliff`: `<seg-source>`, `<mrk mtype="seg">`, `sdl:seg-defs`) flavours too.

Same rows, states and checks as XLIFF 2 (sources.xliff): stale is `needs-review-translation` and not approved,
orphaned `needs-adaptation`, untranslated an empty `needs-translation` target, omitted `translate="no"`,
approved `final`; tracker's paragraph indices ride in a `context-group` the tools carry along.
"""

from __future__ import annotations

from lxml import etree

from sources import xmlsafe
from sources.xliff_units import (
    PARAGRAPH_BREAK,
    TRANSLATOR,
    Returned,
    XliffUnit,
    original_of,
    row_kind,
    tracker_notes,
)
from sources.xmlsafe import localname, xml_text
from tracker import __version__
from tracker.errors import InputError
from tracker.view import Row, StoryView, row_translator_notes, stored_notes

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
# a row's state (sources.xliff_units.row_kind) -> XLIFF 1.2 target state (None: no target written)
STATES: dict[str, str | None] = {
    "untranslated": "needs-translation",
    "omitted": None,
    "stale": "needs-review-translation",
    "orphaned": "needs-adaptation",
    "approved": "final",
    "confirmed": "translated",
    "translated": "translated",
}
# inline elements whose content is native code, not text (XLIFF 1.2 section 2.5)
_CODE = frozenset({"ph", "bpt", "ept", "it", "sub"})
_TRACKER_CONTEXTS = ("fr", "en", "kind", "fr-hash", "en-role", "state")


def _q(tag: str) -> str:
    return f"{{{XLIFF12_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), {k.replace("_", "-"): xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _unit(body: etree._Element, number: int, row: Row, approved: bool, translator: list[str]) -> None:
    kind = row_kind(row, approved)
    state = STATES[kind]
    unit = _sub(body, "trans-unit", id=f"u{number}")
    unit.set(XML_SPACE, "preserve")
    if kind == "omitted":
        unit.set("translate", "no")  # omitted on purpose: not work for the CAT tool to count
    elif row.en:
        # translate-toolkit and most tools read a target that is not approved as fuzzy: only done rows are
        unit.set("approved", "no" if kind in ("stale", "orphaned") else "yes")
    _sub(unit, "source", PARAGRAPH_BREAK.join(p.text for p in row.fr))
    if state is not None:
        _sub(unit, "target", PARAGRAPH_BREAK.join(p.text for p in row.en), state=state)
    # context-group names are unique in a file (XLIFF 1.2 schema): one per unit
    group = _sub(unit, "context-group", name=f"tracker-u{number}", purpose="information")
    values = (
        ",".join(map(str, row.link.fr)),
        ",".join(map(str, row.link.en)),
        row.link.kind,
        ",".join(p.hash[:16] for p in row.fr),
        ",".join(p.role.value for p in row.en),
        kind,
    )
    for name, value in zip(_TRACKER_CONTEXTS, values, strict=True):
        _sub(group, "context", value, context_type=f"x-tracker-{name}")
    for category, priority, text in tracker_notes(row, translator):
        _sub(unit, "note", text, **{"from": "tracker" if category != TRANSLATOR else TRANSLATOR, "priority": priority})


def write_xliff12(view: StoryView) -> bytes:
    """XLIFF 1.2 bytes of a story view: one trans-unit per row, in reading order."""
    root = etree.Element(_q("xliff"), nsmap={None: XLIFF12_NS}, version="1.2")  # type: ignore[dict-item]
    file = _sub(
        root, "file", original=original_of(view), source_language="fr", target_language="en", datatype="plaintext",
        tool_id="tracker",
    )  # fmt: skip
    header = _sub(file, "header")
    _sub(header, "tool", tool_id="tracker", tool_name="tracker", tool_version=__version__)
    en_number = view.en.number if view.en else 0
    _sub(header, "note", f"story {view.story.slug}: French r{view.fr.number}, English r{en_number or '-'}",
         **{"from": "tracker"})  # fmt: skip
    for extra in view.notes:
        _sub(header, "note", extra, **{"from": "tracker"})
    body = _sub(file, "body")
    approved = bool(view.approval and view.approval.valid)
    kept = stored_notes(view.en)
    for number, row in enumerate(view.rows, start=1):
        _unit(body, number, row, approved, row_translator_notes(row, kept))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _text(element: etree._Element | None) -> str | None:
    """Text of a source or target: segment markers and inline groups give their text, native codes none."""
    if element is None:
        return None
    parts: list[str] = [element.text or ""]
    for child in element:
        if localname(child) not in _CODE and localname(child):
            parts.append(_text(child) or "")
        parts.append(child.tail or "")
    return "".join(parts)


def _children(parent: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in parent if localname(child) == name]


# Trados' segment confirmation levels, least advanced first
_SDL_ORDER = [
    "",
    "Draft",
    "RejectedTranslation",
    "RejectedSignOff",
    "Translated",
    "ApprovedTranslation",
    "ApprovedSignOff",
]


def _state(unit: etree._Element, target: etree._Element | None) -> str:
    """The unit's state as its tool wrote it: the target's `state`, Trados' segment confirmation, memoQ's status."""
    if target is not None and target.get("state"):
        return str(target.get("state"))
    confs = [c if (c := str(s.get("conf", ""))) in _SDL_ORDER else "" for s in unit.iter(f"{{{SDL_NS}}}seg")]
    if confs:
        return "sdl:" + min(confs, key=_SDL_ORDER.index)  # the least advanced segment says how far the unit is
    status = next((str(v) for k, v in unit.attrib.items() if str(k).endswith("}status")), None)
    return f"mq:{status}" if status else ("new" if target is None else "translated")


def _comments(unit: etree._Element, comment_defs: dict[str, list[str]]) -> list[str]:
    """memoQ comments (`mq:comment`) and Trados comments (a `sdl:cmt` marker naming a `cmt-def`)."""
    texts = [(_text(c) or "").strip() for c in unit.iter() if localname(c).lower() == "comment"]
    for marker in unit.iter():
        ref = marker.get(f"{{{SDL_NS}}}cmt")
        texts.extend(comment_defs.get(ref, []) if ref else [])
    return [t for t in texts if t]


def _unit_of(unit: etree._Element, source: str, comment_defs: dict[str, list[str]]) -> XliffUnit:
    contexts = {
        str(c.get("context-type", ""))[len("x-tracker-") :]: (c.text or "")
        for group in _children(unit, "context-group")
        if str(group.get("name", "")).startswith("tracker")
        for c in _children(group, "context")
    }
    targets = _children(unit, "target")
    target = targets[0] if targets else None
    text = _text(target)
    notes = [(_text(n) or "").strip() for n in _children(unit, "note") if n.get("from") != "tracker"]
    try:
        fr, en = (tuple(int(i) for i in contexts.get(k, "").split(",") if i.strip()) for k in ("fr", "en"))
    except ValueError as exc:
        raise InputError(source, f"bad paragraph indices in tracker context of unit {unit.get('id')!r}") from exc
    return XliffUnit(
        id=unit.get("id", ""),
        fr=fr,
        en=en,
        source=_text(next(iter(_children(unit, "source")), None)) or "",
        target=text if text else None,
        state=_state(unit, target),
        sub_state=f"tracker:{contexts['state']}" if contexts.get("state") else "",
        en_roles=tuple(r for r in contexts.get("en-role", "").split(",") if r),
        notes=tuple(n for n in [*notes, *_comments(unit, comment_defs)] if n),
        tracked="fr" in contexts,
    )


def _comment_defs(root: etree._Element) -> dict[str, list[str]]:
    """Trados keeps comment texts once per document (`cmt-def`), referenced from the segments."""
    return {
        str(d.get("id")): [(_text(c) or "").strip() for c in d.iter() if localname(c) == "Comment"]
        for d in root.iter()
        if localname(d) == "cmt-def"
    }


def read_returned12(root: etree._Element, source: str) -> Returned:
    """A parsed XLIFF 1.x file (tracker's, memoQ's or Trados') as returned: the export it names and its units."""
    if localname(root) != "xliff" or not str(root.get("version", "")).startswith("1."):
        raise InputError(source, 'not an XLIFF 1.x file (expected <xliff version="1.2">)')
    files = _children(root, "file")
    if not files:
        raise InputError(source, "XLIFF file without <file>")
    lang = str(files[0].get("source-language", ""))
    if lang.split("-")[0].lower() != "fr":
        raise InputError(source, f"XLIFF source language is {lang!r}, expected French")
    defs = _comment_defs(root)
    units = tuple(
        _unit_of(unit, source, defs)
        for file in files
        for unit in file.iter()
        if localname(unit) == "trans-unit" and _children(unit, "source")
    )
    if not units:
        raise InputError(source, "XLIFF file without units")
    header = next(iter(_children(files[0], "header")), None)
    notes = () if header is None else tuple(
        t for n in _children(header, "note") if n.get("from") != "tracker" and (t := (_text(n) or "").strip())
    )  # fmt: skip
    return Returned(source, "xliff12", str(files[0].get("original", "")), units, notes)


def read_xliff12(data: bytes, source: str) -> list[XliffUnit]:
    """Units of an XLIFF 1.2 file (tracker's, memoQ's or Trados')."""
    return list(read_returned12(xmlsafe.parse(data, source), source).units)
