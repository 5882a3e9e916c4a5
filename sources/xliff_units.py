"""What XLIFF 1.2 and 2.x exports share: a row's state in words CAT tools understand, tracker's notes, the
units a returned file holds, the English revision they make, and how a return differs from its export.

A row's state is named once here (untranslated, omitted, stale, ...) and each format maps the name to its own
vocabulary, so XLIFF 1.2 and 2.x can never disagree on what a row is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.model import Change, Document, Flag, Paragraph, Role
from tracker.view import Row, StoryView

# Paragraphs of one row are joined by a line break inside a unit and split again on the way back.
PARAGRAPH_BREAK = "\n"
# Notes tracker writes from what it derives; on the way back they are dropped (the return derives them again).
TRACKER_CATEGORIES = frozenset({"tracker", "flag", "qa", "diff"})
# Category of a note a translator wrote in a CAT tool, when tracker writes it out again.
TRANSLATOR = "translator"
_ROLES = frozenset(r.value for r in Role)
ORIGINAL = re.compile(r"^(?P<slug>[^/]+)/fr(?P<fr>\d+)-en(?P<en>\d+)$")


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
    notes: tuple[str, ...] = ()  # notes a translator wrote (tracker's own are left out)
    tracked: bool = True  # the unit carries tracker's paragraph metadata

    @property
    def target_paragraphs(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in (self.target or "").split(PARAGRAPH_BREAK) if p.strip())


@dataclass(frozen=True, slots=True)
class Returned:
    """A returned XLIFF file: the export it names (`original` = slug/frN-enM) and its units in file order."""

    source: str
    fmt: str  # "xliff" (2.x) or "xliff12"
    original: str
    units: tuple[XliffUnit, ...]
    file_notes: tuple[str, ...] = ()

    @property
    def export(self) -> tuple[str, int, int] | None:
        """(story, French revision, English revision or 0) the file was exported from, if tracker wrote it."""
        match = ORIGINAL.match(self.original)
        return (match["slug"], int(match["fr"]), int(match["en"])) if match else None


def original_of(view: StoryView) -> str:
    return f"{view.story.slug}/fr{view.fr.number}-en{view.en.number if view.en else 0}"


def row_kind(row: Row, approved: bool) -> str:
    """A row's state in one word: untranslated, omitted, stale, orphaned, approved, confirmed or translated."""
    open_flags = {f.kind for f in row.flags if not f.acknowledged}
    if not row.en:
        # only an open untranslated flag is work: acknowledged omissions and desk signatures are not
        return "untranslated" if "untranslated" in open_flags else "omitted"
    # a correction is a stale the agency asked for; a kill's English must be withdrawn: neither is done work
    if open_flags & {"stale", "correction", "withdraw"}:
        return "stale"
    if "orphaned" in open_flags:
        return "orphaned"
    if approved:
        return "approved"
    if row.link.confirmed or any(f.acknowledged for f in row.flags):
        return "confirmed"
    return "translated"


def _words(change: Change) -> str:
    """A French change as one line, wdiff style: [-removed-]{+added+}."""
    if not change.words:
        return "; ".join(change.reasons) or change.kind
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in change.words)


def diff_note(flag: Flag) -> str:
    """The French diff since the English's base, for the translator: what to carry over into the English."""
    since = f" (since French r{flag.since})" if flag.since else ""
    changes = [c for c in flag.changes if c.kind != "unchanged"]
    body = " | ".join(_words(c) for c in changes) or "; ".join(flag.reasons)
    return f"French changed{since}: {body}"


def tracker_notes(row: Row, translator: Sequence[str] = ()) -> list[tuple[str, str, str]]:
    """(category, priority, text) of each note of a row: flags, the French diff of a stale row, QA findings,
    then the translator's own notes kept from earlier returns."""
    notes = []
    for flag in row.flags:
        state = " (acknowledged)" if flag.acknowledged else ""
        reasons = f": {', '.join(flag.reasons)}" if flag.reasons else ""
        notes.append(("flag", "2" if flag.acknowledged else "1", f"{flag.kind}{state}{reasons}"))
        if flag.kind in ("stale", "correction") and not flag.acknowledged:
            notes.append(("diff", "1", diff_note(flag)))
    for finding in row.findings:
        waived = " (waived)" if finding.waived else ""
        priority = {"error": "1", "warning": "3", "info": "7"}[finding.severity]
        notes.append(("qa", priority, f"{finding.check} {finding.severity}{waived}: {finding.message}"))
    notes.extend((TRANSLATOR, "5", text) for text in translator)
    return notes


