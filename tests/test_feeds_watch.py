"""`tracker watch` on a real folder: slow writes, renames, duplicates, refusals, restarts and a kill mid-import."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.services.watch import Settler, candidates, watch
from tracker.storage import Store, open_store

ROOT = Path(__file__).parent.parent
ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:20261201:{guid}" version="{v}">
 <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:usable"/>
 <versionCreated>2026-12-01T0{v}:00:00Z</versionCreated></itemMeta>
 <contentMeta><language tag="{lang}"/><headline>{headline}</headline></contentMeta>
 <contentSet><inlineXML><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
 {paragraphs}
 </body.content></body></nitf></inlineXML></contentSet></newsItem>
"""


def item(guid: str, *texts: str, v: int = 1, lang: str = "fr", headline: str = "Titre") -> bytes:
    paragraphs = "".join(f"<p>{t}</p>" for t in texts)
    return ITEM.format(guid=guid, v=v, lang=lang, headline=headline, paragraphs=paragraphs).encode()


def story(guid: str) -> str:
    return f"urn-newsml-example-org-20261201-{guid}"


class Lines(list[str]):
    def has(self, text: str) -> bool:
        return any(text in line for line in list(self))


def once(store: Store, folder: Path, settle: float = 0.2) -> Lines:
    lines = Lines()
    watch(store, folder, by="wire", log=lines.append, once=True, settle=settle)
    return lines


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "drop"
    path.mkdir()
    return path


def test_once_imports_every_file_in_wire_order_and_a_restart_imports_nothing_again(
    memory_store: Store, folder: Path
) -> None:
    (folder / "sub").mkdir()
    (folder / "a.xml").write_bytes(item("gel", "Deuxième version.", v=2))  # named first, wire second
    (folder / "sub" / "b.xml").write_bytes(item("gel", "Première version."))
    lines = once(memory_store, folder)
    assert len(lines) == 2 and lines.has("imported a.xml") and lines.has("imported sub/b.xml")
    numbers = [r.number for r in memory_store.revisions(story("gel"), "fr")]
    texts = [memory_store.revision(story("gel"), "fr", n).texts[1] for n in numbers]
    assert texts == ["Première version.", "Deuxième version."]
    assert once(memory_store, folder) == []  # recorded: a restart reads nothing twice
    assert (folder / "a.xml").exists() and (folder / "sub" / "b.xml").exists()  # imported files stay


def test_a_refused_file_moves_aside_with_its_reason_and_is_never_deleted(memory_store: Store, folder: Path) -> None:
    (folder / "broken.xml").write_bytes(b"<newsItem><itemMeta>")
    lines = once(memory_store, folder)
    assert lines.has("refused  broken.xml: malformed XML")
    assert not (folder / "broken.xml").exists()
    assert (folder / ".refused" / "broken.xml").read_bytes() == b"<newsItem><itemMeta>"
    assert "malformed XML" in (folder / ".refused" / "broken.xml.why").read_text(encoding="utf-8")
    (folder / "broken.xml").write_bytes(b"<newsItem><itemMeta>")  # delivered again: kept beside the first
    once(memory_store, folder)
    assert (folder / ".refused" / "broken.xml.1").exists() and (folder / ".refused" / "broken.xml.1.why").exists()


def test_the_same_bytes_delivered_twice_are_imported_once(memory_store: Store, folder: Path) -> None:
    (folder / "a.xml").write_bytes(item("pluie", "Il pleut."))
    once(memory_store, folder)
    (folder / "copy-of-a.xml").write_bytes(item("pluie", "Il pleut."))
    lines = once(memory_store, folder)
    assert lines.has("refused  copy-of-a.xml: same bytes as a.xml")
    assert (folder / ".refused" / "copy-of-a.xml").exists()
    assert len(memory_store.revisions(story("pluie"), "fr")) == 1


def test_a_partial_name_waits_until_renamed(memory_store: Store, folder: Path) -> None:
    (folder / "vent.xml.part").write_bytes(item("vent", "Le vent souffle."))
    (folder / ".vent.xml").write_bytes(item("vent", "Fichier caché."))
    assert once(memory_store, folder) == []
    os.rename(folder / "vent.xml.part", folder / "vent.xml")
    assert once(memory_store, folder).has("imported vent.xml")
    assert candidates(folder) == [folder / "vent.xml"]


def test_settler_waits_for_size_and_time_to_hold_still(folder: Path) -> None:
    clock = [100.0]
    settler = Settler(settle=5.0, clock=lambda: clock[0])
    path = folder / "x.xml"
    path.write_bytes(b"<a>")
    assert settler.ready([path]) == ([], 1)  # just written
    clock[0] += 6
    assert settler.ready([path]) == ([path], 0)
    with path.open("ab") as handle:
        handle.write(b"</a>")
    assert settler.ready([path]) == ([], 1)  # grew: the clock starts again


def write_slowly(path: Path, data: bytes, chunks: int = 6, pause: float = 0.15) -> None:
    size = len(data) // chunks + 1
    with path.open("wb") as handle:
        for start in range(0, len(data), size):
            handle.write(data[start : start + size])
            handle.flush()
            time.sleep(pause)


