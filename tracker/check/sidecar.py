"""The story folder's sidecar file (`tracker.json`): the decisions needed to judge a folder, bound to content hashes.

Parsing validates every field and names the file and the problem; serialising is deterministic (fixed key order,
one entry per line, entries sorted by their hashes) so the file reviews well and merges cleanly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from tracker.check.fields import (
    HashLink,
    Reader,
    SidecarError,
    read_ack,
    read_adapted_from,
    read_approval,
    read_files,
    read_link,
    read_waiver,
)
from tracker.model import Acknowledgement, Approval, Waiver
from tracker.wire_flags import Withdrawal

__all__ = [
    "FILENAME",
    "FORMAT",
    "VERSION",
    "Decision",
    "HashLink",
    "Sidecar",
    "SidecarError",
    "canonical",
    "decision_key",
    "decision_payload",
    "dumps",
    "parse",
]

FILENAME = "tracker.json"
FORMAT = "tracker-sidecar"
VERSION = 1
_EXCERPT = 60
_TOP_KEYS = (
    "format",
    "version",
    "story",
    "files",
    "adapted_from",
    "links",
    "acknowledgements",
    "waivers",
    "approvals",
    "withdrawals",
)


@dataclass(frozen=True, slots=True)
class Sidecar:
    """Everything a story folder records besides its texts; `adapted_from` is None when never recorded."""

    story: str = ""
    files: tuple[tuple[str, str], ...] = ()
    adapted_from: tuple[str, ...] | None = None
    links: tuple[HashLink, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    approvals: tuple[Approval, ...] = ()
    # The French paragraph texts behind `adapted_from` hashes, when the file carries them: a copy of content,
    # not a decision, so it takes no part in equality.
    adapted_texts: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # SSH signatures of decisions, keyed by `decision_key`: who vouches for an entry, not a decision itself.
    signatures: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # editors' records that the English of a story the agency killed was taken down, bound to the killed French
    withdrawals: tuple[Withdrawal, ...] = ()

    def signature_of(self, decision: Decision) -> str | None:
        """The signature the file carries for a decision, if any."""
        return dict(self.signatures).get(decision_key(decision))

    def file_for(self, lang: str) -> str | None:
        """The file name the sidecar gives for a language, if any."""
        return dict(self.files).get(lang)


# ---------------------------------------------------------------- reading


def parse(text: str, source: str = FILENAME) -> Sidecar:
    """A sidecar from its JSON text; raises SidecarError naming `source`, the field and the problem."""
    r = Reader(source, text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"line {exc.lineno} column {exc.colno}: invalid JSON: {exc.msg}"
        raise SidecarError(source, problem, exc.lineno) from exc
    except RecursionError as exc:  # 100k nested brackets: no sidecar nests more than a few levels
        raise SidecarError(source, "invalid JSON: nested too deeply", 1) from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise SidecarError(source, f"invalid JSON: {exc}"[:200], 1) from exc
    top = r.obj(data, "", required=("format", "version"), optional=_TOP_KEYS)
    if top["format"] != FORMAT:
        raise r.fail("format", f"must be {FORMAT!r}, found {top['format']!r}")
    version = r.int_(top["version"], "version")
    if version > VERSION:
        raise r.fail("version", f"{version} is newer than this tracker reads ({VERSION}); upgrade the tracker")
    if version < 1:
        raise r.fail("version", "must be at least 1")
    story = r.str_(top.get("story", ""), "story")
    files = read_files(r, top.get("files", {}))
    adapted, adapted_texts = read_adapted_from(r, top["adapted_from"]) if "adapted_from" in top else (None, ())
    links = tuple(read_link(r, v, f"links[{i}]") for i, v in enumerate(r.list_(top.get("links", []), "links")))
    acks = tuple(
        read_ack(r, v, f"acknowledgements[{i}]", story)
        for i, v in enumerate(r.list_(top.get("acknowledgements", []), "acknowledgements"))
    )
    waivers = tuple(
        read_waiver(r, v, f"waivers[{i}]", story) for i, v in enumerate(r.list_(top.get("waivers", []), "waivers"))
    )
    approvals = tuple(
        read_approval(r, v, f"approvals[{i}]", story)
        for i, v in enumerate(r.list_(top.get("approvals", []), "approvals"))
    )
    signatures = []
    groups: tuple[tuple[str, Sequence[Decision]], ...] = (
        ("acknowledgements", acks),
        ("waivers", waivers),
        ("approvals", approvals),
    )
    for name, decisions in groups:
        for i, (value, decision) in enumerate(zip(top.get(name, []), decisions, strict=True)):
            if "signature" in value:
                signatures.append((decision_key(decision), r.str_(value["signature"], f"{name}[{i}].signature")))
    withdrawals = tuple(
        _read_withdrawal(r, v, f"withdrawals[{i}]", story)
        for i, v in enumerate(r.list_(top.get("withdrawals", []), "withdrawals"))
    )
    return Sidecar(
        story, files, adapted, links, acks, waivers, approvals, adapted_texts, tuple(signatures), withdrawals
    )


def _read_withdrawal(r: Reader, value: Any, where: str, story: str) -> Withdrawal:
    obj = r.obj(value, where, required=("fr_hash", "by", "at", "note"), optional=())
    note = r.str_(obj["note"], f"{where}.note")
    if not note.strip():
        raise r.fail(f"{where}.note", "must say how the English was taken down")
    at = r.time(obj["at"], f"{where}.at")
    return Withdrawal(story, 0, r.hash_(obj["fr_hash"], f"{where}.fr_hash"), r.str_(obj["by"], f"{where}.by"), at, note)


Decision = Acknowledgement | Waiver | Approval


def decision_payload(decision: Decision) -> str:
    """The canonical text of a decision, as its signature signs it (the line the file holds, without excerpt)."""
    if isinstance(decision, Acknowledgement):
        return _line(_ack_obj(decision, {}))
    if isinstance(decision, Waiver):
        return _line(_waiver_obj(decision, {}))
    return _line(_approval_obj(decision))


def decision_key(decision: Decision) -> str:
    """The key a decision's signature is filed under: the hash of its canonical text."""
    return hashlib.sha256(decision_payload(decision).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- writing


def _time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _excerpt(texts: Mapping[str, str], hashes: Sequence[str]) -> str | None:
    known = [texts[h] for h in hashes if h in texts]
    if not known:
        return None
    text = " / ".join(known)
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"


def _entry(obj: dict[str, Any], texts: Mapping[str, str], hashes: Sequence[str]) -> dict[str, Any]:
    excerpt = _excerpt(texts, hashes)
    if excerpt is not None:
        obj["excerpt"] = excerpt
    return obj


def _line(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def _block(name: str, lines: Sequence[str]) -> str:
    if not lines:
        return f'  "{name}": []'
    return f'  "{name}": [\n' + ",\n".join(f"    {line}" for line in lines) + "\n  ]"


def canonical(sidecar: Sidecar) -> Sidecar:
    """The same decisions in canonical order, duplicates dropped: what `dumps` writes and `parse` reads back.

    Entries sort by their main key, then by their whole serialised form, so any input order writes the same file.
    """
    return replace(
        sidecar,
        files=tuple(sorted(sidecar.files)),
        links=tuple(sorted(set(sidecar.links), key=lambda lk: (lk.en, lk.fr))),
        acknowledgements=tuple(
            sorted(set(sidecar.acknowledgements), key=lambda a: (a.fr_hash, _line(_ack_obj(a, {}))))
        ),
        waivers=tuple(sorted(set(sidecar.waivers), key=lambda w: (w.check, _line(_waiver_obj(w, {}))))),
        approvals=tuple(sorted(set(sidecar.approvals), key=lambda a: (a.at, _line(_approval_obj(a))))),
        withdrawals=tuple(sorted(set(sidecar.withdrawals), key=lambda w: (w.at, w.fr_hash, w.by, w.note))),
    )


def dumps(sidecar: Sidecar, texts: Mapping[str, str] | None = None) -> str:
    """Deterministic JSON text of a sidecar.

    `texts` (hash -> paragraph text) adds excerpts readers can skim, and the full French paragraphs the English
    was adapted from, so the folder can be judged even where git history does not reach.
    """
    texts = texts or {}
    s = canonical(sidecar)
    head = [
        f'  "format": "{FORMAT}"',
        f'  "version": {VERSION}',
        f'  "story": {json.dumps(s.story, ensure_ascii=False)}',
    ]
    head.append(f'  "files": {_line(dict(s.files))}')
    blocks = list(head)
    if s.adapted_from is not None:
        known = {**dict(s.adapted_texts), **texts}
        entries = [{"hash": h, "text": known[h]} if h in known else {"hash": h} for h in s.adapted_from]
        blocks.append(_block("adapted_from", [_line(entry) for entry in entries]))
    blocks.append(
        _block(
            "links", [_line(_entry({"fr": list(lk.fr), "en": list(lk.en)}, texts, lk.en or lk.fr)) for lk in s.links]
        )
    )
    signed = dict(s.signatures)

    def entry(obj: dict[str, Any], decision: Decision) -> str:
        signature = signed.get(decision_key(decision))
        return _line(obj if signature is None else {**obj, "signature": signature})

    blocks.append(_block("acknowledgements", [entry(_ack_obj(a, texts), a) for a in s.acknowledgements]))
    blocks.append(_block("waivers", [entry(_waiver_obj(w, texts), w) for w in s.waivers]))
    blocks.append(_block("approvals", [entry(_approval_obj(a), a) for a in s.approvals]))
    if s.withdrawals:  # written only when there is one, so the sidecars of stories never killed stay as they were
        made = [{"fr_hash": w.fr_hash, "by": w.by, "at": _time(w.at), "note": w.note} for w in s.withdrawals]
        blocks.append(_block("withdrawals", [_line(obj) for obj in made]))
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def _ack_obj(a: Acknowledgement, texts: Mapping[str, str]) -> dict[str, Any]:
    obj: dict[str, Any] = {"fr": a.fr_hash, "kind": a.kind, "by": a.by, "at": _time(a.at)}
    if a.note:
        obj["note"] = a.note
    return _entry(obj, texts, [a.fr_hash])


def _waiver_obj(w: Waiver, texts: Mapping[str, str]) -> dict[str, Any]:
    obj = {
        "check": w.check,
        "fr": list(w.fr_hashes),
        "en": list(w.en_hashes),
        "by": w.by,
        "at": _time(w.at),
        "reason": w.reason,
    }
    return _entry(obj, texts, w.en_hashes or w.fr_hashes)


def _approval_obj(a: Approval) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "fr_hash": a.fr_hash,
        "en_hash": a.en_hash,
        "alignment_hash": a.alignment_hash,
        "verdict": a.verdict,
        "by": a.by,
        "at": _time(a.at),
    }
    if a.fr_rev:
        obj["fr_rev"] = a.fr_rev
    if a.en_rev:
        obj["en_rev"] = a.en_rev
    if a.note:
        obj["note"] = a.note
    if a.forced:
        obj["forced"] = True
    if a.paragraph is not None:
        obj["paragraph"] = a.paragraph
    return obj
