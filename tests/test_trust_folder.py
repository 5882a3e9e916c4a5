"""import-folder re-makes a sidecar's decisions as the importing user, under that user's rules: carried and
recorded as such, never stored under the folder's names or dates (a real PostgreSQL desk, one role per person)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_cli_store import run
from trust_desk import TeamDesk, team

from tracker.services import approvals
from tracker.services.folder_store import export_folder
from tracker.services.seed import SAMPLE_SLUG

__all__ = ["team"]
pytestmark = pytest.mark.postgres


@pytest.fixture
def folder(team: TeamDesk, tmp_path: Path) -> Path:
    """The sample story approved by the editor, exported as a story folder."""
    with team.store("editor") as store:
        approvals.decide(store, SAMPLE_SLUG, "approved", by=team.names["editor"], at=datetime.now(UTC), force=True,
                         note="checked by phone")  # fmt: skip
        return export_folder(store, SAMPLE_SLUG, tmp_path / "sochi")


def test_a_translator_carries_acknowledgements_but_not_an_approval(
    team: TeamDesk, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translator, editor = team.names["translator"], team.names["editor"]
    code, out, err = run(capsys, "--db", team.url("translator"), "import-folder", str(folder), "--story", "copy")
    assert code == 0, err
    assert f"approved by {editor} not carried" in out and "only editors and admins" in out
    with team.store("translator") as store:
        assert store.approvals("copy") == []
        acks = store.acks("copy")
        assert acks and {a.by for a in acks} == {translator}
        assert all(a.note.startswith(f"acknowledgement carried from folder {folder}, by ") for a in acks)
        assert {r.author for r in store.revisions("copy")} == {translator}
        assert {e.by for e in store.audit("copy")} == {translator}
        assert all(abs((a.at - datetime.now(UTC)).total_seconds()) < 600 for a in acks)  # dated when carried


def test_an_editor_carries_the_approval_as_their_own_under_four_eyes(
    team: TeamDesk, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    editor = team.names["editor"]
    code, out, _ = run(capsys, "--db", team.url("editor"), "import-folder", str(folder), "--story", "mine")
    assert code == 0 and "four eyes" in out  # the editor just stored this English: they may not approve it
    run(capsys, "--db", team.url("translator"), "import-folder", str(folder), "--story", "theirs")
    code, out, _ = run(capsys, "--db", team.url("editor"), "import-folder", str(folder), "--story", "theirs")
    assert code == 0 and f"approved by {editor} carried as {editor}" in out
    with team.store("editor") as store:
        (carried,) = store.approvals("theirs")
        assert carried.by == editor and carried.note.startswith(f"approval carried from folder {folder}, by {editor}")
        assert ", unverified" in carried.note
    code, out, _ = run(capsys, "--db", team.url("editor"), "import-folder", str(folder), "--story", "theirs")
    assert code == 0 and "carried" not in out  # carried once, not again
