"""Two processes writing to one SQLite file at once both succeed or one is told the database is busy; nothing breaks.

Also: a database held by another writer gives a one-line "busy" error naming it, never a traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.audit import verify
from tracker.cli import main
from tracker.errors import BusyError
from tracker.model import Document, Paragraph
from tracker.storage import engine, open_store

WRITER = textwrap.dedent(
    """
    import sys, time
    from tracker.cli import main
    db, story, folder, go = sys.argv[1:5]
    while time.time() < float(go):
        time.sleep(0.001)
    codes = []
    for i in range(8):
        path = f"{folder}/{story}-{i}.txt"
        codes.append(main(["--db", db, "import", path, "--story", story, "--lang", "fr"]))
    print("codes:", *codes)
    """
)


def _files(folder: Path, story: str) -> None:
    for i in range(8):
        text = f"Paragraphe {i} de {story} par {folder.name}.\n\nSuite {i}.\n"
        (folder / f"{story}-{i}.txt").write_text(text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("same_story", [False, True], ids=["two-stories", "one-story"])
def test_two_processes_importing_into_one_sqlite_file(tmp_path: Path, same_story: bool) -> None:
    import time

    db = tmp_path / "shared.db"  # not created yet: both processes also race to create the schema
    stories = ["a", "a"] if same_story else ["a", "b"]
    for folder_name, story in zip(("p0", "p1"), stories, strict=True):
        (tmp_path / folder_name).mkdir()
        _files(tmp_path / folder_name, story)
    go = str(time.time() + 3.0)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), story, str(tmp_path / folder), go],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder, story in zip(("p0", "p1"), stories, strict=True)
    ]
    results = [p.communicate(timeout=120) for p in procs]

    stored = 0
    for (out, err), proc in zip(results, procs, strict=True):
        assert proc.returncode == 0, err
        codes = out.splitlines()[-1].split()[1:]
        assert set(codes) <= {"0", "3"}, err
        for line in err.splitlines():
            assert "busy" in line, err  # the only failure allowed is a clear "busy"
        stored += codes.count("0")
    with open_store(str(db)) as store:
        revisions = [r for s in store.stories() for r in store.revisions(s.slug)]
        assert len(revisions) == stored  # every success is stored, every failure left nothing
        for story in {r.story for r in revisions}:
            numbers = [r.number for r in store.revisions(story, "fr")]
            assert numbers == list(range(1, len(numbers) + 1))
        assert verify(store.audit()) == []
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_database_held_by_another_writer_is_reported_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "held.db"
    open_store(str(db)).close()
    text = tmp_path / "fr.txt"
    text.write_text("Un.\n", encoding="utf-8")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--db", str(db), "import", str(text), "--story", "s", "--lang", "fr"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 3
    assert err == f"tracker: error: {db}: database is busy (another process is writing); try again\n"
    with open_store(str(db)) as store:
        assert store.stories() == []


def test_threads_sharing_an_in_memory_store_see_each_others_writes() -> None:
    at = datetime(2022, 1, 1, tzinfo=UTC)
    with open_store("sqlite://") as store:
        errors: list[BaseException] = []

        def write(n: int) -> None:
            try:
                store.add_revision(f"s{n}", "fr", Document((Paragraph(0, f"P {n}."),)), by="t", at=at)
            except BaseException as exc:  # collected so the main thread can fail with it
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(store.stories()) == 4


def test_busy_is_a_store_error_callers_can_retry_on() -> None:
    assert issubclass(BusyError, engine.StoreError)


def test_concurrent_writers_to_one_story_get_consecutive_numbers_and_one_audit_chain(db_url: str) -> None:
    at = datetime(2022, 1, 1, tzinfo=UTC)
    errors: list[BaseException] = []
    with open_store(db_url) as store:

        def write(worker: int) -> None:
            try:
                for n in range(5):
                    document = Document((Paragraph(0, f"Worker {worker}, version {n}."),))
                    store.add_revision("s", "fr", document, by=f"w{worker}", at=at)
            except BaseException as exc:  # collected so the main thread can fail with it
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert [r.number for r in store.revisions("s")] == list(range(1, 21))
        assert verify(store.audit()) == []


def test_two_first_opens_of_one_empty_database_both_succeed(db_url: str) -> None:
    errors: list[BaseException] = []

    def open_once() -> None:
        try:
            open_store(db_url).close()
        except BaseException as exc:  # collected so the main thread can fail with it
            errors.append(exc)

    threads = [threading.Thread(target=open_once) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(db_url) as store:
        assert store.stories() == []
