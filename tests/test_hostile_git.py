"""Git output is read NUL-separated: a newline (or a space) in a story folder name never shifts another story's
texts or findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_check_git import SAMPLE, STORY, findings, git, make_story, where

from tracker.services.git import read_blobs


@pytest.fixture
def two_stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    make_story(root, "stories/odd\nname one")  # sorts before STORY, so a desynchronised batch shifts it
    make_story(root)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "two stories approved")
    monkeypatch.chdir(root)
    return root


def test_blobs_of_paths_with_newlines_and_spaces_are_read_as_theirs(two_stories: Path) -> None:
    odd, normal = "HEAD:stories/odd\nname one/fr.txt", f"HEAD:{STORY}/fr.txt"
    blobs = read_blobs(two_stories, [odd, "HEAD:stories/no such file", normal, "HEAD:a b c"])
    assert blobs[odd] == blobs[normal] == (SAMPLE / "fr.r2.txt").read_bytes()
    assert blobs["HEAD:stories/no such file"] is None and blobs["HEAD:a b c"] is None


def test_a_newline_in_a_folder_name_does_not_drop_another_storys_findings(
    two_stories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("stories/odd\nname one", STORY):
        shutil.copy(SAMPLE / "fr.r3.txt", two_stories / name / "fr.txt")
    code, found = findings(capsys, "--base", "HEAD")
    assert code == 1
    ours = [f for f in where(found, "stale", "untranslated") if f[1].startswith(STORY)]
    assert ours == [
        ("stale", f"{STORY}/en.txt", 13),
        ("stale", f"{STORY}/en.txt", 23),
        ("untranslated", f"{STORY}/fr.txt", 25),
    ]
    odd = [f for f in where(found, "stale", "untranslated") if "odd" in f[1]]
    assert [(rule, line) for rule, _, line in odd] == [(rule, line) for rule, _, line in ours]
