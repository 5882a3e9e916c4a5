"""Identity from the connection on every face: on a PostgreSQL desk each write is its connection's role, and a
name given with --as, TRACKER_USER or --author for anyone else is refused (CLI, Desk/terminal UI, XLIFF import)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_cli_store import fr_file, run
from trust_desk import TeamDesk, team

from tracker.errors import ForbiddenError, IdentityError
from tracker.services.desk import Desk
from tracker.services.seed import SAMPLE_SLUG
from tracker.services.views import load_view

__all__ = ["fr_file", "team"]
pytestmark = pytest.mark.postgres


def _refused_in_one_line(code: int, err: str, name: str) -> None:
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "refused" in err and name in err


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{fr}", "--story", "s", "--lang", "fr"],
        ["ack", SAMPLE_SLUG, "0", "--kind", "no-change", "--note", "n"],
        ["waive", SAMPLE_SLUG, "0", "--check", "numbers", "--reason", "n"],
        ["link", "confirm", SAMPLE_SLUG, "1", "1"],
        ["approve", SAMPLE_SLUG, "--force", "--note", "n"],
        ["users", "add", "mallory", "--role", "admin"],
        ["import-folder", "{tmp}"],
        ["tui"],
    ],
)
def test_as_naming_someone_else_is_refused_by_every_command(
    team: TeamDesk, capsys: pytest.CaptureFixture[str], fr_file: Path, command: list[str]
) -> None:
    args = [a.format(fr=fr_file, tmp=fr_file.parent) for a in command]
    editor = team.names["editor"]
    code, out, err = run(capsys, "--db", team.url("translator"), "--as", editor, *args)
    _refused_in_one_line(code, err, editor)
    assert out == ""
    with team.store("translator") as store:
        assert [e for e in store.audit() if e.by == editor] == []


def test_tracker_user_naming_someone_else_is_refused_too(
    team: TeamDesk, capsys: pytest.CaptureFixture[str], fr_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_USER", team.names["admin"])
    code, _, err = run(capsys, "--db", team.url("translator"), "import", str(fr_file), "--story", "s", "--lang", "fr")
    _refused_in_one_line(code, err, team.names["admin"])
    monkeypatch.setenv("TRACKER_USER", team.names["translator"])  # one's own name is fine
    code, _, _ = run(capsys, "--db", team.url("translator"), "import", str(fr_file), "--story", "s", "--lang", "fr")
    assert code == 0


def test_the_author_of_a_revision_is_who_stored_it(
    team: TeamDesk, capsys: pytest.CaptureFixture[str], fr_file: Path
) -> None:
    url, editor, translator = team.url("editor"), team.names["editor"], team.names["translator"]
    code, _, err = run(
        capsys, "--db", url, "import", str(fr_file), "--story", "s", "--lang", "fr", "--author", translator
    )
    _refused_in_one_line(code, err, translator)
    code, _, _ = run(capsys, "--db", url, "import", str(fr_file), "--story", "s", "--lang", "fr")
    assert code == 0
    with team.store("editor") as store:
        assert [r.author for r in store.revisions("s")] == [editor]
        assert {e.by for e in store.audit("s")} == {editor}


def test_a_desk_acts_as_its_connection_whatever_name_the_face_passes(team: TeamDesk) -> None:
    translator, editor = team.names["translator"], team.names["editor"]
    with team.store("translator") as store:
        with pytest.raises(IdentityError, match="database role"):
            Desk(store, editor)
        desk = Desk(store, translator)
        with pytest.raises(ForbiddenError, match="translator"):
            desk.approve(SAMPLE_SLUG, "mine", fr_rev=3, en_rev=2, force=True)
        view = load_view(store, SAMPLE_SLUG)
        assert view.en is not None
        saved = desk.save_english(SAMPLE_SLUG, (0,), "A new standfirst.", fr_rev=3, expected_en_rev=view.en.number)
        assert saved.author == translator
        assert store.revision(SAMPLE_SLUG, "en").author == translator


def test_an_xliff_import_is_the_importer_s(team: TeamDesk, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tracker.services.folder_store import exchange_file

    translator = team.names["translator"]
    with team.store("translator") as store:
        data = exchange_file(store, SAMPLE_SLUG, "xliff", at=datetime.now(UTC), by=translator)
    text = data.decode()
    start = text.index(">", text.index("<target")) + 1
    path = tmp_path / "returned.xlf"
    path.write_text(text[:start] + "Revised: " + text[start:], encoding="utf-8")
    code, _, err = run(capsys, "--db", team.url("translator"), "--as", team.names["editor"], "import", str(path))
    _refused_in_one_line(code, err, team.names["editor"])
    code, out, err = run(capsys, "--db", team.url("translator"), "import", str(path))
    assert code == 0, err
    with team.store("translator") as store:
        latest = store.revision(SAMPLE_SLUG, "en")
        assert latest.author == translator and latest.paragraphs[0].text.startswith("Revised: ")
