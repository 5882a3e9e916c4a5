"""The database itself enforces who may write what: each desk role, connected with psql-like access outside the
tracker, is refused every statement that would rewrite facts, roles or the audit chain (real PostgreSQL roles)."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from trust_desk import TeamDesk, team

from tracker.errors import StoreError
from tracker.model import Approval
from tracker.services import approvals
from tracker.services.seed import SAMPLE_SLUG
from tracker.services.views import load_view
from tracker.storage import Store

__all__ = ["team"]
pytestmark = pytest.mark.postgres

FORBIDDEN_TO_EVERY_DESK_ROLE = [
    "UPDATE approval SET verdict = 'approved'",
    "DELETE FROM approval",
    "UPDATE paragraph SET text = 'rewritten'",
    "DELETE FROM paragraph",
    "UPDATE revision SET author = 'someone'",
    "DELETE FROM revision",
    "UPDATE ack SET note = 'x'",
    "DELETE FROM waiver",
    "UPDATE audit SET detail = 'forged'",
    "DELETE FROM audit",
    "TRUNCATE audit CASCADE",
    "UPDATE story SET title = 'renamed'",
    "DELETE FROM tracker_user",
    "INSERT INTO paragraph (revision_id, idx, text, hash, line_start, line_end, role) "
    "SELECT id, 99, 'smuggled', 'h', 0, 0, 'body' FROM revision LIMIT 1",
]


def _refused(team: TeamDesk, who: str, statement: str) -> str:
    with team.connect(who) as conn, pytest.raises(psycopg.Error) as caught:
        conn.execute(statement)
    return str(caught.value)


def _raw_approval(store: Store, by: str, note: str) -> tuple[Approval, int, int]:
    """An approval of the latest texts made without the services (what a modified client would send)."""
    view = load_view(store, SAMPLE_SLUG)
    assert view.en is not None
    fr, en = view.fr, view.en
    made = Approval(SAMPLE_SLUG, fr.number, en.number, fr.content_hash, en.content_hash, "a", "approved", by,
                    datetime.now(UTC), forced=True, note=note)  # fmt: skip
    return made, fr.number, en.number


def _approve_as_editor(team: TeamDesk) -> None:
    with team.store("editor") as store:
        approvals.decide(store, SAMPLE_SLUG, "approved", by=team.names["editor"], at=datetime.now(UTC), force=True,
                         note="checked by phone")  # fmt: skip


@pytest.mark.parametrize("who", ["translator", "editor", "admin"])
def test_no_desk_role_can_rewrite_or_delete_facts(team: TeamDesk, who: str) -> None:
    _approve_as_editor(team)
    with team.connect(who) as conn:
        before = conn.execute("SELECT count(*) FROM approval").fetchone()
    for statement in FORBIDDEN_TO_EVERY_DESK_ROLE:
        message = _refused(team, who, statement)
        assert "permission denied" in message or "refused" in message or "cannot be added" in message, statement
    with team.connect(who) as conn:
        assert conn.execute("SELECT count(*) FROM approval").fetchone() == before
        assert conn.execute("SELECT count(*) FROM paragraph WHERE text = 'rewritten'").fetchone() == (0,)


@pytest.mark.parametrize("who", ["translator", "editor"])
def test_only_admins_write_users_and_roles(team: TeamDesk, who: str) -> None:
    me = team.names[who]
    assert "permission denied" in _refused(team, who, f"UPDATE tracker_user SET role = 'admin' WHERE name = '{me}'")
    assert "permission denied" in _refused(
        team,
        who,
        "INSERT INTO tracker_user (name, role, created_at, created_by) VALUES ('mallory', 'admin', now(), '')",
    )
    assert "permission denied" in _refused(team, who, "UPDATE setting SET value = 'off'")
    with team.connect(who) as conn:
        assert conn.execute("SELECT role FROM tracker_user WHERE name = %s", (me,)).fetchone() == (who,)


def test_an_admin_changes_roles_but_the_table_refuses_a_translator_even_with_privileges(team: TeamDesk) -> None:
    translator = team.names["translator"]
    with team.connect("admin") as conn:
        conn.execute("UPDATE tracker_user SET role = 'editor' WHERE name = %s", (translator,))
        assert conn.execute("SELECT role FROM tracker_user WHERE name = %s", (translator,)).fetchone() == ("editor",)
        conn.execute("UPDATE tracker_user SET role = 'translator' WHERE name = %s", (translator,))
    # a careless owner hands out table privileges: the rows' own rule still says only admins
    with psycopg.connect(team.owner_url.replace("+psycopg", "").split("?")[0], autocommit=True) as conn:
        conn.execute(f'GRANT INSERT, UPDATE ON "{team.schema}".tracker_user TO "{translator}"')
    message = _refused(team, "translator", f"UPDATE tracker_user SET role = 'admin' WHERE name = '{translator}'")
    assert "only admins" in message


def test_a_stranger_reads_and_writes_nothing(team: TeamDesk) -> None:
    s = f'"{team.schema}"'
    for statement in (f"SELECT * FROM {s}.approval", f"SELECT * FROM {s}.tracker_user", f"DELETE FROM {s}.audit"):
        assert "permission denied" in _refused(team, "stranger", statement)
    with pytest.raises(StoreError):
        team.store("stranger").stories()


def test_decisions_are_stamped_with_the_connection_and_checked_for_role_and_four_eyes(team: TeamDesk) -> None:
    translator, editor = team.names["translator"], team.names["editor"]
    with team.store("translator") as store:
        forged, fr, en = _raw_approval(store, editor, "by a modified client")
        with pytest.raises(StoreError, match="is a translator; only editors"):
            store.add_approval(forged, expected_fr_rev=fr, expected_en_rev=en)
        # the database records the writer's own name whatever the client claims
        with team.connect("translator") as conn:
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO ack (story_id, fr_hash, kind, actor, at, note) "
                "SELECT id, 'h', 'no-change', %s, now(), 'claimed' FROM story LIMIT 1",
                (editor,),
            )
            assert conn.execute("SELECT actor FROM ack WHERE note = 'claimed'").fetchone() == (translator,)
            conn.execute("ROLLBACK")
    with team.connect("editor") as conn:
        message = str(
            pytest.raises(
                psycopg.Error,
                conn.execute,
                "INSERT INTO ack (story_id, fr_hash, kind, actor, at, note) "
                "SELECT id, 'h', 'no-change', 'x', now() - interval '3 days', 'backdated' FROM story LIMIT 1",
            ).value
        )
        assert "backdated" in message


def test_four_eyes_is_enforced_by_the_database(team: TeamDesk) -> None:
    editor = team.names["editor"]
    from tracker.services.desk import Desk

    with team.store("editor") as store:
        view = load_view(store, SAMPLE_SLUG)
        assert view.en is not None
        Desk(store, editor).save_english(
            SAMPLE_SLUG, (0,), "A standfirst by the editor.", fr_rev=view.fr.number, expected_en_rev=view.en.number
        )
        assert store.revision(SAMPLE_SLUG, "en").author == editor
        sneaky, fr, en = _raw_approval(store, editor, "past the service")
        with pytest.raises(StoreError, match="four eyes"):
            store.add_approval(sneaky, expected_fr_rev=fr, expected_en_rev=en)


def test_desk_members_keep_their_caches_and_an_audit_entry_cannot_claim_another_name(team: TeamDesk) -> None:
    from tracker.services.desk import Desk
    from tracker.storage.audit_store import append_entry

    with team.store("translator") as store:
        assert [s.slug for s in Desk(store, team.names["translator"]).stories()] == [SAMPLE_SLUG]
        with pytest.raises(StoreError, match="cannot be written by"), store._write() as conn:
            append_entry(conn, "approve", SAMPLE_SLUG, "forged", by=team.names["editor"], at=datetime.now(UTC))
        with pytest.raises(StoreError, match="follow the head"), store._write() as conn:
            conn.exec_driver_sql(
                "INSERT INTO audit (at, actor, action, story, detail, prev_hash, hash, facts) "
                f"VALUES (now(), '{team.names['translator']}', 'x', '', '', '{'0' * 64}', 'f', '')"
            )


def test_db_grant_is_the_owner_s_and_changes_a_role_both_in_the_database_and_the_desk(
    team: TeamDesk, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.cli import main

    translator = team.names["translator"]
    assert main(["--db", team.url("admin"), "db", "grant", translator, "--role", "admin"]) == 1
    assert "does not own" in capsys.readouterr().err
    assert main(["--db", team.owner_url, "db", "grant", translator, "--role", "admin"]) == 0
    assert f"granted {translator} the admin role" in capsys.readouterr().out
    with team.connect("translator") as conn:  # now an admin: users and settings are theirs to write
        conn.execute("UPDATE setting SET value = value WHERE key = 'none'")
        assert conn.execute("SELECT role FROM tracker_user WHERE name = %s", (translator,)).fetchone() == ("admin",)
    assert main(["--db", team.owner_url, "db", "grant", translator, "--role", "translator"]) == 0
    assert "permission denied" in _refused(team, "translator", "UPDATE setting SET value = 'off'")
    assert main(["--db", team.owner_url, "db", "grant", "no_such_role_anywhere", "--role", "editor"]) == 3


def test_facts_added_after_the_trust_rules_are_append_only_even_with_privileges_granted(team: TeamDesk) -> None:
    translator, editor = team.names["translator"], team.names["editor"]
    with team.connect("translator") as conn:  # a revocation is a decision: stamped with the writer's own name
        conn.execute(
            "INSERT INTO revocation (story_id, kind, target, actor, at, reason) "
            "SELECT id, 'ack', 'x', %s, now(), 'claimed' FROM story LIMIT 1",
            (editor,),
        )
        assert conn.execute("SELECT actor FROM revocation WHERE reason = 'claimed'").fetchone() == (translator,)
        conn.execute(
            "INSERT INTO term (origin, concept, fr, en, status, note, imported_at, imported_by) "
            "VALUES ('tbx:x', 'c1', 'Kremlin', 'Kremlin', '', '', now(), %s)",
            (translator,),
        )
    # a careless owner hands out every privilege on them: the tables' own rule still says append-only
    with psycopg.connect(team.owner_url.replace("+psycopg", "").split("?")[0], autocommit=True) as conn:
        for table in ("revocation", "term", "feed_file"):
            conn.execute(f'GRANT UPDATE, DELETE, TRUNCATE ON "{team.schema}".{table} TO "{translator}"')
    for statement in (
        "UPDATE revocation SET reason = 'rewritten'",
        "DELETE FROM revocation",
        "UPDATE term SET en = 'Kremlin Palace'",
        "DELETE FROM term",
        "TRUNCATE feed_file",
    ):
        assert "append-only" in _refused(team, "translator", statement), statement
    with team.connect("translator") as conn:
        assert conn.execute("SELECT reason FROM revocation").fetchall() == [("claimed",)]
        assert conn.execute("SELECT en FROM term").fetchall() == [("Kremlin",)]
