"""Fact rows as the audit chain records them: one digest per row (a revision's covers its paragraphs), computed
from the values written and, to verify, from the rows now stored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from tracker.audit import FactKey, fact_digest
from tracker.storage.tables import (
    ACK,
    APPROVAL,
    LINK_DECISION,
    PARAGRAPH,
    REVISION,
    SETTING,
    USER,
    WAIVER,
    WITHDRAWAL,
)

# kind -> (table, key column, digested columns); the kinds every write records (settings: those audited).
KINDS: dict[str, tuple[Table, str, tuple[str, ...]]] = {
    "revision": (
        REVISION,
        "id",
        (
            "story_id",
            "lang",
            "number",
            "created_at",
            "author",
            "label",
            "origin",
            "content_hash",
            "based_on",
            "status",
            "meta",
        ),
    ),  # fmt: skip
    "approval": (
        APPROVAL,
        "id",
        (
            "story_id",
            "fr_rev",
            "en_rev",
            "fr_hash",
            "en_hash",
            "alignment_hash",
            "verdict",
            "actor",
            "at",
            "note",
            "forced",
            "paragraph",
        ),
    ),  # fmt: skip
    "ack": (ACK, "id", ("story_id", "fr_hash", "kind", "actor", "at", "note")),
    "waiver": (WAIVER, "id", ("story_id", "check", "fr_hashes", "en_hashes", "actor", "at", "reason")),
    "link": (LINK_DECISION, "id", ("story_id", "fr_rev", "en_rev", "links", "actor", "at", "action")),
    "user": (USER, "name", ("name", "role", "created_at", "created_by")),
    "setting": (SETTING, "key", ("key", "value")),
    "withdrawal": (WITHDRAWAL, "id", ("story_id", "fr_rev", "fr_hash", "actor", "at", "note")),
}
MUST_RECORD = ("revision", "approval", "ack", "waiver", "link", "user", "withdrawal")
# kinds whose table a later migration added: absent while an older schema is baselined (migration 0005)
_LATER = {"withdrawal"}
PARAGRAPH_COLUMNS = ("idx", "text", "hash", "line_start", "line_end", "role")


def fact(
    kind: str, key: object, values: Mapping[str, Any], paragraphs: Sequence[Sequence[object]] = ()
) -> tuple[str, str, str]:
    """(kind, key, digest) of a row about to be written, from the values written (`paragraphs`: a revision's
    rows as PARAGRAPH_COLUMNS tuples)."""
    columns = KINDS[kind][2]
    row: list[object] = [values[c] for c in columns]
    if kind == "revision":
        row.append([list(p) for p in paragraphs])
    return (kind, str(key), fact_digest(row))


def current_digests(conn: Connection) -> dict[FactKey, str]:
    """The digest of every fact row now stored, keyed (kind, key)."""
    paragraphs: dict[object, list[list[object]]] = defaultdict(list)
    query = select(PARAGRAPH.c.revision_id, *(PARAGRAPH.c[c] for c in PARAGRAPH_COLUMNS)).order_by(
        PARAGRAPH.c.revision_id, PARAGRAPH.c.idx
    )
    for revision_id, *rest in conn.execute(query):
        paragraphs[revision_id].append(rest)
    found: dict[FactKey, str] = {}
    for kind, (table, key, columns) in KINDS.items():
        if kind in _LATER and not conn.dialect.has_table(conn, table.name):
            continue
        for row in conn.execute(select(table.c[key], *(table.c[c] for c in columns))):
            values: list[object] = list(row[1:])
            if kind == "revision":
                values.append(paragraphs.get(row[0], []))
            found[kind, str(row[0])] = fact_digest(values)
    return found


def insert_fact(conn: Connection, kind: str, values: Mapping[str, Any]) -> tuple[str, str, str]:
    """Insert one decision row and return its (kind, key, digest) for the audit entry that records it."""
    table, key, _ = KINDS[kind]
    row_key = conn.execute(insert(table).values(**values).returning(table.c[key])).scalar_one()
    return fact(kind, row_key, values)
