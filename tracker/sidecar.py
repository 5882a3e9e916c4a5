"""The story folder's sidecar file (`tracker.json`): the decisions needed to judge a folder, bound to content hashes.

Parsing validates every field and names the file and the problem; serialising is deterministic (fixed key order,
one entry per line, entries sorted by their hashes) so the file reviews well and merges cleanly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, cast

from tracker.errors import InputError
from tracker.model import Acknowledgement, Approval, Waiver, text_hash

FILENAME = "tracker.json"
FORMAT = "tracker-sidecar"
VERSION = 1
_HASH = re.compile(r"^[0-9a-f]{64}$")
_EXCERPT = 60
_WHERE = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?")
_TOP_KEYS = ("format", "version", "story", "files", "adapted_from", "links", "acknowledgements", "waivers", "approvals")


class SidecarError(InputError):
    """The sidecar file is not valid JSON or not a valid sidecar; `problem` names the field and what is wrong."""

    def __init__(self, source: str, problem: str, line: int = 0) -> None:
        super().__init__(source, problem)
        self.line = line


@dataclass(frozen=True, slots=True)
class HashLink:
    """A confirmed alignment link between French and English paragraphs, named by their text hashes."""

    fr: tuple[str, ...]
    en: tuple[str, ...]


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

    def file_for(self, lang: str) -> str | None:
        """The file name the sidecar gives for a language, if any."""
        return dict(self.files).get(lang)


# ---------------------------------------------------------------- reading


class _Reader:
    """Typed field access that reports the JSON path of whatever is wrong."""

    def __init__(self, source: str, text: str = "") -> None:
        self.source = source
        self.lines = text.split("\n")

    def fail(self, where: str, problem: str) -> SidecarError:
        return SidecarError(self.source, f"{where}: {problem}" if where else problem, self.line_of(where))

    def line_of(self, where: str) -> int:
        """The 1-based line of a field in the canonical layout (one entry per line); 0 when not found."""
        match = _WHERE.match(where)
        if not match:
            return 0
        key, index = match.group(1), match.group(2)
        start = next((n for n, line in enumerate(self.lines) if line.startswith(f'  "{key}":')), None)
        if start is None:
            return 0
        if index is None or not self.lines[start].rstrip().endswith("["):
            return start + 1
        line = start + 2 + int(index)
        return line if line <= len(self.lines) else start + 1

    def obj(self, value: Any, where: str, required: Sequence[str], optional: Sequence[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        unknown = sorted(set(value) - set(required) - set(optional) - {"excerpt"})
        if unknown:
            raise self.fail(where, f"unknown key {unknown[0]!r}")
        missing = [k for k in required if k not in value]
        if missing:
            raise self.fail(where, f"missing key {missing[0]!r}")
        if "excerpt" in value and not isinstance(value["excerpt"], str):
            raise self.fail(f"{where}.excerpt", "must be a string")
        return value

    def str_(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "must be a string")
        return value

    def bool_(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false")
        return value

    def int_(self, value: Any, where: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(where, "must be a non-negative integer")
        return value

    def hash_(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not _HASH.match(value):
            raise self.fail(where, "must be a SHA-256 hash (64 lowercase hex digits)")
        return value

    def hashes(self, value: Any, where: str, *, allow_empty: bool = True) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of hashes")
        if not value and not allow_empty:
            raise self.fail(where, "must not be empty")
        return tuple(self.hash_(v, f"{where}[{i}]") for i, v in enumerate(value))

    def list_(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value

    def time(self, value: Any, where: str) -> datetime:
        text = self.str_(value, where)
        try:
            at = datetime.fromisoformat(text)
        except ValueError as exc:
            raise self.fail(where, f"not an ISO 8601 date-time: {text!r}") from exc
        if at.tzinfo is None:
            raise self.fail(where, f"date-time without a time zone: {text!r}")
        return at.astimezone(UTC)


def parse(text: str, source: str = FILENAME) -> Sidecar:
    """A sidecar from its JSON text; raises SidecarError naming `source`, the field and the problem."""
    r = _Reader(source, text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"line {exc.lineno} column {exc.colno}: invalid JSON: {exc.msg}"
        raise SidecarError(source, problem, exc.lineno) from exc
    top = r.obj(data, "", required=("format", "version"), optional=_TOP_KEYS)
    if top["format"] != FORMAT:
        raise r.fail("format", f"must be {FORMAT!r}, found {top['format']!r}")
    version = r.int_(top["version"], "version")
    if version > VERSION:
        raise r.fail("version", f"{version} is newer than this tracker reads ({VERSION}); upgrade the tracker")
    if version < 1:
        raise r.fail("version", "must be at least 1")
    story = r.str_(top.get("story", ""), "story")
    files = _files(r, top.get("files", {}))
    adapted, adapted_texts = _adapted_from(r, top["adapted_from"]) if "adapted_from" in top else (None, ())
    links = tuple(_link(r, v, f"links[{i}]") for i, v in enumerate(r.list_(top.get("links", []), "links")))
    acks = tuple(
        _ack(r, v, f"acknowledgements[{i}]", story)
        for i, v in enumerate(r.list_(top.get("acknowledgements", []), "acknowledgements"))
    )
    waivers = tuple(
        _waiver(r, v, f"waivers[{i}]", story) for i, v in enumerate(r.list_(top.get("waivers", []), "waivers"))
    )
    approvals = tuple(
        _approval(r, v, f"approvals[{i}]", story) for i, v in enumerate(r.list_(top.get("approvals", []), "approvals"))
    )
    return Sidecar(story, files, adapted, links, acks, waivers, approvals, adapted_texts)


def _files(r: _Reader, value: Any) -> tuple[tuple[str, str], ...]:
    obj = r.obj(value, "files", required=(), optional=("fr", "en"))
    out = []
    for lang in sorted(obj):
        name = r.str_(obj[lang], f"files.{lang}")
        if not name or "/" in name or "\\" in name or name.startswith("."):
            raise r.fail(f"files.{lang}", f"must be a plain file name inside the folder, found {name!r}")
        out.append((lang, name))
    return tuple(out)


def _adapted_from(r: _Reader, value: Any) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    items = r.list_(value, "adapted_from")
    hashes = []
    texts = []
    for i, item in enumerate(items):
        entry = r.obj(item, f"adapted_from[{i}]", required=("hash",), optional=("text",))
        h = r.hash_(entry["hash"], f"adapted_from[{i}].hash")
        hashes.append(h)
        if "text" in entry:
            text = r.str_(entry["text"], f"adapted_from[{i}].text")
            if text_hash(text) != h:
                raise r.fail(f"adapted_from[{i}].text", "does not match its hash (edited by hand?)")
            texts.append((h, text))
    return tuple(hashes), tuple(texts)


def _link(r: _Reader, value: Any, where: str) -> HashLink:
    obj = r.obj(value, where, required=("fr", "en"), optional=())
    link = HashLink(fr=r.hashes(obj["fr"], f"{where}.fr"), en=r.hashes(obj["en"], f"{where}.en"))
    if not link.fr and not link.en:
        raise r.fail(where, "a link needs a paragraph on at least one side")
    return link


def _ack(r: _Reader, value: Any, where: str, story: str) -> Acknowledgement:
    obj = r.obj(value, where, required=("fr", "kind", "by", "at"), optional=("note",))
    kind = r.str_(obj["kind"], f"{where}.kind")
    if kind not in ("no-change", "omitted"):
        raise r.fail(f"{where}.kind", f"must be 'no-change' or 'omitted', found {kind!r}")
    return Acknowledgement(
        story=story,
        fr_hash=r.hash_(obj["fr"], f"{where}.fr"),
        kind=cast("Any", kind),
        by=r.str_(obj["by"], f"{where}.by"),
        at=r.time(obj["at"], f"{where}.at"),
        note=r.str_(obj.get("note", ""), f"{where}.note"),
    )


def _waiver(r: _Reader, value: Any, where: str, story: str) -> Waiver:
    obj = r.obj(value, where, required=("check", "fr", "en", "by", "at", "reason"), optional=())
    return Waiver(
        story=story,
        check=r.str_(obj["check"], f"{where}.check"),
        fr_hashes=r.hashes(obj["fr"], f"{where}.fr"),
        en_hashes=r.hashes(obj["en"], f"{where}.en"),
        by=r.str_(obj["by"], f"{where}.by"),
        at=r.time(obj["at"], f"{where}.at"),
        reason=r.str_(obj["reason"], f"{where}.reason"),
    )


def _approval(r: _Reader, value: Any, where: str, story: str) -> Approval:
    obj = r.obj(
        value,
        where,
        required=("fr_hash", "en_hash", "alignment_hash", "verdict", "by", "at"),
        optional=("note", "forced", "paragraph", "fr_rev", "en_rev"),
    )
    verdict = r.str_(obj["verdict"], f"{where}.verdict")
    if verdict not in ("approved", "rejected"):
        raise r.fail(f"{where}.verdict", f"must be 'approved' or 'rejected', found {verdict!r}")
    paragraph = obj.get("paragraph")
    return Approval(
        story=story,
        fr_rev=r.int_(obj.get("fr_rev", 0), f"{where}.fr_rev"),
        en_rev=r.int_(obj.get("en_rev", 0), f"{where}.en_rev"),
        fr_hash=r.hash_(obj["fr_hash"], f"{where}.fr_hash"),
        en_hash=r.hash_(obj["en_hash"], f"{where}.en_hash"),
        alignment_hash=r.hash_(obj["alignment_hash"], f"{where}.alignment_hash"),
        verdict=cast("Any", verdict),
        by=r.str_(obj["by"], f"{where}.by"),
        at=r.time(obj["at"], f"{where}.at"),
        note=r.str_(obj.get("note", ""), f"{where}.note"),
        forced=r.bool_(obj.get("forced", False), f"{where}.forced"),
        paragraph=None if paragraph is None else r.hash_(paragraph, f"{where}.paragraph"),
    )


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
    blocks.append(_block("acknowledgements", [_line(_ack_obj(a, texts)) for a in s.acknowledgements]))
    blocks.append(_block("waivers", [_line(_waiver_obj(w, texts)) for w in s.waivers]))
    blocks.append(_block("approvals", [_line(_approval_obj(a)) for a in s.approvals]))
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
