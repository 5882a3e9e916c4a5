"""The tracker's vocabulary: frozen dataclasses shared by every layer.

Facts (revisions, decisions) are stored; everything else (flags, findings, validity) is derived from them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")


def text_hash(text: str) -> str:
    """Content hash of one paragraph's text (hex SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(paragraph_hashes: Iterable[str]) -> str:
    """Content hash of a sequence of paragraphs: order and boundaries matter, labels do not."""
    return hashlib.sha256("\n".join(paragraph_hashes).encode("ascii")).hexdigest()


class Role(StrEnum):
    """What a paragraph is in its article; bodies are the default."""

    BODY = "body"
    HEADLINE = "headline"
    SUBHEAD = "subhead"
    SIGNATURE = "signature"
    CREDIT = "credit"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a revision, with the 1-based line span it came from in its source file."""

    index: int
    text: str
    line_start: int = 0
    line_end: int = 0
    role: Role = Role.BODY

    @property
    def hash(self) -> str:
        return text_hash(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    """What a source yields before it is stored: paragraphs plus the metadata that matters."""

    paragraphs: tuple[Paragraph, ...]
    label: str | None = None
    lang: str | None = None
    title: str | None = None
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.paragraphs)

    @property
    def content_hash(self) -> str:
        return content_hash(p.hash for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Story:
    slug: str
    title: str = ""
    languages: tuple[str, ...] = LANGS


@dataclass(frozen=True, slots=True)
class Revision:
    """An immutable revision of one language of a story; `based_on` is the French revision an adaptation used."""

    story: str
    lang: str
    number: int
    created_at: datetime
    author: str
    content_hash: str
    paragraphs: tuple[Paragraph, ...] = ()
    label: str | None = None
    origin: str = ""
    based_on: int | None = None
    status: str = "usable"
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Link:
    """French paragraphs `fr` stand for English paragraphs `en`; one side may be empty (1-0, 0-1)."""

    fr: tuple[int, ...]
    en: tuple[int, ...]
    score: float = 0.0
    confirmed: bool = False

    @property
    def kind(self) -> str:
        """`1-1`, `2-1`, `1-0` (French only), `0-1` (English only), ..."""
        return f"{len(self.fr)}-{len(self.en)}"


def alignment_hash(links: Iterable[Link]) -> str:
    """Content hash of an alignment: which paragraphs stand for which, scores left out."""
    parts = sorted(",".join(map(str, link.fr)) + ">" + ",".join(map(str, link.en)) for link in links)
    return hashlib.sha256("\n".join(parts).encode("ascii")).hexdigest()


ChangeKind = Literal["unchanged", "edited", "moved", "added", "removed", "split", "merged"]


@dataclass(frozen=True, slots=True)
class Change:
    """How paragraphs `old` of one revision became paragraphs `new` of a later one."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    kind: ChangeKind
    substantive: bool = False
    reasons: tuple[str, ...] = ()
    words: tuple[tuple[str, str], ...] = ()


# correction: stale because the agency corrected the French (outranks every other flag); withdraw: the agency
# killed the story, so the English must be withdrawn (tracker.wire_flags derives both)
FlagKind = Literal["stale", "correction", "cosmetic", "untranslated", "orphaned", "withdraw"]


@dataclass(frozen=True, slots=True)
class Flag:
    """A derived status of an alignment row; `changes` is the French diff since the English's base."""

    kind: FlagKind
    fr: tuple[int, ...]
    en: tuple[int, ...]
    reasons: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    acknowledged: bool = False
    # the French revision this row's English was written from, when known (it may be older than the English
    # revision's own base: a paragraph carried over word for word keeps the base it was written against)
    since: int | None = None
    note: str = ""  # correction and withdraw: the agency's word (edNote, advisory)


Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A QA finding on one alignment link: a value, never an exception."""

    check: str
    severity: Severity
    fr: tuple[int, ...]
    en: tuple[int, ...]
    message: str
    spans: tuple[str, ...] = ()
    waived: bool = False
    waiver: str = ""  # when waived: who set it aside and why, as people read it


AckKind = Literal["no-change", "omitted"]


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """A person's word that a French paragraph version needs nothing more; it lapses when that text changes."""

    story: str
    fr_hash: str
    kind: AckKind
    by: str
    at: datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class Waiver:
    """A QA finding a person set aside, bound to the paragraph versions it was raised on."""

    story: str
    check: str
    fr_hashes: tuple[str, ...]
    en_hashes: tuple[str, ...]
    by: str
    at: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """A person's alignment correction on a revision pair: these links are confirmed facts."""

    story: str
    fr_rev: int
    en_rev: int
    links: tuple[Link, ...]
    by: str
    at: datetime
    action: str = "confirm"


RoleName = Literal["translator", "editor", "admin"]


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: RoleName
    created_at: datetime
    created_by: str = ""


Verdict = Literal["approved", "rejected"]


@dataclass(frozen=True, slots=True)
class Approval:
    """An editor's verdict, bound to the content hashes of the French, the English and the alignment it saw."""

    story: str
    fr_rev: int
    en_rev: int
    fr_hash: str
    en_hash: str
    alignment_hash: str
    verdict: Verdict
    by: str
    at: datetime
    note: str = ""
    forced: bool = False
    paragraph: str | None = None  # an English paragraph hash for per-paragraph approval; None = the whole revision


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One decision in the append-only log; `hash` covers the entry and the previous entry's hash."""

    seq: int
    at: datetime
    by: str
    action: str
    story: str
    detail: str
    prev_hash: str
    hash: str
    facts: str = ""  # JSON [[kind, key, digest], ...]: the rows the entry records (none before schema 0003)
