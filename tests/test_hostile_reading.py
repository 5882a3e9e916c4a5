"""Every command that reads files reads only regular files: a symlink out, a FIFO or /dev/zero is one line, exit 3.

The commands run in subprocesses with a timeout far above their normal second: a FIFO that hung or /dev/zero read
without end would be killed there and fail the test, instead of hanging the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.services.reading import read_bytes, walk

FR = "Le sommet s'ouvre à Sotchi.\n\nPoutine reçoit Pachinian.\n"
EN = "The summit opens in Sochi.\n\nPutin receives Pashinian.\n"
SECRET = "root:x:0:0:secret-marker"


def tracker(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRACKER_DB": str(tmp / "t.db"), "TRACKER_USER": "ana", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", "from tracker.cli import run; run()", *args],
        capture_output=True,
        text=True,
        cwd=tmp,
        env=env,
        timeout=120,  # a safety net only: a hang fails here instead of blocking the run
        check=False,
    )


def _symlink_out(tmp: Path, name: str) -> Path:
    outside = tmp / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(SECRET + "\n")
    link = tmp / "in" / name
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside / "secret.txt")
    return link


def _fifo(tmp: Path, name: str) -> Path:
    path = tmp / "in" / name
    path.parent.mkdir(exist_ok=True)
    os.mkfifo(path)
    return path


def _zero(tmp: Path, name: str) -> Path:
    path = tmp / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


def _device(tmp: Path, name: str) -> Path:
    return Path("/dev/zero")


HOSTILE: dict[str, Callable[[Path, str], Path]] = {
    "symlink-out": _symlink_out,
    "fifo": _fifo,
    "link-to-dev-zero": _zero,
    "dev-zero": _device,
}
WORDS = {"symlink-out": "outside", "fifo": "FIFO", "link-to-dev-zero": "outside", "dev-zero": "device"}


def _good(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["import", "import-lang", "align", "diff", "qa", "translate"])
def test_read_commands_refuse_non_regular_files_in_one_line(tmp_path: Path, kind: str, command: str) -> None:
    bad = str(HOSTILE[kind](tmp_path, "fr.txt"))
    good_fr, good_en = str(_good(tmp_path, "good-fr.txt", FR)), str(_good(tmp_path, "good-en.txt", EN))
    args = {
        "import": ["import", bad],
        "import-lang": ["import", "--story", "s", "--lang", "fr", bad],
        "align": ["align", bad, good_en],
        "diff": ["diff", good_fr, bad],
        "qa": ["qa", bad, good_en],
        "translate": ["translate", "--provider", "mymemory", bad],
    }[command]
    result = tracker(tmp_path, *args)
    assert result.returncode == 3, result.stderr
    # `import` also prints its progress and per-file summary on stderr; the error itself is one line
    lines = [line for line in result.stderr.splitlines() if line.startswith("tracker:")]
    assert len(lines) == 1 and Path(bad).name in lines[0] and WORDS[kind] in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["symlink-out", "fifo", "link-to-dev-zero"])
def test_story_folder_with_a_hostile_text_is_refused(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "in"
    HOSTILE[kind](tmp_path, "fr.txt")
    (folder / "en.txt").write_text(EN)
    imported = tracker(tmp_path, "import-folder", str(folder))
    assert imported.returncode == 3, imported.stderr
    assert len(imported.stderr.strip().splitlines()) == 1 and WORDS[kind] in imported.stderr, imported.stderr
    checked = tracker(tmp_path, "check", "--format", "json", str(folder))
    # an unreadable text is a finding of the check and bad input (exit 3), never its content
    assert checked.returncode == 3, checked.stderr
    assert "unreadable-input" in checked.stdout and WORDS[kind] in checked.stdout
    assert SECRET not in checked.stdout + checked.stderr


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["check", "import-folder"])
def test_folder_commands_given_a_non_regular_path_refuse_it_in_one_line(
    tmp_path: Path, kind: str, command: str
) -> None:
    bad = HOSTILE[kind](tmp_path, "fr.txt")
    if kind != "dev-zero":  # a story folder around the link: check reads its texts
        (tmp_path / "in" / "en.txt").write_text(EN)
    result = tracker(tmp_path, command, str(bad))
    assert result.returncode == 3, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("tracker:")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    words = {"check": {"symlink-out": "outside"}, "import-folder": {"symlink-out": "not a folder"}}[command]
    expected = words.get(kind, "not a folder" if command == "import-folder" else "a device, a FIFO or a socket")
    assert expected in lines[0], lines[0]
    assert SECRET not in result.stdout + result.stderr


def test_sidecar_naming_a_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    (folder / "en.txt").write_text(EN)
    (folder / "tracker.json").write_text('{"story": "s", "files": {"fr": "../secret.txt", "en": "en.txt"}}')
    with pytest.raises(InputError, match="outside"):
        read_bytes(folder / "../secret.txt", within=folder)
    checked = tracker(tmp_path, "check", "--format", "json", str(folder))
    assert SECRET not in checked.stdout + checked.stderr


def test_a_symlink_inside_its_own_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "fr.r3.txt").write_text(FR)
    (tmp_path / "fr.txt").symlink_to("fr.r3.txt")
    assert read_bytes(tmp_path / "fr.txt") == FR.encode()
    assert read_bytes(tmp_path / "fr.txt", within=tmp_path) == FR.encode()


def test_a_file_over_the_limit_is_refused_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match="too large"):
        read_bytes(path, limit=4096)
    assert read_bytes(path, limit=5000) == b"x" * 5000


def test_a_tree_1100_levels_deep_is_walked_without_recursion(tmp_path: Path) -> None:
    here = tmp_path
    for _ in range(1100):
        here = here / "d"
        os.mkdir(here)
    (here / "fr.txt").write_text(FR)
    try:
        found = [p / f for p, _dirs, files in walk(tmp_path) for f in files]
        assert found == [here / "fr.txt"]
        result = tracker(tmp_path, "check", str(tmp_path))
        assert "Traceback" not in result.stderr and result.returncode in (0, 1, 3)
        assert len(result.stderr.strip().splitlines()) <= 1
    finally:  # pytest's own clean-up recurses, and 1,100 levels exceed Python's stack: take the tree down here
        (here / "fr.txt").unlink()
        while here != tmp_path:
            os.rmdir(here)
            here = here.parent


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.services import reading
    from tracker.services.file_reading import expand

    locked = tmp_path / "wire" / "locked"
    locked.mkdir(parents=True)
    (tmp_path / "wire" / "ok.txt").write_text(FR)
    real_scandir = os.scandir

    def scandir(path: Path) -> object:  # root reads every folder, so the refusal is the OS's, simulated
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(reading.os, "scandir", scandir)
    with pytest.raises(InputError, match="locked: cannot list this folder"):
        expand([tmp_path / "wire"])
