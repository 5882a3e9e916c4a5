"""XLIFF 2.1 of a story view (French source, English target, one unit per alignment row) and its return trip.

A translator works in OmegaT, memoQ or Trados and sends the file back; `read_xliff` gives the English texts per
unit so the service can make a new English revision. Row state travels as XLIFF `state` plus a `tracker:`
subState (stale has no XLIFF 2 state of its own), flags and QA findings as notes, paragraph indices as metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lxml import etree

from sources import xmlsafe
from sources.xmlsafe import localname, xml_text
from tracker.errors import InputError
from tracker.model import Document, Paragraph, Role
from tracker.view import Row, StoryView

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: XLIFF_NS, "mda": MDA_NS}
# Paragraphs of one row are joined by a line break inside a segment and split again on the way back.
PARAGRAPH_BREAK = "\n"
_ROLES = frozenset(r.value for r in Role)


@dataclass(frozen=True, slots=True)
class XliffUnit:
    """One unit of a returned XLIFF file: which paragraphs it stands for and what the translator left in it."""

    id: str
    fr: tuple[int, ...]
    en: tuple[int, ...]
    source: str
    target: str | None
    state: str
    sub_state: str = ""
    en_roles: tuple[str, ...] = ()

    @property
    def target_paragraphs(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in (self.target or "").split(PARAGRAPH_BREAK) if p.strip())


def row_state(row: Row, approved: bool) -> tuple[str, str]:
    """XLIFF state and tracker subState of a row: no English -> initial, stale -> translated + stale, ..."""
    open_flags = {f.kind for f in row.flags if not f.acknowledged}
    if not row.en:
        return "initial", "tracker:omitted" if not row.fr else "tracker:untranslated"
    if "stale" in open_flags:
        return "translated", "tracker:stale"
    if "orphaned" in open_flags:
        return "translated", "tracker:orphaned"
    if approved:
        return "final", "tracker:approved"
    if row.link.confirmed or any(f.acknowledged for f in row.flags):
        return "reviewed", "tracker:confirmed"
    return "translated", ""


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _notes(row: Row) -> list[tuple[str, str, str]]:
    """(category, priority, text) of each flag and QA finding on the row."""
    notes = []
    for flag in row.flags:
        state = " (acknowledged)" if flag.acknowledged else ""
        reasons = f": {', '.join(flag.reasons)}" if flag.reasons else ""
        notes.append(("flag", "2" if flag.acknowledged else "1", f"{flag.kind}{state}{reasons}"))
    for finding in row.findings:
        waived = " (waived)" if finding.waived else ""
        priority = {"error": "1", "warning": "3", "info": "7"}[finding.severity]
        notes.append(("qa", priority, f"{finding.check} {finding.severity}{waived}: {finding.message}"))
    return notes


def _unit(file: etree._Element, number: int, row: Row, approved: bool) -> None:
    unit = _sub(file, f"{{{XLIFF_NS}}}unit", id=f"u{number}")
    metadata = _sub(unit, f"{{{MDA_NS}}}metadata")
    group = _sub(metadata, f"{{{MDA_NS}}}metaGroup", category="tracker")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(map(str, row.link.fr)), type="fr")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(map(str, row.link.en)), type="en")
    _sub(group, f"{{{MDA_NS}}}meta", row.link.kind, type="kind")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(p.hash[:16] for p in row.fr), type="fr-hash")
    _sub(group, f"{{{MDA_NS}}}meta", ",".join(p.role.value for p in row.en), type="en-role")
    notes = _notes(row)
    if notes:
        notes_element = _sub(unit, f"{{{XLIFF_NS}}}notes")
        for category, priority, text in notes:
            _sub(notes_element, f"{{{XLIFF_NS}}}note", text, category=category, priority=priority)
    state, sub_state = row_state(row, approved)
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
    file = _sub(root, f"{{{XLIFF_NS}}}file", id="f1", original=f"{view.story.slug}/fr{view.fr.number}-en{en_number}")
    notes = _sub(file, f"{{{XLIFF_NS}}}notes")
    summary = f"story {view.story.slug}: French r{view.fr.number}, English r{en_number or '-'}"
    _sub(notes, f"{{{XLIFF_NS}}}note", summary, category="tracker")
    for extra in view.notes:
        _sub(notes, f"{{{XLIFF_NS}}}note", extra, category="tracker")
    approved = bool(view.approval and view.approval.valid)
    for number, row in enumerate(view.rows, start=1):
        _unit(file, number, row, approved)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _indices(text: str | None, source: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in (text or "").split(",") if part.strip())
    except ValueError as exc:
        raise InputError(source, f"bad paragraph indices {text!r} in tracker metadata") from exc


def _segment_text(element: etree._Element | None) -> str | None:
    """Plain text of a source or target; inline codes contribute their text, a <ph/> nothing."""
    if element is None:
        return None
    return "".join(str(text) for text in element.itertext())


def read_xliff(data: bytes, source: str) -> list[XliffUnit]:
    """Units of an XLIFF 2.x file written by `write_xliff` and returned by a CAT tool."""
    return units_of(xmlsafe.parse(data, source), source)


def units_of(root: etree._Element, source: str) -> list[XliffUnit]:
    """Units of a parsed XLIFF 2.x root."""
    if localname(root) != "xliff" or not str(root.get("version", "")).startswith("2."):
        raise InputError(source, 'not an XLIFF 2.x file (expected <xliff version="2.x">)')
    src_lang = root.get("srcLang")
    if src_lang is None:
        raise InputError(source, 'XLIFF without srcLang (expected srcLang="fr")')
    if src_lang.split("-")[0] != "fr":
        raise InputError(source, f"XLIFF source language is {src_lang!r}, expected French")
    units = []
    for unit in root.iter(f"{{{XLIFF_NS}}}unit"):
        meta = {m.get("type"): m.text for m in unit.iter(f"{{{MDA_NS}}}meta")}
        segments = list(unit.iter(f"{{{XLIFF_NS}}}segment"))
        sources = [_segment_text(s.find(f"{{{XLIFF_NS}}}source")) or "" for s in segments]
        targets = [_segment_text(s.find(f"{{{XLIFF_NS}}}target")) for s in segments]
        target = None if all(t is None for t in targets) else "".join(t or "" for t in targets)
        first = segments[0] if segments else unit
        units.append(
            XliffUnit(
                id=unit.get("id", ""),
                fr=_indices(meta.get("fr"), source),
                en=_indices(meta.get("en"), source),
                source="".join(sources),
                target=target,
                state=first.get("state", "initial"),
                sub_state=first.get("subState", ""),
                en_roles=tuple(r for r in (meta.get("en-role") or "").split(",") if r),
            )
        )
    if not units:
        raise InputError(source, "XLIFF file without units")
    return units


def english_document(units: Sequence[XliffUnit], *, label: str | None = None) -> Document:
    """The English revision a returned XLIFF describes: targets in unit order, one paragraph per line."""
    found: list[tuple[str, Role]] = []
    for unit in units:
        texts = unit.target_paragraphs
        # roles survive when the translator kept the row's paragraph count
        roles = unit.en_roles if len(unit.en_roles) == len(texts) else ("",) * len(texts)
        pairs = zip(texts, roles, strict=True)
        found.extend((text, Role(role) if role in _ROLES else Role.BODY) for text, role in pairs)
    paragraphs = tuple(Paragraph(index=i, text=text, role=role) for i, (text, role) in enumerate(found))
    return Document(paragraphs=paragraphs, label=label, lang="en", meta=(("format", "xliff"),))


_ORIGINAL = re.compile(r"^(?P<slug>[^/]+)/fr(?P<fr>\d+)-en(?P<en>\d+)$")


def returned_document(root: etree._Element, source: str) -> Document:
    """The English revision of a returned XLIFF, with the story and French revision it was exported from."""
    document = english_document(units_of(root, source), label="XLIFF return")
    if not document.paragraphs:
        raise InputError(source, "XLIFF file without any English target")
    file = root.find(f"{{{XLIFF_NS}}}file")
    match = _ORIGINAL.match(file.get("original", "") if file is not None else "")
    meta = dict(document.meta)
    if match:
        meta |= {"slug": match["slug"], "frRevision": match["fr"], "enRevision": match["en"]}
    return replace(document, meta=tuple(sorted(meta.items())))
