"""The tamper-evident audit chain: each entry's hash covers its fields, the hashes of the fact rows it records,
and the previous entry's hash; a head (count, hash) kept outside the database pins the whole chain.

Pure functions: the store computes hashes with `entry_hash` when it appends, and `verify` re-checks a chain,
`verify_facts` the rows against what the chain recorded, and `check_head` the chain against a head kept elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from tracker.model import AuditEntry

GENESIS = "0" * 64
"""The previous hash of the first entry of a log."""

FactKey = tuple[str, str]
"""(kind, key) of a fact row: ("approval", "12"), ("user", "ed"), ..."""


def utc(at: datetime) -> datetime:
    """`at` in UTC; a naive datetime is taken to be UTC already."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def entry_hash(prev_hash: str, at: datetime, by: str, action: str, story: str, detail: str, facts: str = "") -> str:
    """Hex SHA-256 of an entry's fields and its predecessor's hash; the time counts in UTC to the microsecond.
    `facts` counts when present, so entries from before it existed keep their hashes."""
    fields: list[str] = [prev_hash, utc(at).isoformat(), by, action, story, detail]
    if facts:
        fields.append(facts)
    payload = _JSON.encode(fields)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _time(value: object) -> str:
    if isinstance(value, datetime):
        return utc(value).isoformat()
    raise TypeError(f"{type(value).__name__} is not a fact value")


# Built once: `json.dumps` with any option builds an encoder per call, which an import does four times a revision.
# Their output is exactly `json.dumps(value, ensure_ascii=False[, default=_time])`'s.
JSON = json.JSONEncoder(ensure_ascii=False)  # built once: json.dumps with an option builds one per call
_JSON = JSON
_FACT_JSON = json.JSONEncoder(ensure_ascii=False, default=_time)


def fact_digest(values: Sequence[object]) -> str:
    """Hex SHA-256 of a fact row's values (times in UTC), as recorded in the audit entry that wrote it."""
    # json's `default` sees only the times, so a revision's thousands of paragraph values cost no Python per value
    payload = _FACT_JSON.encode(values)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def facts_json(facts: Iterable[tuple[str, str, str]]) -> str:
    """The `facts` of an entry: [[kind, key, digest], ...], "" for none."""
    rows = [list(f) for f in facts]
    return _JSON.encode(rows) if rows else ""


def recorded_facts(entries: Sequence[AuditEntry]) -> dict[FactKey, tuple[int, str]]:
    """Per fact row, the (entry seq, digest) of the newest entry recording it."""
    found: dict[FactKey, tuple[int, str]] = {}
    for entry in entries:
        if entry.facts:
            for kind, key, digest in json.loads(entry.facts):
                found[str(kind), str(key)] = (entry.seq, str(digest))
    return found


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
        expected = entry_hash(entry.prev_hash, entry.at, entry.by, entry.action, entry.story, entry.detail, entry.facts)
        if entry.hash != expected:
            problems.append(f"entry {entry.seq}: content does not match its hash (the entry was edited)")
        previous = entry.hash
        last_seq = entry.seq
    return problems


def verify_facts(
    entries: Sequence[AuditEntry], current: Mapping[FactKey, str], *, must_record: Iterable[str] = ()
) -> list[str]:
    """Problems between the fact rows now stored (`current`: digest per row) and what the chain recorded: rows
    edited or deleted since, and rows of the `must_record` kinds that no entry records (written around the tracker)."""
    recorded = recorded_facts(entries)
    problems: list[str] = []
    for (kind, key), (seq, digest) in sorted(recorded.items()):
        now = current.get((kind, key))
        if now is None:
            problems.append(f"{kind} {key}: recorded by entry {seq} but no longer stored (the row was deleted)")
        elif now != digest:
            problems.append(f"{kind} {key}: differs from what entry {seq} recorded (the row was edited)")
    kinds = set(must_record)
    for kind, key in sorted(current):
        if kind in kinds and (kind, key) not in recorded:
            problems.append(f"{kind} {key}: stored but recorded by no audit entry (written around the tracker)")
    return problems


def head(entries: Sequence[AuditEntry]) -> tuple[int, str]:
    """The chain's head: how many entries, and the newest one's hash (GENESIS for an empty log)."""
    return len(entries), entries[-1].hash if entries else GENESIS


def format_head(count: int, digest: str) -> str:
    """A head as one line, the form `--expect` reads back."""
    return f"{count} {digest}"


def parse_head(text: str) -> tuple[int, str] | None:
    """The (count, hash) of a head written by `format_head` (or COUNT:HASH); None when it is not one."""
    parts = text.strip().replace(":", " ").split()
    if len(parts) != 2 or not parts[0].isdigit() or len(parts[1]) != 64:
        return None
    if any(c not in "0123456789abcdef" for c in parts[1]):
        return None
    return int(parts[0]), parts[1]


def check_head(entries: Sequence[AuditEntry], expected: tuple[int, str]) -> list[str]:
    """Problems of the chain against a head kept elsewhere: entries cut from its end, or the chain up to the head
    rewritten (a forged entry in place of a real one, or the whole chain rehashed)."""
    count, digest = expected
    if len(entries) < count:
        return [f"the log has {len(entries)} entries, the expected head {count}: entries were cut from its end"]
    actual = entries[count - 1].hash if count else GENESIS
    if actual != digest:
        return [f"entry {count} of the log is not the expected head: the chain up to it was rewritten"]
    return []
