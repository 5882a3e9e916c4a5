"""Decisions are append-only facts, each chained into the audit log, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.audit import verify
from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.model import Acknowledgement, Approval, Document, Link, LinkDecision, Paragraph, Waiver
from tracker.storage import Store

AT = datetime(2022, 11, 1, 8, 0, tzinfo=UTC)


def _story(store: Store) -> None:
    one = Document((Paragraph(0, "Un."),))
    store.add_revision("s", "fr", one, by="AFP", at=AT)
    store.add_revision("s", "en", Document((Paragraph(0, "One."),)), by="t", at=AT)


def test_acknowledgements_read_back_in_order(store: Store) -> None:
    _story(store)
    first = Acknowledgement("s", "a" * 64, "no-change", "ana", AT, "typo only")
    second = Acknowledgement("s", "b" * 64, "omitted", "bob", AT + timedelta(minutes=1))
    store.add_ack(first)
    store.add_ack(second)
    assert store.acks("s") == [first, second]


def test_waivers_keep_the_paragraph_versions_they_were_raised_on(store: Store) -> None:
    _story(store)
    waiver = Waiver("s", "numbers", ("a" * 64,), ("b" * 64, "c" * 64), "ana", AT, "rounded on purpose")
    store.add_waiver(waiver)
    assert store.waivers("s") == [waiver]


def test_an_approval_of_the_latest_revisions_is_recorded(store: Store) -> None:
    _story(store)
    approval = Approval("s", 1, 1, "f" * 64, "e" * 64, "a" * 64, "approved", "ed", AT, note="ok", paragraph="p" * 64)
    store.add_approval(approval, expected_fr_rev=1, expected_en_rev=1)
    assert store.approvals("s") == [approval]


def test_an_approval_after_a_new_revision_is_a_conflict_and_stores_nothing(store: Store) -> None:
    _story(store)
    store.add_revision("s", "fr", Document((Paragraph(0, "Deux."),)), by="AFP", at=AT)
    approval = Approval("s", 1, 1, "f" * 64, "e" * 64, "a" * 64, "approved", "ed", AT)
    with pytest.raises(ConflictError):
        store.add_approval(approval, expected_fr_rev=1, expected_en_rev=1)
    assert store.approvals("s") == []


def test_decisions_on_an_unknown_story_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.add_ack(Acknowledgement("nope", "a" * 64, "no-change", "ana", AT))
    with pytest.raises(NotFoundError):
        store.acks("nope")


def test_a_saved_alignment_replaces_the_previous_one(store: Store) -> None:
    _story(store)
    assert store.alignment("s", 1, 1) is None
    store.save_alignment("s", 1, 1, [Link((0,), (0,), 0.5)])
    links = (Link((0,), (0, 1), 0.93), Link((), (2,), 0.0), Link((1, 2), (), 0.0, confirmed=True))
    store.save_alignment("s", 1, 1, links)
    assert store.alignment("s", 1, 1) == links


def test_link_decisions_are_kept_per_revision_pair(store: Store) -> None:
    _story(store)
    decision = LinkDecision("s", 1, 1, (Link((0,), (0,), 1.0, True),), "ana", AT, "confirm")
    store.add_link_decision(decision)
    assert store.link_decisions("s", 1, 1) == [decision]
    assert store.link_decisions("s", 1, 2) == []


def test_users_have_one_role_that_admins_can_change(store: Store) -> None:
    ana = store.add_user("ana", "translator", by="root", at=AT)
    assert store.user("ana") == ana
    assert store.user("nobody") is None
    changed = store.set_role("ana", "editor", by="root", at=AT)
    assert changed.role == "editor"
    assert [u.name for u in store.users()] == ["ana"]
    with pytest.raises(ConflictError):
        store.add_user("ana", "admin", by="root", at=AT)
    with pytest.raises(InputError):
        store.add_user("bob", "boss", by="root", at=AT)
    with pytest.raises(NotFoundError):
        store.set_role("bob", "editor", by="root", at=AT)


def test_settings_are_set_and_overwritten(store: Store) -> None:
    assert store.settings_get("four_eyes") is None
    store.settings_set("four_eyes", "on")
    store.settings_set("four_eyes", "off")
    assert store.settings_get("four_eyes") == "off"


def test_machine_translations_are_cached_by_key(store: Store) -> None:
    assert store.mt_get("k") is None
    store.mt_put("k", "google", "One.", AT)
    store.mt_put("k", "google", "One!", AT)
    assert store.mt_get("k") == "One!"


def test_every_decision_is_audited_and_the_chain_verifies(store: Store) -> None:
    _story(store)
    store.add_ack(Acknowledgement("s", "a" * 64, "no-change", "ana", AT))
    store.add_waiver(Waiver("s", "numbers", ("a" * 64,), (), "ana", AT, "why"))
    store.add_link_decision(LinkDecision("s", 1, 1, (Link((0,), (0,)),), "ana", AT))
    store.add_approval(
        Approval("s", 1, 1, "f" * 64, "e" * 64, "a" * 64, "rejected", "ed", AT), expected_fr_rev=1, expected_en_rev=1
    )
    store.add_user("ana", "translator", by="root", at=AT)
    store.set_role("ana", "editor", by="root", at=AT)
    store.append_audit("export", "s", "folder out/", by="ana", at=AT)

    entries = store.audit()

    assert [e.action for e in entries] == [
        "import",
        "import",
        "ack",
        "waive",
        "link",
        "reject",
        "user",
        "role",
        "export",
    ]
    assert verify(entries) == []
