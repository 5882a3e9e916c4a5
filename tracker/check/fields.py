"""Reading the sidecar's entries: typed field access that names the JSON path and line of whatever is wrong.

The file format itself (keys, order, writing) is `tracker.check.sidecar`'s; this module turns one JSON value at a time
into core dataclasses, or raises SidecarError.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from tracker.errors import InputError
from tracker.model import Acknowledgement, Approval, Waiver, text_hash

_HASH = re.compile(r"^[0-9a-f]{64}$")
_WHERE = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?")


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


class Reader:
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
        try:
            return at.astimezone(UTC)
        except OverflowError as exc:  # 0001-01-01T00:00:00+23:59 is before year 1 in UTC
            raise self.fail(where, f"date-time out of range: {text!r}") from exc


def read_files(r: Reader, value: Any) -> tuple[tuple[str, str], ...]:
    obj = r.obj(value, "files", required=(), optional=("fr", "en"))
    out = []
    for lang in sorted(obj):
        name = r.str_(obj[lang], f"files.{lang}")
        if not name or "/" in name or "\\" in name or name.startswith(".") or not name.isprintable():
            raise r.fail(f"files.{lang}", f"must be a plain file name inside the folder, found {name!r}")
        out.append((lang, name))
    return tuple(out)


def read_adapted_from(r: Reader, value: Any) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
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


def read_link(r: Reader, value: Any, where: str) -> HashLink:
    obj = r.obj(value, where, required=("fr", "en"), optional=())
    link = HashLink(fr=r.hashes(obj["fr"], f"{where}.fr"), en=r.hashes(obj["en"], f"{where}.en"))
    if not link.fr and not link.en:
        raise r.fail(where, "a link needs a paragraph on at least one side")
    return link


def read_ack(r: Reader, value: Any, where: str, story: str) -> Acknowledgement:
    obj = r.obj(value, where, required=("fr", "kind", "by", "at"), optional=("note", "signature"))
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


def read_waiver(r: Reader, value: Any, where: str, story: str) -> Waiver:
    obj = r.obj(value, where, required=("check", "fr", "en", "by", "at", "reason"), optional=("signature",))
    return Waiver(
        story=story,
        check=r.str_(obj["check"], f"{where}.check"),
        fr_hashes=r.hashes(obj["fr"], f"{where}.fr"),
        en_hashes=r.hashes(obj["en"], f"{where}.en"),
        by=r.str_(obj["by"], f"{where}.by"),
        at=r.time(obj["at"], f"{where}.at"),
        reason=r.str_(obj["reason"], f"{where}.reason"),
    )


def read_approval(r: Reader, value: Any, where: str, story: str) -> Approval:
    obj = r.obj(
        value,
        where,
        required=("fr_hash", "en_hash", "alignment_hash", "verdict", "by", "at"),
        optional=("note", "forced", "paragraph", "fr_rev", "en_rev", "signature"),
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
