"""Withdrawals on a PostgreSQL desk: the database refuses one recorded by a translator (whatever the client says),
stamps the writer's own name, and refuses every rewrite or deletion of one (real PostgreSQL roles)."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from trust_desk import TeamDesk, team

from tracker.errors import StoreError
from tracker.services.seed import SAMPLE_SLUG
from tracker.wire_flags import Withdrawal

__all__ = ["team"]
pytestmark = pytest.mark.postgres

INSERT = (
    "INSERT INTO withdrawal (story_id, fr_rev, fr_hash, actor, at, note) "
    "SELECT id, 1, 'h', %s, now(), %s FROM story LIMIT 1"
)


def test_only_editors_record_a_withdrawal_and_it_is_never_rewritten(team: TeamDesk) -> None:
    translator, editor = team.names["translator"], team.names["editor"]
    with team.store("translator") as store:
        forged = Withdrawal(SAMPLE_SLUG, 1, "h" * 64, editor, datetime.now(UTC), "by a modified client")
        with pytest.raises(StoreError, match="only editors and admins record a withdrawal"):
            store.add_withdrawal(forged)
    with team.connect("editor") as conn:
        conn.execute("BEGIN")
        conn.execute(INSERT, (translator, "claimed"))
        assert conn.execute("SELECT actor FROM withdrawal WHERE note = 'claimed'").fetchone() == (editor,)
        conn.execute("COMMIT")
    for who in ("translator", "editor", "admin"):
        for statement in ("UPDATE withdrawal SET note = 'rewritten'", "DELETE FROM withdrawal"):
            with team.connect(who) as conn, pytest.raises(psycopg.Error):
                conn.execute(statement)
