"""TMX 1.4 translation memory out (confirmed one-to-one links whose English is up to date) and in (a CAT tool's
or an earlier desk's memory, read as language pairs with who, when and where they came from).

Only confirmed 1-1 links go out: a person vouched for them, and a memory of merged or split paragraphs would
teach a CAT tool wrong segment pairs. A stale English goes out beside the French it was written from, never the
current French; when that French cannot be recovered the pair is left out, and the header says how many were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from sources import xmlsafe
from sources.xmlsafe import localname, xml_text
from tracker import __version__
from tracker.errors import InputError
from tracker.model import Change
from tracker.view import Row, StoryView

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LEFT_OUT = "x-tracker-left-out"


def tmx_time(at: datetime) -> str:
    """TMX's basic ISO 8601 UTC form: 20261126T120000Z."""
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _old_text(change: Change) -> str | None:
    """The text a change started from (its `=` and `-` pieces), when it is one paragraph's."""
    if len(change.old) != 1 or not change.words:
        return None
    return "".join(text for op, text in change.words if op != "+")


def french_written_from(row: Row) -> str | None:
    """The French the row's English is up to date with: the current one, or for a stale row the one it was
    written from; None when the English stands for no French any more or that French is unknown."""
    open_flags = [f for f in row.flags if not f.acknowledged]
    if any(f.kind in ("orphaned", "withdraw") for f in open_flags):  # withdrawn English is not for reuse
        return None
    stale = [f for f in open_flags if f.kind in ("stale", "correction")]
    if not stale:
        return row.fr[0].text
    changes = [c for f in stale for c in f.changes if c.kind != "unchanged"]
    olds = {_old_text(c) for c in changes}
    return olds.pop() if len(changes) >= 1 and len(olds) == 1 and None not in olds else None


def write_tmx(views: Iterable[StoryView], *, at: datetime, by: str) -> bytes:
    """TMX 1.4 bytes holding one translation unit per confirmed 1-1 link of each view whose English is up to
    date with its French (see `french_written_from`); the header's `x-tracker-left-out` counts the others."""
    root = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "tracker",
        "creationtoolversion": __version__,
        "segtype": "paragraph",
        "o-tmf": "tracker",
        "adminlang": "en",
        "srclang": "fr",
        "datatype": "plaintext",
        "creationdate": tmx_time(at),
        "creationid": xml_text(by),
    }
    head = etree.SubElement(root, "header", header)
    body = etree.SubElement(root, "body")
    left_out = 0
    for view in views:
        if view.en is None:
            continue
        for row in view.rows:
            if not (row.link.confirmed and row.link.kind == "1-1"):
                continue
            french = french_written_from(row)
            if french is None:
                left_out += 1
                continue
            tu = etree.SubElement(body, "tu", tuid=f"{view.story.slug}:fr{row.fr[0].index}:en{row.en[0].index}")
            tu.set("creationdate", tmx_time(at))
            tu.set("creationid", xml_text(by))
            prop = etree.SubElement(tu, "prop", type="x-story")
            prop.text = xml_text(view.story.slug)
            for lang, text in (("fr", french), ("en", row.en[0].text)):
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = xml_text(text)
    # TMX 1.4: a header's notes come before its props
    note = etree.SubElement(head, "note")
    note.text = f"{left_out} confirmed pair(s) left out: their English is not up to date with any known French"
    etree.SubElement(head, "prop", type=LEFT_OUT).text = str(left_out)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def left_out(data: bytes) -> int:
    """How many pairs a TMX written by `write_tmx` left out."""
    value = etree.fromstring(data, xmlsafe.make_parser()).findtext(f"header/prop[@type='{LEFT_OUT}']")
    return int(value) if value and value.isdigit() else 0


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One translation unit of a memory: French and English texts, who made it and when, where it came from."""

    fr: str
    en: str
    tuid: str = ""
    created_at: datetime | None = None
    created_by: str = ""
    props: tuple[tuple[str, str], ...] = ()


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None  # a tool that writes another date form loses only the date, never the pair


def _seg_text(tuv: etree._Element) -> str:
    seg = next((c for c in tuv if localname(c) == "seg"), None)
    if seg is None:
        return ""
    # inline codes (bpt, ept, ph, it, hi's markup) carry native code, not text; hi and sub carry text
    parts = [seg.text or ""]
    for child in seg.iter():
        if child is seg:
            continue
        if localname(child) in ("hi", "sub") and child.text:
            parts.append(child.text)
        parts.append(child.tail or "")
    return "".join(parts).strip()


def read_tmx_units(data: bytes, source: str) -> tuple[dict[str, str], list[TmxUnit]]:
    """The header (attributes) and French-English units of a TMX file; units without both languages are skipped."""
    root = xmlsafe.parse(data, source)
    if localname(root) != "tmx":
        raise InputError(source, "not a TMX file (expected <tmx>)")
    header = next((c for c in root if localname(c) == "header"), None)
    attrs = {str(k): str(v) for k, v in (header.attrib.items() if header is not None else [])}
    units = []
    for tu in root.iter("tu"):
        segs: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            lang = str(tuv.get(XML_LANG, tuv.get("lang", ""))).split("-")[0].lower()
            segs.setdefault(lang, _seg_text(tuv))
        if segs.get("fr") and segs.get("en"):
            props = tuple((str(p.get("type", "")), p.text or "") for p in tu if localname(p) == "prop")
            when = _when(tu.get("changedate") or tu.get("creationdate"))
            by = str(tu.get("changeid") or tu.get("creationid") or "")
            units.append(TmxUnit(segs["fr"], segs["en"], str(tu.get("tuid", "")), when, by, props))
    return attrs, units


def read_tmx(data: bytes, source: str) -> list[tuple[str, str]]:
    """(French, English) segment pairs of a TMX file."""
    return [(u.fr, u.en) for u in read_tmx_units(data, source)[1]]
