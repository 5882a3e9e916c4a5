"""TBX termbases (TBX-Basic / TBX 2008 `<martif>` and TBX v3 `<tbx>`): French terms and the English terms a
desk allows for them, for the names check.

Both versions nest a concept (`termEntry` / `conceptEntry`) > a language (`langSet` / `langSec`) > a term
(`tig`, `ntig` / `termSec`); elements are matched by local name, so either namespace (or none) reads the same.
A deprecated or superseded English term is never offered as an allowed spelling.
"""

from __future__ import annotations

from lxml import etree

from sources import xmlsafe
from sources.xmlsafe import localname
from tracker.errors import InputError
from tracker.memory import Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CONCEPTS = frozenset({"termEntry", "conceptEntry"})
_LANGS = frozenset({"langSet", "langSec"})
_TERMS = frozenset({"tig", "ntig", "termSec"})
_BANNED = ("deprecated", "superseded", "notRecommended", "obsolete")


def _status(holder: etree._Element) -> str:
    for note in holder.iter():
        if localname(note) == "termNote" and note.get("type") == "administrativeStatus":
            return (note.text or "").strip().removesuffix("-admn-sts")
    return ""


def _terms(lang_set: etree._Element) -> list[tuple[str, str]]:
    """(term, administrative status) of one language of a concept."""
    out = []
    for holder in lang_set.iter():
        if localname(holder) not in _TERMS:
            continue
        term = next((t for t in holder.iter() if localname(t) == "term"), None)
        text = " ".join("".join(map(str, term.itertext())).split()) if term is not None else ""
        if text:
            out.append((text, _status(holder)))
    return out


def _note(concept: etree._Element) -> str:
    for child in concept:
        if localname(child) in ("descrip", "note", "descripGrp"):
            return " ".join("".join(map(str, child.itertext())).split())
    return ""


def read_tbx(data: bytes, source: str, origin: str) -> tuple[list[Term], int]:
    """The French-English term pairs of a TBX file, and how many concepts had no usable pair."""
    root = xmlsafe.parse(data, source)
    if localname(root) not in ("martif", "tbx"):
        raise InputError(source, "not a TBX file (expected <martif> or <tbx>)")
    pairs: list[Term] = []
    skipped = 0
    concepts = [c for c in root.iter() if localname(c) in _CONCEPTS]
    for concept in concepts:
        langs: dict[str, list[tuple[str, str]]] = {}
        for lang_set in concept:
            if localname(lang_set) in _LANGS:
                lang = str(lang_set.get(XML_LANG, lang_set.get("lang", ""))).split("-")[0].lower()
                langs.setdefault(lang, []).extend(_terms(lang_set))
        allowed = [(t, s) for t, s in langs.get("en", []) if not s.startswith(_BANNED)]
        if not langs.get("fr") or not allowed:
            skipped += 1
            continue
        note = _note(concept)
        cid = str(concept.get("id", ""))
        pairs.extend(Term(fr, en, origin, cid, status, note) for fr, _ in langs["fr"] for en, status in allowed)
    if not concepts:
        raise InputError(source, "TBX file without concept entries")
    return pairs, skipped
