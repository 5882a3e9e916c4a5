"""The audit chain shows edits, removals and reorderings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from tracker.audit import GENESIS, entry_hash, verify
from tracker.model import AuditEntry

AT = datetime(2022, 11, 1, 8, 0, 0, 5, tzinfo=UTC)


def chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        at = AT + timedelta(minutes=seq)
        digest = entry_hash(prev, at, "ana", "ack", "s", f"detail {seq}")
        entries.append(AuditEntry(seq, at, "ana", "ack", "s", f"detail {seq}", prev, digest))
        prev = digest
    return entries


def test_an_intact_chain_verifies() -> None:
    assert verify(chain(4)) == []
    assert verify([]) == []


def test_an_edited_entry_is_found() -> None:
    entries = chain(3)
    entries[1] = replace(entries[1], detail="something else")
    assert verify(entries) == ["entry 2: content does not match its hash (the entry was edited)"]


def test_a_removed_entry_breaks_the_chain() -> None:
    entries = chain(3)
    del entries[1]
    problems = verify(entries)
    assert len(problems) == 1 and problems[0].startswith("entry 3: does not follow entry 1")


def test_the_same_instant_in_another_zone_hashes_alike() -> None:
    paris = AT.astimezone(timezone(timedelta(hours=1)))
    assert entry_hash(GENESIS, AT, "a", "b", "c", "d") == entry_hash(GENESIS, paris, "a", "b", "c", "d")
    assert entry_hash(GENESIS, AT, "a", "b", "c", "d") != entry_hash(GENESIS, AT, "a", "b", "c", "e")