def test_once_waits_for_a_file_still_being_written(memory_store: Store, folder: Path) -> None:
    data = item("lent", *(f"Paragraphe {i} écrit lentement." for i in range(40)))
    writer = threading.Thread(target=write_slowly, args=(folder / "lent.xml", data))
    writer.start()
    while not (folder / "lent.xml").exists():
        time.sleep(0.01)
    lines = once(memory_store, folder, settle=1.0)
    writer.join()
    assert lines.has("imported lent.xml"), lines
    assert len(memory_store.revision(story("lent"), "fr").texts) == 41


class Watcher:
    """`watch` running in a thread, as `tracker watch DIR` runs, with a way to wait for its log."""

    def __init__(self, store: Store, folder: Path, *, polling: bool) -> None:
        self.lines = Lines()
        self.stop = threading.Event()
        kwargs = {"by": "wire", "log": self.lines.append, "settle": 0.5, "polling": polling, "stop": self.stop}
        self.thread = threading.Thread(target=watch, args=(store, folder), kwargs=kwargs)

    def wait_for(self, text: str, limit: float = 60.0) -> None:
        """Wait until the log shows `text` (the limit only keeps a broken watcher from hanging the suite)."""
        deadline = time.monotonic() + limit
        while not self.lines.has(text):
            assert time.monotonic() < deadline, f"never logged {text!r}: {list(self.lines)}"
            time.sleep(0.05)


@pytest.fixture(params=[False, True], ids=["notify", "polling"])
def watcher(request: pytest.FixtureRequest, memory_store: Store, folder: Path) -> Iterator[Watcher]:
    running = Watcher(memory_store, folder, polling=request.param)
    running.thread.start()
    yield running
    running.stop.set()
    running.thread.join(timeout=30)
    assert not running.thread.is_alive()


def test_the_watcher_imports_a_file_written_slowly_once_and_whole(
    watcher: Watcher, memory_store: Store, folder: Path
) -> None:
    data = item("lent", *(f"Paragraphe {i}." for i in range(30)))
    write_slowly(folder / "lent.xml", data, pause=0.1)
    watcher.wait_for("imported lent.xml")
    assert not watcher.lines.has("refused")  # never read half-written
    assert len(memory_store.revision(story("lent"), "fr").texts) == 31


def test_the_watcher_takes_a_renamed_part_file_and_says_when_english_goes_stale(
    watcher: Watcher, memory_store: Store, folder: Path
) -> None:
    (folder / "fr1.xml").write_bytes(item("neige", "Il neige sur Lyon.", "Les routes sont fermées."))
    watcher.wait_for("imported fr1.xml")
    english = item("neige-en", "It is snowing in Lyon.", "Roads are closed.", lang="en", headline="Title")
    english = english.replace(b"</itemMeta>", b'<link rel="irel:translatedFrom" residref="urn:newsml:example.org:'
                              b'20261201:neige" version="1"/></itemMeta>')  # fmt: skip
    (folder / "en1.xml").write_bytes(english)
    watcher.wait_for("imported en1.xml")
    (folder / "fr2.xml.part").write_bytes(
        item("neige", "Il neige sur Lyon et Grenoble.", "Les routes sont fermées.", v=2)
    )
    os.rename(folder / "fr2.xml.part", folder / "fr2.xml")
    watcher.wait_for("imported fr2.xml")
    watcher.wait_for(f"stale    {story('neige')}: French r2 makes English r1 stale")
    assert len([line for line in watcher.lines if "fr2.xml" in line]) == 1


def test_watch_command_once_exits_3_when_a_file_is_refused(
    folder: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "good.xml").write_bytes(item("soleil", "Il fait beau."))
    (folder / "bad.json").write_bytes(b"{not json")
    assert main(["--db", sqlite_url, "watch", str(folder), "--once", "--settle", "0.1"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and any("imported good.xml" in line for line in err)
    assert main(["--db", sqlite_url, "watch", str(folder), "--once", "--settle", "0.1"]) == 0
    assert capsys.readouterr().err == ""


def test_a_kill_mid_import_stores_nothing_twice_and_a_restart_finishes(folder: Path, tmp_path: Path) -> None:
    count = 300  # two import batches: the kill lands after the first is committed
    for i in range(count):
        (folder / f"item-{i:04}.xml").write_bytes(item(f"k{i}", f"Dépêche numéro {i}.", f"Suite {i}."))
    db = tmp_path / "kill.db"
    with open_store(str(db)):
        pass  # the schema exists before the watcher starts, so the probe below can read it
    command = [sys.executable, "-m", "tracker", "--db", str(db), "watch", str(folder), "--once", "--settle", "0.1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while _revisions(db) == 0 and process.poll() is None:
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    first = _revisions(db)
    assert main(["--db", str(db), "watch", str(folder), "--once", "--settle", "0.1"]) == 0
    with open_store(str(db)) as store:
        assert all(len(store.revisions(story(f"k{i}"), "fr")) == 1 for i in range(count))
    assert _revisions(db) == count >= first
    assert _scalar(db, "select count(*) from feed_file") == count
    assert not (folder / ".refused").exists()


def _scalar(db: Path, query: str) -> int:
    with sqlite3.connect(db) as conn:
        try:
            return int(conn.execute(query).fetchone()[0])
        except sqlite3.OperationalError:
            return 0  # locked or not created yet


def _revisions(db: Path) -> int:
    return _scalar(db, "select count(*) from revision")
