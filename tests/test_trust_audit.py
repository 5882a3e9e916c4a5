"""The audit chain cannot be cut or rewritten unseen: tamper with the database as its owner would (the one role the
triggers do not bind) and `tracker audit --verify`, with a head kept elsewhere, names what was done."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from test_cli_store import run

from tracker.audit import entry_hash
from tracker.services import approvals
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.storage import Store, open_store

T = datetime.now(UTC)


@pytest.fixture
def desk(db_url: str) -> str:
    """The sample story approved by an editor, on SQLite and PostgreSQL (as the schema's owner)."""
    with open_store(db_url) as store:
        seed_sample(store)
        store.add_user("chief", "admin", by="chief", at=T)
        store.add_user("ed", "editor", by="chief", at=T)
        approvals.decide(store, SAMPLE_SLUG, "approved", by="ed", at=T, force=True, note="checked")
    return db_url


def _verify(capsys: pytest.CaptureFixture[str], url: str, *extra: str) -> tuple[int, list[str]]:
    code, out, _ = run(capsys, "--db", url, "audit", "--verify", "--format", "json", *extra)
    report = json.loads(out)
    assert report["ok"] is (code == 0)
    return code, report["problems"]


def _head(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, _ = run(capsys, "--db", url, "audit", "--head")
    assert code == 0
    return out.strip()


def _sql(url: str, statement: str, **params: object) -> None:
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(text(statement), params)


def _rehash_from(store: Store, seq: int) -> None:
    """Recompute every hash from entry `seq` on, as a forger covering an edit would."""
    entries = store.audit()
    prev = next(e.prev_hash for e in entries if e.seq == seq)
    with store.engine.begin() as conn:
        for e in (e for e in entries if e.seq >= seq):
            digest = entry_hash(prev, e.at, e.by, e.action, e.story, e.detail, e.facts)
            conn.execute(
                text("UPDATE audit SET prev_hash = :p, hash = :h WHERE seq = :s"), {"p": prev, "h": digest, "s": e.seq}
            )
            prev = digest


def test_an_untouched_chain_verifies_against_its_head(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    head = _head(capsys, desk)
    count = int(head.split()[0])
    assert count >= 6
    assert _verify(capsys, desk, "--expect", head) == (0, [])


def test_cutting_entries_from_the_end_is_detected(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    head = _head(capsys, desk)
    _sql(desk, "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit ORDER BY seq DESC LIMIT 2)")
    code, problems = _verify(capsys, desk)
    assert code == 1 and any("recorded by no audit entry" in p for p in problems)  # the approval's entry is gone
    code, problems = _verify(capsys, desk, "--expect", head)
    assert code == 1 and any("cut from its end" in p for p in problems)


def test_a_forged_append_with_a_recomputed_hash_is_detected(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    head = _head(capsys, desk)
    with open_store(desk) as store:
        last = store.audit()[-1]
        forged = entry_hash(last.prev_hash, last.at, "chief-editor", last.action, last.story, last.detail, last.facts)
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET actor = 'chief-editor', hash = :h WHERE seq = :s"),
                         {"h": forged, "s": last.seq})  # fmt: skip
    assert _verify(capsys, desk)[0] == 0  # the chain alone cannot tell
    code, problems = _verify(capsys, desk, "--expect", head)
    assert code == 1 and problems == [
        f"entry {head.split()[0]} of the log is not the expected head: the chain up to it was rewritten"
    ]


def test_a_full_rehash_after_an_edit_is_detected(capsys: pytest.CaptureFixture[str], desk: str) -> None:
    head = _head(capsys, desk)
    with open_store(desk) as store:
        first = store.audit()[0]
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET detail = 'nothing happened' WHERE seq = :s"), {"s": first.seq})
        _rehash_from(store, first.seq)
    assert _verify(capsys, desk)[0] == 0
    code, problems = _verify(capsys, desk, "--expect", head.replace(" ", ":"))
    assert code == 1 and "rewritten" in problems[0]


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("UPDATE approval SET verdict = 'approved', note = 'fine'", "approval 1: differs"),
        ("UPDATE paragraph SET text = 'A different standfirst.' WHERE idx = 0", "revision"),
        ("DELETE FROM approval", "approval 1: recorded by entry"),
        ("UPDATE tracker_user SET role = 'admin' WHERE name = 'ed'", "user ed: differs"),
        (
            "INSERT INTO ack (story_id, fr_hash, kind, actor, at, note) "
            "SELECT id, 'h', 'no-change', 'ed', CURRENT_TIMESTAMP, 'x' FROM story",
            "stored but recorded by no audit entry",
        ),
    ],
)
def test_fact_rows_changed_behind_the_chain_are_detected(
    capsys: pytest.CaptureFixture[str], desk: str, statement: str, expected: str
) -> None:
    assert _verify(capsys, desk)[0] == 0
    _sql(desk, statement)
    code, problems = _verify(capsys, desk)
    assert code == 1 and any(expected in p for p in problems), problems


def _keypair(tmp: Path, name: str) -> tuple[Path, str]:
    key = tmp / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key, key.with_suffix(".pub").read_text().strip()


def test_a_signed_head_verifies_only_against_its_signer(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    with open_store(sqlite_url) as store:
        seed_sample(store)
    key, public = _keypair(tmp_path, "chief")
    _, other = _keypair(tmp_path, "mallory")
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'chief@desk namespaces="tracker-audit" {public}\n')
    code, signed, _ = run(capsys, "--db", sqlite_url, "audit", "--head", "--sign", str(key))
    assert code == 0 and "BEGIN SSH SIGNATURE" in signed
    head_file = tmp_path / "head.signed"
    head_file.write_text(signed)
    code, out, err = run(capsys, "--db", sqlite_url, "audit", "--verify", "--expect", str(head_file),
                         "--allowed-signers", str(allowed))  # fmt: skip
    assert code == 0 and "signed by chief@desk" in err
    # the same head without a signature, a head edited under its signature, a signer not allowed
    unsigned = tmp_path / "head.txt"
    unsigned.write_text(signed.splitlines()[0] + "\n")
    count, digest = signed.splitlines()[0].split()
    edited = tmp_path / "head.edited"
    edited.write_text(signed.replace(f"{count} {digest}", f"{int(count) - 1} {digest}", 1))
    other_allowed = tmp_path / "other_allowed"
    other_allowed.write_text(f'mallory@desk namespaces="tracker-audit" {other}\n')
    for head, signers, why in (
        (unsigned, allowed, "not signed"),
        (edited, allowed, "does not verify"),
        (head_file, other_allowed, "does not verify"),
    ):
        code, problems = _verify(capsys, sqlite_url, "--expect", str(head), "--allowed-signers", str(signers))
        assert code == 1 and any(why in p for p in problems), (head, problems)


def test_facts_stored_before_the_trust_schema_are_recorded_by_a_baseline_entry(sqlite_url: str) -> None:
    from alembic import command

    from tracker.storage.engine import make_engine, resolve_url
    from tracker.storage.migrate import alembic_config

    engine = make_engine(resolve_url(sqlite_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
        conn.execute(text("INSERT INTO story (id, slug, title, created_at) VALUES (1, 'old', '', CURRENT_TIMESTAMP)"))
        conn.execute(
            text(
                "INSERT INTO revision (id, story_id, lang, number, created_at, author, origin, content_hash, status, "
                "meta) VALUES (1, 1, 'fr', 1, CURRENT_TIMESTAMP, 'afp', '', 'c', 'usable', '[]')"
            )
        )
        conn.execute(text("INSERT INTO paragraph VALUES (1, 0, 'Un fait.', 'h', 0, 0, 'body')"))
    engine.dispose()
    with open_store(sqlite_url) as store:
        (baseline,) = store.audit()
        assert baseline.action == "baseline" and json.loads(baseline.facts)[0][:2] == ["revision", "1"]
        assert store.fact_problems(store.audit()) == []
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE paragraph SET text = 'Un autre fait.'"))
        assert store.fact_problems(store.audit()) == [
            "revision 1: differs from what entry 1 recorded (the row was edited)"
        ]
