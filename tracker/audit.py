"""The tamper-evident audit chain: each entry's hash covers its fields and the previous entry's hash.

Pure functions: the store computes hashes with `entry_hash` when it appends, and `verify` re-checks a chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from tracker.model import AuditEntry

GENESIS = "0" * 64
"""The previous hash of the first entry of a log."""


def utc(at: datetime) -> datetime:
    """`at` in UTC; a naive datetime is taken to be UTC already."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def entry_hash(prev_hash: str, at: datetime, by: str, action: str, story: str, detail: str) -> str:
    """Hex SHA-256 of an entry's fields and its predecessor's hash; the time counts in UTC to the microsecond."""
    payload = json.dumps([prev_hash, utc(at).isoformat(), by, action, story, detail], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def verify(entries: Sequence[AuditEntry]) -> list[str]:
    """Problems found in a whole log (oldest first): edited entries, and entries removed, inserted or reordered."""
    problems: list[str] = []
    previous = GENESIS
    last_seq: int | None = None
    for entry in entries:
        if last_seq is not None and entry.seq <= last_seq:
            problems.append(f"entry {entry.seq}: out of order after entry {last_seq}")
        if entry.prev_hash != previous:
            where = "the start of the log" if last_seq is None else f"entry {last_seq}"
            problems.append(f"entry {entry.seq}: does not follow {where} (an entry was removed, inserted or reordered)")
        expected = entry_hash(entry.prev_hash, entry.at, entry.by, entry.action, entry.story, entry.detail)
        if entry.hash != expected:
            problems.append(f"entry {entry.seq}: content does not match its hash (the entry was edited)")
        previous = entry.hash
        last_seq = entry.seq
    return problems
