"""Story folders and the database: `import-folder` then `export` give back a folder that checks clean."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_check_git import SAMPLE, make_story

from tracker.check.sidecar import FILENAME, parse
from tracker.cli import main
from tracker.services.folders import find_story_folders, load_folder
from tracker.storage import open_store


def test_load_folder_reads_both_texts_with_lines_and_the_sidecar(tmp_path: Path) -> None:
    folder = make_story(tmp_path, "sochi")
    story = load_folder(folder)
    assert story.slug == "sochi"
    assert len(story.fr.paragraphs) == 15 and len(story.en.paragraphs) == 14
    assert story.en.paragraphs[6].line_start == 13
    assert story.sidecar.adapted_from == tuple(p.hash for p in story.fr.paragraphs)


def test_story_folders_are_found_under_paths_and_hidden_folders_skipped(tmp_path: Path) -> None:
    make_story(tmp_path, "desk/a")
    make_story(tmp_path, "desk/b")
    make_story(tmp_path, "desk/.trash/c")
    (tmp_path / "desk" / "notes").mkdir()
    assert [p.name for p in find_story_folders([tmp_path / "desk"])] == ["a", "b"]
    assert find_story_folders([tmp_path / "desk" / "a" / "en.txt"]) == [tmp_path / "desk" / "a"]


def test_a_folder_round_trips_through_the_database_and_still_checks_clean(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_story(tmp_path, "in/sochi")
    # ann stores the English, so four eyes would keep her from carrying ed's approval (tracker.services.carry)
    assert main(["--db", sqlite_url, "--as", "ann", "users", "four-eyes", "off"]) == 0
    assert main(["--db", sqlite_url, "--as", "ann", "import-folder", str(folder)]) == 0
    assert "approved by ed carried as ann" in capsys.readouterr().out
    assert main(["--db", sqlite_url, "export", "sochi", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    exported = parse((tmp_path / "out" / FILENAME).read_text(encoding="utf-8"))
    original = load_folder(folder).sidecar
    assert exported.adapted_from == original.adapted_from
    assert [a.fr_hash for a in exported.acknowledgements] == [a.fr_hash for a in original.acknowledgements]
    assert [(a.en_hash, a.alignment_hash) for a in exported.approvals] == [
        (a.en_hash, a.alignment_hash) for a in original.approvals
    ]
    assert (tmp_path / "out" / "fr.txt").read_text(encoding="utf-8").count("\n\n") == 14
    assert main(["check", str(tmp_path / "out"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_importing_a_folder_whose_french_moved_on_stores_the_english_on_its_own_base(
    tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_story(tmp_path, "sochi")
    shutil.copy(SAMPLE / "fr.r3.txt", folder / "fr.txt")
    assert main(["--db", sqlite_url, "import-folder", str(folder)]) == 0
    assert "other texts than the folder's" in capsys.readouterr().out
    with open_store(sqlite_url) as store:
        french = store.revisions("sochi", "fr")
        english = store.revision("sochi", "en")
    assert [r.number for r in french] == [1, 2]
    assert english.based_on == 1
    assert main(["--db", sqlite_url, "import-folder", str(folder)]) == 0
    assert "nothing stored" in capsys.readouterr().out


@pytest.mark.parametrize(("fmt", "name"), [("xliff", "sochi.xlf"), ("tmx", "sochi.tmx")])
def test_export_writes_exchange_files(
    fmt: str, name: str, tmp_path: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_story(tmp_path, "sochi")
    assert main(["--db", sqlite_url, "import-folder", str(folder)]) == 0
    assert main(["--db", sqlite_url, "export", "sochi", str(tmp_path / "x"), "--format", fmt]) == 0
    assert capsys.readouterr().out.strip().endswith(name)
    assert (tmp_path / "x" / name).read_bytes().startswith(b"<?xml")


def test_exporting_an_unknown_story_is_a_data_error(tmp_path: Path, sqlite_url: str) -> None:
    assert main(["--db", sqlite_url, "export", "nope", str(tmp_path / "x")]) == 3


def test_a_face_can_open_a_folder_judge_it_and_record_an_approval(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from tracker.check import approve, judge
    from tracker.services.check import folder_texts
    from tracker.services.folders import save_sidecar

    folder = make_story(tmp_path, "sochi")
    shutil.copy(SAMPLE / "en.r2.txt", folder / "en.txt")
    texts = folder_texts(folder)
    assert "approval-outdated" in {f.rule for f in judge(texts).findings}
    save_sidecar(folder, approve(texts, by="ed", at=datetime(2026, 11, 2, tzinfo=UTC)))
    assert "approval-outdated" not in {f.rule for f in judge(folder_texts(folder)).findings}


def test_a_markdown_story_folder_points_at_markdown_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from tracker.check import approve
    from tracker.services.check import folder_texts
    from tracker.services.folders import save_sidecar

    folder = tmp_path / "summit"
    folder.mkdir()
    fr = "# Sommet à Sotchi\n\nLes combats ont fait **286 morts** en septembre.\n\nLa Russie veut rester arbitre.\n"
    en = "# Summit in Sochi\n\nThe fighting left *286 dead* in September.\n\nRussia wants to remain referee.\n"
    (folder / "fr.md").write_text(fr, encoding="utf-8")
    (folder / "en.md").write_text(en, encoding="utf-8")
    save_sidecar(folder, approve(folder_texts(folder), by="ed", at=datetime(2026, 11, 1, tzinfo=UTC)))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "summit"]) == 0
    (folder / "fr.md").write_text(fr.replace("286", "302"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "summit", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert ("stale", "summit/en.md", 3) in [(f["rule"], f["file"], f["line"]) for f in found]


def test_a_folder_of_numbered_revisions_is_not_a_story_folder(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "sample")
    assert find_story_folders([tmp_path]) == []


def test_a_path_with_no_story_folder_passes_but_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "typo").mkdir()
    assert main(["check", str(tmp_path / "typo"), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["summary"]["stories"] == 0
    assert f"warning: no story folder (fr.* and en.*, or tracker.json) under {tmp_path / 'typo'}" in err


def test_an_exported_story_checks_stale_exactly_where_the_database_flags_it(tmp_path: Path) -> None:
    """en 6 of en r2 was carried over from en r1 (written against fr r2): the folder keeps that French under it."""
    from tracker.services.folder_store import export_folder
    from tracker.services.seed import SAMPLE_SLUG, seed_sample
    from tracker.services.views import latest_flags
    from tracker.storage import open_store

    with open_store(str(tmp_path / "t.db")) as store:
        seed_sample(store)
        _, _, flags = latest_flags(store, SAMPLE_SLUG)
        stale_in_db = sorted(j for f in flags if f.kind == "stale" and not f.acknowledged for j in f.en)
        export_folder(store, SAMPLE_SLUG, tmp_path / "story")
    from tracker.check import judge
    from tracker.services.check import folder_texts

    result = judge(folder_texts(tmp_path / "story"))
    stale_in_folder = sorted(j for f in result.findings if f.rule == "stale" for j in f.en)
    assert stale_in_db == stale_in_folder == [6]
