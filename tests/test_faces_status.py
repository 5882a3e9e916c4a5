"""`tracker status` answers the approval question on both databases, and `--require approved` is the publish gate:
0 exactly when every English paragraph shown is approved as it stands (what the TUI marks with a ✓ on every row)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tracker.approvals import approval_verdict
from tracker.cli import main
from tracker.services import approvals
from tracker.services.desk import Desk
from tracker.services.imports import import_bytes
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.services.views import load_view
from tracker.storage import open_store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SLUG = SAMPLE_SLUG


@pytest.fixture
def desk(db_url: str) -> str:
    """The sample on a fresh database with an admin, an editor and a translator, every flag acknowledged."""
    with open_store(db_url) as store:
        seed_sample(store)
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("ed", "editor", by="chief", at=T)
        store.add_user("tina", "translator", by="chief", at=T)
        view = load_view(store, SLUG)
        me = Desk(store, "tina", clock=lambda: T)
        for flag in {f for row in view.rows for f in row.flags}:
            if flag.kind in ("stale", "untranslated") and not flag.acknowledged:
                kind = "omitted" if flag.kind == "untranslated" else "no-change"
                for i in flag.fr:
                    me.ack(SLUG, i, kind, "checked", fr_rev=view.fr.number)
    return db_url


def status(url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict[str, object]]:
    code = main(["--db", url, "status", SLUG, "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)["approval"]


def gate(url: str, capsys: pytest.CaptureFixture[str]) -> int:
    code = main(["--db", url, "status", SLUG, "--require", "approved"])
    capsys.readouterr()
    return code


def every_row_ticked(url: str) -> bool:
    """What the TUI shows: a ✓ on every row with English (a whole approval that holds, or each paragraph's own)."""
    with open_store(url) as store:
        view = load_view(store, SLUG)
    whole = view.approval is not None and view.approval.valid
    return all(whole or all(j in view.approved_en for j in row.link.en) for row in view.rows if row.en)


def test_no_verdict_yet_says_none_and_the_gate_is_shut(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, approval = status(desk, capsys)
    assert code == 0 and approval["state"] == "none" and approval["decision"] is None
    assert gate(desk, capsys) == 1 and not every_row_ticked(desk)


def test_an_approval_says_who_and_when_and_opens_the_gate(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(desk) as store:
        approvals.decide(store, SLUG, "approved", by="ed", at=T, note="good")
    _, approval = status(desk, capsys)
    assert approval["state"] == "approved" and approval["publishable"] is True
    assert approval["decision"] == {
        "verdict": "approved",
        "by": "ed",
        "at": T.isoformat(),
        "note": "good",
        "forced": False,
        "fr_rev": 3,
        "en_rev": 2,
    }
    assert gate(desk, capsys) == 0 and every_row_ticked(desk)
    main(["--db", desk, "status", SLUG])
    assert "approval: approved by ed, 2026-11-02 08:00" in capsys.readouterr().out


def test_a_new_french_revision_outdates_the_approval_and_says_what_changed(
    desk: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(desk) as store:
        approvals.decide(store, SLUG, "approved", by="ed", at=T, note="good")
        fr3 = store.revision(SLUG, "fr", 3).texts
        changed = "\n\n".join([*fr3[:-1], "bur-mba/cf/ial/lpt/xyz"]).encode()
        import_bytes(store, changed, "fr.r4.txt", slug=SLUG, lang="fr", by="AFP", at=T + timedelta(hours=1))
    _, approval = status(desk, capsys)
    assert approval["state"] == "outdated" and approval["publishable"] is False
    assert any("r3 -> r4" in str(r) for r in approval["reasons"])  # type: ignore[attr-defined]
    assert gate(desk, capsys) == 1 and not every_row_ticked(desk)


def test_a_rejection_carries_its_note_then_a_revision_awaits(desk: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(desk) as store:
        approvals.decide(store, SLUG, "rejected", by="ed", at=T, note="fix en 6")
    _, approval = status(desk, capsys)
    assert approval["state"] == "rejected" and "fix en 6" in str(approval["words"])
    assert gate(desk, capsys) == 1
    with open_store(desk) as store:
        Desk(store, "tina", clock=lambda: T).save_english(SLUG, (6,), "Updated.", fr_rev=3, expected_en_rev=2)
    _, approval = status(desk, capsys)
    assert approval["state"] == "awaiting" and approval["words"] == "awaiting (en r2 was rejected by ed: fix en 6)"
    assert gate(desk, capsys) == 1


def test_every_paragraph_approved_on_its_own_opens_the_gate_and_one_short_does_not(
    desk: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(desk) as store:
        view = load_view(store, SLUG)
        english = sorted(j for row in view.rows for j in row.link.en)
        for j in english[:-1]:
            approvals.decide(store, SLUG, "approved", by="ed", at=T, paragraph=j, force=True, note="ok")
    _, approval = status(desk, capsys)
    assert approval["state"] == "awaiting" and approval["paragraphs_approved"] == len(english) - 1
    assert gate(desk, capsys) == 1 and not every_row_ticked(desk)
    with open_store(desk) as store:
        approvals.decide(store, SLUG, "approved", by="ed", at=T, paragraph=english[-1], force=True, note="ok")
        assert approval_verdict(load_view(store, SLUG)).state == "per-paragraph"
    _, approval = status(desk, capsys)
    assert approval["words"] == f"approved per paragraph ({len(english)} of {len(english)})"
    assert gate(desk, capsys) == 0 and every_row_ticked(desk)


def test_a_story_with_no_english_has_nothing_to_publish(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    with open_store(sqlite_url) as store:
        import_bytes(store, b"Un paragraphe.\n\nUn autre.", "fr.txt", slug="solo", lang="fr", by="AFP", at=T)
    assert main(["--db", sqlite_url, "status", "solo", "--require", "approved"]) == 1
    assert json.loads(_json(sqlite_url, capsys, "solo"))["approval"]["state"] == "none"


def _json(url: str, capsys: pytest.CaptureFixture[str], slug: str) -> str:
    capsys.readouterr()
    main(["--db", url, "status", slug, "--format", "json"])
    return capsys.readouterr().out