def english_document(units: Sequence[XliffUnit], *, label: str | None = None, fmt: str = "xliff") -> Document:
    """The English revision a returned XLIFF describes: targets in unit order, one paragraph per line; the
    translator's notes go into the revision's metadata, anchored on the English paragraphs of their unit."""
    found: list[tuple[str, Role]] = []
    notes: list[dict[str, object]] = []
    for unit in units:
        texts = unit.target_paragraphs
        # roles survive when the translator kept the row's paragraph count
        roles = unit.en_roles if len(unit.en_roles) == len(texts) else ("",) * len(texts)
        start = len(found)
        found.extend(
            (text, Role(role) if role in _ROLES else Role.BODY) for text, role in zip(texts, roles, strict=True)
        )
        anchors = list(range(start, len(found))) or ([start - 1] if start else [])
        notes.extend({"en": anchors, "unit": unit.id, "text": text} for text in unit.notes)
    paragraphs = tuple(Paragraph(index=i, text=text, role=role) for i, (text, role) in enumerate(found))
    meta = [("format", fmt)]
    if notes:
        meta.append(("notes", json.dumps(notes, ensure_ascii=False)))
    return Document(paragraphs=paragraphs, label=label, lang="en", meta=tuple(meta))


@dataclass(frozen=True, slots=True)
class Comparison:
    """How a returned file differs from the export it names; `units` are what the English is made of."""

    differences: tuple[str, ...]
    units: tuple[XliffUnit, ...] = field(default=())


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def compare(returned: Sequence[XliffUnit], exported: Sequence[XliffUnit]) -> Comparison:
    """Differences between a returned file's units and the export's (ids, French indices, source texts, count),
    and the units an import forced past them would use: the returned ones, with every missing unit put back
    as exported (its English kept as it was) at its place."""
    differences: list[str] = []
    by_id = {u.id: u for u in exported}
    seen: set[str] = set()
    for unit in returned:
        theirs = by_id.get(unit.id)
        if unit.id in seen:
            differences.append(f"unit {unit.id} appears twice")
        elif theirs is None:
            differences.append(f"unit {unit.id or '(no id)'} was not in the export")
        elif " ".join(unit.source.split()) != " ".join(theirs.source.split()):
            differences.append(f"unit {unit.id} source changed: {_short(theirs.source)} -> {_short(unit.source)}")
        elif unit.tracked and (unit.fr, unit.en) != (theirs.fr, theirs.en):
            differences.append(f"unit {unit.id} stands for other paragraphs than exported")
        seen.add(unit.id)
    missing = [u for u in exported if u.id not in seen]
    differences += [f"unit {u.id} missing (French {_short(u.source)})" for u in missing if u.source or u.target]
    if len(returned) != len(exported):
        differences.append(f"{len(returned)} units returned, {len(exported)} exported")
    return Comparison(tuple(differences), _merged(returned, exported, by_id))


def _merged(
    returned: Sequence[XliffUnit], exported: Sequence[XliffUnit], by_id: dict[str, XliffUnit]
) -> tuple[XliffUnit, ...]:
    """Returned units (known ones take the export's paragraph metadata), with missing exported units put back
    before the first returned unit that came after them in the export."""
    position = {u.id: n for n, u in enumerate(exported)}
    present = {u.id for u in returned}
    pending = [u for u in exported if u.id not in present]
    out: list[XliffUnit] = []
    for unit in returned:
        here = position.get(unit.id)
        while here is not None and pending and position[pending[0].id] < here:
            out.append(pending.pop(0))
        known = by_id.get(unit.id)
        if known is not None and not unit.tracked:
            unit = XliffUnit(unit.id, known.fr, known.en, unit.source, unit.target, unit.state, unit.sub_state,
                             known.en_roles, unit.notes)  # fmt: skip
        out.append(unit)
    return (*out, *pending)
