"""A `skipped` line names the revision that already holds the item, not the newest one of its story."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tracker.services.formats import import_paths
from tracker.storage import Store

OWN = Path(__file__).parent / "data" / "newsml" / "own"
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_an_item_imported_again_is_skipped_as_the_revision_holding_it(memory_store: Store) -> None:
    names = ("port-fr-v1.xml", "port-fr-v2-correction.xml", "port-fr-v3-kill.xml")
    import_paths(memory_store, [OWN / n for n in names], by="desk", at=AT)
    again = import_paths(memory_store, [OWN / "port-fr-v1.xml"], by="desk", at=AT)
    assert [(r.outcome, r.revision) for r in again] == [("skipped", 1)]
    assert "fr r1 (v1)" in again[0].message
    assert [(r.outcome, r.revision) for r in import_paths(memory_store, [OWN / names[1]], by="desk", at=AT)] == [
        ("skipped", 2)
    ]
