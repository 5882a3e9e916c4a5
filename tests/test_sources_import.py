"""Importing wire files and git histories into a store: versions in order, kills shown, bad files refused."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.errors import InputError
from tracker.services.file_reading import read_source
from tracker.services.formats import import_paths
from tracker.services.gitimport import import_git
from tracker.storage import Store, open_store

OWN = Path(__file__).parent / "data" / "newsml" / "own"
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
FR_STORY = "urn-newsml-example-org-20261126-fr-port-greve"


@pytest.fixture
def wire_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    (folder / "nested").mkdir(parents=True)
    # names in reverse wire order: the import must still store v1, v2, v3
    shutil.copy(OWN / "port-fr-v3-kill.xml", folder / "a-kill.xml")
    shutil.copy(OWN / "port-fr-v2-correction.xml", folder / "nested" / "b.xml")
    shutil.copy(OWN / "port-fr-v1.xml", folder / "c.xml")
    shutil.copy(OWN / "port-en-v1.xml", folder / "d-en.xml")
    (folder / ".hidden.xml").write_text("not news")
    return folder


def test_folder_import_stores_versions_in_wire_order_with_kill_and_correction(
    memory_store: Store, wire_folder: Path
) -> None:
    results = import_paths(memory_store, [wire_folder], by="desk", at=AT)
    assert [r.outcome for r in results] == ["imported"] * 4
    french = memory_store.revisions(FR_STORY, "fr")
    assert [dict(r.meta)["version"] for r in french] == ["1", "2", "3"]
    assert french[1].label is not None and french[1].label.startswith("correction:")
    assert [r.status for r in french] == ["usable", "usable", "canceled"]
    (english,) = memory_store.revisions(FR_STORY, "en")
    assert english.based_on == 2  # the French version the English names as its source


def test_reimporting_the_same_files_skips_them_as_unchanged(memory_store: Store, wire_folder: Path) -> None:
    import_paths(memory_store, [wire_folder], by="desk", at=AT)
    again = import_paths(memory_store, [wire_folder / "c.xml"], by="desk", at=AT)
    assert [r.outcome for r in again] == ["skipped"]


def test_bad_files_are_refused_and_nothing_of_them_is_stored(memory_store: Store, tmp_path: Path) -> None:
    (tmp_path / "evil.xml").write_bytes(
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><newsItem>&e;</newsItem>'
    )
    (tmp_path / "broken.xml").write_bytes(b"<newsItem><itemMeta>")
    (tmp_path / "german.xml").write_bytes((OWN / "port-fr-v1.xml").read_bytes().replace(b'tag="fr"', b'tag="de"'))
    results = {Path(r.source).name: r for r in import_paths(memory_store, [tmp_path], by="desk", at=AT)}
    assert {name: r.outcome for name, r in results.items()} == dict.fromkeys(results, "refused")
    assert "declares entities" in results["evil.xml"].problem
    assert "malformed XML" in results["broken.xml"].problem
    assert "not tracked" in results["german.xml"].problem
    assert memory_store.stories() == []


def test_a_500_mb_file_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(500 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        read_source(huge)


def git(repo: Path, *args: str, author: str = "Ann Writer", date: str = "2026-11-20T10:00:00+00:00") -> None:
    env = {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": str(repo),
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    story = repo / "story.fr.txt"
    story.write_text("Titre\n\nPremier paragraphe.\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first urgent")
    (repo / "other.txt").write_text("unrelated\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "unrelated file")
    story.write_text("Titre\n\nPremier paragraphe.\n\nDeuxième paragraphe.\n")
    git(repo, "commit", "-q", "-am", "full story", author="Bo Editor", date="2026-11-20T11:30:00+00:00")
    return repo


def test_each_commit_that_changed_the_file_becomes_a_revision(memory_store: Store, repo: Path) -> None:
    results = import_git(memory_store, repo / "story.fr.txt", story="sochi", lang="fr", by="desk")
    assert [r.created for r in results] == [True, True]
    revisions = memory_store.revisions("sochi", "fr")
    assert [r.label for r in revisions] == ["first urgent", "full story"]
    assert [r.author for r in revisions] == ["Ann Writer", "Bo Editor"]
    assert revisions[1].created_at == datetime(2026, 11, 20, 11, 30, tzinfo=UTC)
    assert revisions[1].origin.startswith("git:")


def test_import_git_command_reports_each_commit_and_skips_unchanged(
    repo: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", sqlite_url, "import-git", str(repo / "story.fr.txt"), "--story", "sochi", "--lang", "fr"]
    assert main(argv) == 0
    assert main([*argv, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "stored    sochi fr r2" in out
    assert '"created": false' in out
    with open_store(sqlite_url) as store:
        assert len(store.revisions("sochi", "fr")) == 2


def test_a_commit_with_unreadable_content_stores_nothing(memory_store: Store, repo: Path) -> None:
    (repo / "story.fr.txt").write_bytes(b"\x00\x01\x02" * 50)
    git(repo, "commit", "-q", "-am", "binary garbage")
    with pytest.raises(InputError, match="binary"):
        import_git(memory_store, repo / "story.fr.txt", story="sochi", lang="fr", by="desk")
    assert memory_store.stories() == []


def test_import_git_outside_a_repository_is_a_clear_error(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "f.txt").write_text("x\n")
    argv = ["--db", sqlite_url, "import-git", str(tmp_path / "f.txt"), "--story", "s", "--lang", "fr"]
    assert main(argv) == 3


def test_an_older_wire_version_arriving_late_does_not_become_the_latest(memory_store: Store, tmp_path: Path) -> None:
    import_paths(memory_store, [OWN / "port-fr-v2-correction.xml"], by="desk", at=AT)
    late = import_paths(memory_store, [OWN / "port-fr-v1.xml"], by="desk", at=AT)
    assert [r.outcome for r in late] == ["skipped"]
    assert [dict(r.meta)["version"] for r in memory_store.revisions(FR_STORY, "fr")] == ["2"]


def test_parsing_in_worker_processes_gives_the_same_result(memory_store: Store, wire_folder: Path) -> None:
    (wire_folder / "broken.xml").write_bytes(b"<newsItem>")
    results = import_paths(memory_store, [wire_folder], by="desk", at=AT, workers=2)
    assert sorted(r.outcome for r in results) == ["imported"] * 4 + ["refused"]
    assert [r.status for r in memory_store.revisions(FR_STORY, "fr")] == ["usable", "usable", "canceled"]


def test_import_command_reads_a_wire_folder_and_reports_each_file(
    wire_folder: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "import", str(wire_folder)]) == 0
    out, err = capsys.readouterr()
    assert out.count("imported") == 4
    assert "4 imported, 0 skipped, 0 refused" in err
    assert main(["--db", sqlite_url, "import", str(wire_folder), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["imported"], report["skipped"], report["refused"]) == (0, 4, 0)
    assert main(["--db", sqlite_url, "log", FR_STORY, "--lang", "fr"]) == 0
    log = capsys.readouterr().out.splitlines()
    assert "[KILL]" in log[-1] and "kill: ANNULATION" in log[-1]
    assert "correction:" in log[1]


def test_import_command_refuses_bad_files_with_exit_3_and_stores_none(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(OWN / "port-fr-v1.xml", tmp_path / "good.xml")
    nested = b'<!ENTITY a "aaaa"><!ENTITY b "&a;&a;"><!ENTITY c "&b;&b;"><!ENTITY d "&c;&c;">'
    (tmp_path / "bomb.xml").write_bytes(b"<!DOCTYPE a [" + nested + b"]><newsItem>&d;</newsItem>")
    code = main(["--db", sqlite_url, "import", str(tmp_path / "good.xml"), str(tmp_path / "bomb.xml")])
    out, err = capsys.readouterr()
    assert code == 3
    assert "refused  " in err and "declares entities" in err and "bomb.xml" in err
    assert out == ""  # stdout carries what was stored only: all or nothing, so nothing
    assert "1 read fine but not stored" in err
    with open_store(sqlite_url) as store:
        assert store.stories() == []


def test_wire_file_with_story_and_lang_given_is_still_read_as_wire(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", sqlite_url, "import", str(OWN / "port-fr-v1.xml"), "--story", "port", "--lang", "fr"]
    assert main([*argv, "--format", "json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert (entry["story"], entry["lang"], entry["revision"], entry["label"]) == ("port", "fr", 1, "v1")
    with open_store(sqlite_url) as store:
        assert store.revision("port", "fr").texts[0].startswith("Grève au port de Marseille")


def test_a_returned_xliff_becomes_the_next_english_revision_of_its_story(memory_store: Store, tmp_path: Path) -> None:
    from sources.xliff import write_xliff
    from tracker.model import Link, Story
    from tracker.view import StoryView, build_rows

    for name in ("port-fr-v1.xml", "port-fr-v2-correction.xml", "port-en-v1.xml"):
        import_paths(memory_store, [OWN / name], by="desk", at=AT, story="port")
    fr, en = memory_store.revision("port", "fr"), memory_store.revision("port", "en")
    links = [Link((i,), (i,)) for i in range(5)] + [Link((5,), ()), Link((), (5,))]
    view = StoryView(Story("port"), fr, en, fr, build_rows(fr.paragraphs, en.paragraphs, links))
    returned = tmp_path / "port.xlf"
    returned.write_bytes(write_xliff(view).replace(b"About thirty ships", b"Some thirty ships"))
    (result,) = import_paths(memory_store, [returned], by="translator", at=AT)
    assert (result.outcome, result.story, result.lang, result.revision) == ("imported", "port", "en", 2)
    new = memory_store.revision("port", "en", 2)
    assert new.based_on == 2
    assert new.texts[4].startswith("Some thirty ships")
    assert new.texts[:4] == en.texts[:4]
