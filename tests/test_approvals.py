"""Editorial approval on a real database (SQLite and PostgreSQL): roles, four eyes, refusals, validity, audit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tracker.audit import verify
from tracker.errors import ConflictError, ForbiddenError, RefusedError
from tracker.services import approvals
from tracker.services.desk import Desk
from tracker.services.seed import SAMPLE_SLUG, sample_bytes, seed_sample
from tracker.services.views import load_view
from tracker.storage import Store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SLUG = SAMPLE_SLUG


def _clock() -> datetime:
    return T


@pytest.fixture
def desk(store: Store) -> Store:
    seed_sample(store)
    store.add_user("chief", "admin", by="chief", at=T)
    store.add_user("ed", "editor", by="chief", at=T)
    store.add_user("tina", "translator", by="chief", at=T)
    return store


def _fix_everything(store: Store) -> None:
    """Make fr r3 / en r2 approvable: acknowledge the omitted and the still-stale paragraphs."""
    view = load_view(store, SLUG)
    me = Desk(store, "tina", clock=_clock)
    for row in view.rows:
        for flag in row.flags:
            if flag.kind in ("stale", "untranslated") and not flag.acknowledged:
                kind = "omitted" if flag.kind == "untranslated" else "no-change"
                for i in flag.fr:
                    me.ack(SLUG, i, kind, "checked", fr_rev=view.fr.number)


def test_the_first_user_of_a_new_database_is_admin(store: Store) -> None:
    user = approvals.acting_user(store, "founder", at=T)
    assert user is not None and user.role == "admin"
    assert approvals.acting_user(store, "someone-else", at=T) is None


def test_translators_may_not_approve(desk: Store) -> None:
    with pytest.raises(ForbiddenError, match="translator"):
        approvals.decide(desk, SLUG, "approved", by="tina", at=T)


def test_approval_is_refused_while_rows_need_action_and_forcing_needs_a_note(desk: Store) -> None:
    with pytest.raises(RefusedError, match="stale: en \\[6\\]"):
        approvals.decide(desk, SLUG, "approved", by="ed", at=T)
    with pytest.raises(RefusedError, match="needs a note"):
        approvals.decide(desk, SLUG, "approved", by="ed", at=T, force=True)
    forced = approvals.decide(desk, SLUG, "approved", by="ed", at=T, force=True, note="checked by phone")
    assert forced.forced and forced.by == "ed"


def test_four_eyes_stops_an_editor_approving_their_own_english_unless_turned_off(desk: Store) -> None:
    _fix_everything(desk)
    desk.add_user("sample", "editor", by="chief", at=T)
    with pytest.raises(ForbiddenError, match="four eyes"):
        approvals.decide(desk, SLUG, "approved", by="sample", at=T)
    approvals.set_four_eyes(desk, False, by="chief", at=T)
    assert approvals.decide(desk, SLUG, "approved", by="sample", at=T).verdict == "approved"


def test_an_approval_is_bound_to_the_content_and_outdated_when_the_french_changes(desk: Store) -> None:
    _fix_everything(desk)
    approvals.decide(desk, SLUG, "approved", by="ed", at=T, note="good")
    status = load_view(desk, SLUG).approval
    assert status is not None and status.valid
    fr3 = desk.revision(SLUG, "fr", 3).texts
    changed = "\n\n".join([*fr3[:-1], "bur-mba/cf/ial/lpt/xyz"]).encode()
    from tracker.services.imports import import_bytes

    import_bytes(desk, changed, "fr.r4.txt", slug=SLUG, lang="fr", by="AFP", at=T + timedelta(hours=1))
    outdated = load_view(desk, SLUG).approval
    assert outdated is not None and not outdated.valid
    assert any("French changed" in r and "r3 -> r4" in r for r in outdated.reasons)
    assert len(desk.approvals(SLUG)) == 1  # nothing deleted


def test_an_approval_of_a_text_that_changed_in_between_is_a_conflict(desk: Store) -> None:
    _fix_everything(desk)
    Desk(desk, "tina", clock=_clock).save_english(SLUG, (0,), "A new standfirst.", fr_rev=3, expected_en_rev=2)
    with pytest.raises(ConflictError, match="en is now at r3"):
        approvals.decide(desk, SLUG, "approved", by="ed", at=T, fr_rev=3, en_rev=2)


def test_a_rejection_needs_a_note_and_is_recorded(desk: Store) -> None:
    with pytest.raises(RefusedError, match="note"):
        approvals.decide(desk, SLUG, "rejected", by="ed", at=T)
    approvals.decide(desk, SLUG, "rejected", by="ed", at=T, note="update en 6")
    status = load_view(desk, SLUG).approval
    assert status is not None and status.approval is not None and status.approval.verdict == "rejected"


def test_only_admins_manage_users_and_roles(desk: Store) -> None:
    with pytest.raises(ForbiddenError, match="only admins"):
        approvals.add_user(desk, "eve", "admin", by="ed", at=T)
    approvals.add_user(desk, "eve", "editor", by="chief", at=T)
    assert approvals.set_role(desk, "eve", "translator", by="chief", at=T).role == "translator"


def test_the_audit_chain_records_decisions_and_detects_edits_and_deletions(desk: Store) -> None:
    approvals.decide(desk, SLUG, "rejected", by="ed", at=T, note="again")
    entries = desk.audit()
    assert {"import", "approve", "reject"} & {e.action for e in entries} >= {"import", "reject"}
    assert verify(entries) == []
    with desk.engine.begin() as conn:
        conn.execute(text("UPDATE audit SET detail = 'forged' WHERE seq = :s"), {"s": entries[2].seq})
    assert any("edited" in p for p in verify(desk.audit()))
    with desk.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit WHERE seq = :s"), {"s": entries[4].seq})
    assert len(verify(desk.audit())) >= 2


def test_concurrent_saves_of_the_same_english_revision_lose_no_write(desk: Store) -> None:
    results: list[str] = []
    lock = threading.Lock()

    def save(n: int) -> None:
        try:
            Desk(desk, "tina", clock=_clock).save_english(SLUG, (0,), f"Standfirst {n}.", fr_rev=3, expected_en_rev=2)
            outcome = "saved"
        except ConflictError:
            outcome = "conflict"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("saved") == 1 and results.count("conflict") == 5
    assert [r.number for r in desk.revisions(SLUG, "en")] == [1, 2, 3]


@pytest.mark.postgres
def test_on_postgresql_the_acting_user_is_the_database_role(pg_url: str) -> None:
    from tracker.storage import open_store

    with open_store(pg_url) as store:
        role = store.db_user()
        assert role
        assert approvals.acting_name(store, "whoever", explicit=False) == role
        with pytest.raises(ForbiddenError, match="database role"):
            approvals.acting_name(store, f"not-{role}", explicit=True)


def test_sample_bytes_are_the_bundled_files() -> None:
    assert sample_bytes("fr.r3.txt").decode().startswith("Arménie")


def test_a_rejection_stops_showing_once_the_english_it_rejected_was_revised(desk: Store) -> None:
    from tracker.services.summaries import summarize

    approvals.decide(desk, SLUG, "rejected", by="ed", at=T, note="update en 6")
    assert summarize(load_view(desk, SLUG)).approval == "rejected"
    Desk(desk, "tina", clock=_clock).save_english(SLUG, (6,), "Updated.", fr_rev=3, expected_en_rev=2)
    assert summarize(load_view(desk, SLUG)).approval == "awaiting"  # the list says what the story bar says
