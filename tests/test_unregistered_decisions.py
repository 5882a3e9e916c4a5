"""A person the desk does not know reads only: acknowledging, waiving, linking and taking a decision back are
refused to them, from the CLI and from the terminal UI's desk, with the rule's words; registered users may."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.errors import ForbiddenError
from tracker.services.desk import Desk
from tracker.storage import open_store

SLUG = "sochi-summit"
AT = datetime(2026, 12, 2, tzinfo=UTC)


@pytest.fixture
def desk_db(tmp_path: Path) -> str:
    from tracker.services.seed import ensure_seeded

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    with open_store(url) as store:
        ensure_seeded(store)
        store.add_user("ana", "translator", by="ana", at=AT)
    return url


@pytest.mark.parametrize(
    "args",
    [
        ["ack", SLUG, "6", "--kind", "omitted", "--note", "left out"],
        ["waive", SLUG, "5", "6", "--check", "numbers", "--reason", "checked"],
        ["link", "confirm", SLUG, "5", "6"],
        ["ack", SLUG, "6", "--revoke", "--note", "taken back"],
    ],
)
def test_the_cli_refuses_an_unregistered_person_s_decision(
    desk_db: str, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(desk_db) as store:
        before = (store.acks(SLUG), store.waivers(SLUG), store.link_decisions(SLUG, 3, 2))
    code = main(["--db", desk_db, "--as", "mallory", *args])
    err = capsys.readouterr().err
    assert code != 0 and "mallory is not a registered user" in err, err
    with open_store(desk_db) as store:
        assert (store.acks(SLUG), store.waivers(SLUG), store.link_decisions(SLUG, 3, 2)) == before


def test_the_desk_refuses_an_unregistered_person_and_lets_a_registered_one(desk_db: str) -> None:
    with open_store(desk_db) as store:
        mallory, ana = Desk(store, "mallory"), Desk(store, "ana")
        view = ana.view(SLUG)
        french_only = next(r for r in view.rows if r.fr and not r.en)
        index = french_only.fr[0].index
        with pytest.raises(ForbiddenError, match="mallory is not a registered user"):
            mallory.ack(SLUG, index, "omitted", "left out", fr_rev=view.fr.number)
        row = next(r for r in view.rows if r.fr and r.en)
        assert view.en is not None
        with pytest.raises(ForbiddenError, match="not a registered user"):
            mallory.relink(SLUG, row.link.fr, row.link.en, fr_rev=view.fr.number, en_rev=view.en.number)
        assert store.acks(SLUG) == [] or all(a.by != "mallory" for a in store.acks(SLUG))
        made = ana.ack(SLUG, index, "omitted", "left out", fr_rev=view.fr.number)
        assert made.by == "ana"
        with pytest.raises(ForbiddenError, match="not a registered user"):
            mallory.revoke(SLUG, made, "not mine to keep")


def test_a_paragraph_approval_refused_for_open_items_names_the_way_to_force_it(desk_db: str) -> None:
    from tracker.errors import RefusedError
    from tracker.services.approvals import decide

    with open_store(desk_db) as store:
        store.add_user("ed", "editor", by="ana", at=AT)
        view = Desk(store, "ed").view(SLUG)
        stale = next(r for r in view.rows if any(f.kind == "stale" for f in r.flags))
        with pytest.raises(RefusedError) as refused:
            decide(store, SLUG, "approved", by="ed", at=datetime.now(UTC), note="", paragraph=stale.en[0].index)
        assert "--paragraph N --force" in str(refused.value) and "Force in the terminal UI" not in str(refused.value)
