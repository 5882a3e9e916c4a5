"""XLIFF 2.1 of a story view (French source, English target, one unit per alignment row) and its return trip.

A translator works in OmegaT, memoQ or Trados and sends the file back; `read_returned` gives the units so the
service can check them against the export and make a new English revision. A row that needs work reads as
work in any tool: stale and orphaned rows are `initial` with their English kept (and a `tracker:` subState),
untranslated rows `initial` without target, omitted ones `translate="no"`, approved ones `final`; flags, the
French diff of a stale row and QA findings travel as notes, paragraph indices as metadata.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from sources import xmlsafe
from sources.xliff_units import (
    PARAGRAPH_BREAK,
    TRACKER_CATEGORIES,
    Returned,
    XliffUnit,
    english_document,
    original_of,
    row_kind,
    tracker_notes,
)
from sources.xmlsafe import localname, xml_text
from tracker.errors import InputError
from tracker.model import Document
from tracker.view import Row, StoryView, row_translator_notes, stored_notes

__all__ = ["PARAGRAPH_BREAK", "XLIFF_NS", "XliffUnit", "english_document", "read_xliff", "write_xliff"]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: XLIFF_NS, "mda": MDA_NS}
# a row's state (sources.xliff_units.row_kind) -> XLIFF 2 state: only what is done reads as done
STATES = {
    "untranslated": "initial",
    "omitted": "initial",
    "stale": "initial",
    "orphaned": "initial",
    "approved": "final",
    "confirmed": "reviewed",
    "translated": "translated",
}


def row_state(row: Row, approved: bool) -> tuple[str, str]:
    """XLIFF 2 state and tracker subState of a row: stale -> initial + tracker:stale (the English kept), ..."""
    kind = row_kind(row, approved)
    return STATES[kind], "" if kind == "translated" else f"tracker:{kind}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _unit(file: etree._Element, number: int, row: Row, approved: bool, translator: list[str]) -> None:
    state, sub_state = row_state(row, approved)
    unit = _sub(file, f"{{{XLIFF_NS}}}unit", id=f"u{number}")
    if sub_state == "tracker:omitted":
        unit.set("translate", "no")  # omitted on purpose: not work for the CAT tool to count
    metadata = _sub(unit, f"{{{MDA_NS}}}metadata")
    group = _sub(metadata, f"{{{MDA_NS}}}metaGroup", category="tracker")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(map(str, row.link.fr)), type="fr")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(map(str, row.link.en)), type="en")
    _sub(group, f"{{{MDA_NS}}}meta", row.link.kind, type="kind")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(p.hash[:16] for p in row.fr), type="fr-hash")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(p.role.value for p in row.en), type="en-role")
    notes = tracker_notes(row, translator)
    if notes:
        notes_element = _sub(unit, f"{{{XLIFF_NS}}}notes")
        for category, priority, text in notes:
            _sub(notes_element, f"{{{XLIFF_NS}}}note", text, category=category, priority=priority)
    attrs = {"id": f"s{number}", "state": state}
    if sub_state:
        attrs["subState"] = sub_state
    segment = _sub(unit, f"{{{XLIFF_NS}}}segment", **attrs)
    source = _sub(segment, f"{{{XLIFF_NS}}}source", PARAGRAPH_BREAK.join(p.text for p in row.fr))
    source.set(f"{{{XML_NS}}}space", "preserve")
    if row.en:
        target = _sub(segment, f"{{{XLIFF_NS}}}target", PARAGRAPH_BREAK.join(p.text for p in row.en))
        target.set(f"{{{XML_NS}}}space", "preserve")


def write_xliff(view: StoryView) -> bytes:
    """XLIFF 2.1 bytes of a story view: one unit per row, in reading order."""
    root = etree.Element(
        f"{{{XLIFF_NS}}}xliff",
        nsmap=NSMAP,  # type: ignore[arg-type]  # lxml takes None as the default-namespace prefix
        version="2.1",
        srcLang="fr",
        trgLang="en",
    )
    en_number = view.en.number if view.en else 0
    file = _sub(root, f"{{{XLIFF_NS}}}file", id="f1", original=original_of(view))
    notes = _sub(file, f"{{{XLIFF_NS}}}notes")
    summary = f"story {view.story.slug}: French r{view.fr.number}, English r{en_number or '-'}"
    _sub(notes, f"{{{XLIFF_NS}}}note", summary, category="tracker")
    for extra in view.notes:
        _sub(notes, f"{{{XLIFF_NS}}}note", extra, category="tracker")
    approved = bool(view.approval and view.approval.valid)
    kept = stored_notes(view.en)
    for number, row in enumerate(view.rows, start=1):
        _unit(file, number, row, approved, row_translator_notes(row, kept))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _indices(text: str | None, source: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in (text or "").split(",") if part.strip())
    except ValueError as exc:
        raise InputError(source, f"bad paragraph indices {text!r} in tracker metadata") from exc


def _text(element: etree._Element | None) -> str | None:
    """Plain text of a source or target; inline codes contribute their text, a <ph/> nothing."""
    if element is None:
        return None
    return "".join(str(text) for text in element.itertext())


def _joined(unit: etree._Element) -> tuple[str, str | None, list[etree._Element]]:
    """Source and target of a unit with its segments and ignorables joined in order, exactly as written: a CAT
    tool that splits a unit into sentences keeps the space between them in an <ignorable>, whose missing target
    means "same as the source". The target is None when no segment has one."""
    sources: list[str] = []
    targets: list[str] = []
    segments = []
    translated = False
    for part in unit:
        name = localname(part)
        if name not in ("segment", "ignorable"):
            continue
        source = _text(part.find(f"{{{XLIFF_NS}}}source")) or ""
        target = _text(part.find(f"{{{XLIFF_NS}}}target"))
        sources.append(source)
        if name == "segment":
            segments.append(part)
            translated = translated or target is not None
        targets.append(target if target is not None else source if name == "ignorable" else "")
    return "".join(sources), "".join(targets) if translated else None, segments


def _notes_of(parent: etree._Element) -> tuple[str, ...]:
    """Texts of the notes a translator wrote under `parent` (tracker's own categories left out); also those some
    tools (translate-toolkit) put under a segment, where XLIFF 2 has no notes but a translator still wrote them."""
    holders = [parent, *parent.iterfind(f"{{{XLIFF_NS}}}segment")]
    return tuple(
        text
        for holder in holders
        for notes in holder.iterfind(f"{{{XLIFF_NS}}}notes")
        for note in notes.iterfind(f"{{{XLIFF_NS}}}note")
        if note.get("category") not in TRACKER_CATEGORIES and (text := (_text(note) or "").strip())
    )


def _unit_of(unit: etree._Element, source: str) -> XliffUnit:
    meta = {m.get("type"): m.text for m in unit.iter(f"{{{MDA_NS}}}meta")}
    text, target, segments = _joined(unit)
    first = segments[0] if segments else unit
    return XliffUnit(
        id=unit.get("id", ""),
        fr=_indices(meta.get("fr"), source),
        en=_indices(meta.get("en"), source),
        source=text,
        target=target,
        state=first.get("state", "initial"),
        sub_state=first.get("subState", ""),
        en_roles=tuple(r for r in (meta.get("en-role") or "").split(",") if r),
        notes=_notes_of(unit),
        tracked="fr" in meta,
    )


def read_returned(root: etree._Element, source: str) -> Returned:
    """A parsed XLIFF 2.x file as returned by a CAT tool: the export it names and its units."""
    if localname(root) != "xliff" or not str(root.get("version", "")).startswith("2."):
        raise InputError(source, 'not an XLIFF 2.x file (expected <xliff version="2.x">)')
    src_lang = root.get("srcLang")
    if src_lang is None:
        raise InputError(source, 'XLIFF without srcLang (expected srcLang="fr")')
    if src_lang.split("-")[0].lower() != "fr":
        raise InputError(source, f"XLIFF source language is {src_lang!r}, expected French")
    units = tuple(_unit_of(unit, source) for unit in root.iter(f"{{{XLIFF_NS}}}unit"))
    if not units:
        raise InputError(source, "XLIFF file without units")
    file = root.find(f"{{{XLIFF_NS}}}file")
    original = file.get("original", "") if file is not None else ""
    file_notes = _notes_of(file) if file is not None else ()
    return Returned(source, "xliff", original, units, file_notes)


def read_xliff(data: bytes, source: str) -> list[XliffUnit]:
    """Units of an XLIFF 2.x file written by `write_xliff` and returned by a CAT tool."""
    return list(read_returned(xmlsafe.parse(data, source), source).units)


def units_of(root: etree._Element, source: str) -> list[XliffUnit]:
    """Units of a parsed XLIFF 2.x root."""
    return list(read_returned(root, source).units)


def returned_of(root: etree._Element, source: str) -> Returned:
    """A returned XLIFF of either version: 1.2 (also memoQ's and Trados' flavours) or 2.x."""
    if str(root.get("version", "")).startswith("1."):
        from sources.xliff12 import read_returned12

        return read_returned12(root, source)
    return read_returned(root, source)


def returned_document(root: etree._Element, source: str) -> Document:
    """The English revision of a returned XLIFF, with the story and French revision it was exported from."""
    returned = returned_of(root, source)
    document = english_document(returned.units, label="XLIFF return", fmt=returned.fmt)
    if not document.paragraphs:
        raise InputError(source, "XLIFF file without any English target")
    meta = dict(document.meta)
    if returned.export is not None:
        slug, fr, en = returned.export
        meta |= {"slug": slug, "frRevision": str(fr), "enRevision": str(en)}
    return replace(document, meta=tuple(sorted(meta.items())))
