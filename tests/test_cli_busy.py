"""A busy SQLite database: the writer says within BUSY_NOTICE_S that it is retrying, then gives up in one line;
and a closed database leaves its changes in the main file (checkpointed), so a copied tracker.db is complete."""

from __future__ import annotations

import gc
import shutil
import sqlite3
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.storage import engine, open_store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database beside a one-paragraph text `fr.txt`; writers say they are busy after 0.1 s."""
    path = tmp_path / "held.db"
    open_store(str(path)).close()
    (tmp_path / "fr.txt").write_text("Un.\n", encoding="utf-8")
    monkeypatch.setattr(engine, "BUSY_NOTICE_S", 0.1)
    return path


def test_a_writer_kept_waiting_says_it_retries_then_gives_up_in_one_line(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = db.parent / "fr.txt"
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.6)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--db", str(db), "import", str(text), "--story", "s", "--lang", "fr"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    lines = capsys.readouterr().err.splitlines()
    assert code == 3
    assert lines == [
        f"tracker: {db}: database is busy (another process is writing); retrying for 0 s",
        f"tracker: error: {db}: database is busy (another process is writing); try again",
    ]


def test_a_writer_that_gets_the_lock_while_retrying_stores_its_revision(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    text = db.parent / "fr.txt"
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    # the holder lets go once the writer has said it is busy (the busy line is its first write to stderr)
    release = threading.Timer(0.5, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        code = main(["--db", str(db), "import", str(text), "--story", "s", "--lang", "fr"])
    finally:
        release.join()
        holder.close()
    out, err = capsys.readouterr()
    assert code == 0 and "stored s fr r1" in out
    assert "database is busy (another process is writing); retrying" in err


def test_a_copied_database_file_holds_every_change(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    text = tmp_path / "fr.txt"
    text.write_text("Un.\n", encoding="utf-8")
    assert main(["--db", str(db), "import", str(text), "--story", "s", "--lang", "fr"]) == 0
    # copied alone, as a person copies "the database", without its -wal file
    shutil.copy(db, tmp_path / "copy.db")
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT slug FROM story").fetchall() == [("s",)]


def test_after_a_terminal_ui_session_the_database_file_alone_holds_its_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    db = tmp_path / "t.db"

    def session(open_backend, story=None):  # type: ignore[no-untyped-def]
        desk = open_backend()
        desk.store.ensure_story("s", "A story written during the session")
        return 0

    # a stand-in for the app module: the session writes, then ends as a person's would
    monkeypatch.setitem(sys.modules, "tracker.tui.app", types.SimpleNamespace(run_app=session))
    monkeypatch.setattr("tracker.cli.common.interactive", lambda: True)  # as in a terminal: pytest's is none
    try:
        assert main(["--db", str(db), "tui"]) == 0
    finally:
        gc.enable()  # `tracker tui` pauses collection for the app to resume, and this stand-in never does
    shutil.copy(db, tmp_path / "copy.db")
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT slug FROM story").fetchall() == [("s",)]
