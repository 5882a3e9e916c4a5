"""The CLI's side-by-side view marks a paragraph approval as the TUI does: ✓ in the row's gutter, who and when
under the row (the real desk on an in-memory SQLite store seeded with the sample)."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.reports.sidebyside import side_by_side
from tracker.services.desk import Desk
from tracker.services.seed import SAMPLE_SLUG, ensure_seeded
from tracker.storage import open_store

T = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def test_the_side_by_side_text_marks_an_approved_paragraph_with_who_and_when() -> None:
    store = open_store("sqlite://")
    ensure_seeded(store)
    store.add_user("ed", "editor", by="ed", at=T)
    desk = Desk(store, "ed", clock=lambda: T)
    view = desk.view(SAMPLE_SLUG)
    assert view.en is not None
    row = next(r for r in view.rows if r.en and r.fr and not r.flags and not r.findings)
    before = side_by_side(desk.view(SAMPLE_SLUG))
    desk.approve(SAMPLE_SLUG, "", fr_rev=view.fr.number, en_rev=view.en.number, paragraph=row.en[0].index)
    after = side_by_side(desk.view(SAMPLE_SLUG))
    line = next(t for t in after.splitlines() if f" {row.en[0].index} {row.en[0].text[:20]}" in t)
    assert line.startswith("✓")
    assert f"↳ ¶ {row.en[0].index} approved by ed, 2026-12-02 09:00" in after
    assert "approved by ed" not in before
