"""`tracker export` never overwrites without --force, never writes through a symlink, never leaves half a folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.errors import InputError
from tracker.exitcodes import ExitCode
from tracker.services.writing import write_file, write_files


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tracker.services.seed import seed_sample
    from tracker.storage import open_store

    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("TRACKER_USER", "ana")
    with open_store(str(tmp_path / "t.db")) as store:
        seed_sample(store)
    return tmp_path


def test_export_refuses_to_overwrite_without_force(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = seeded / "story"
    dest.mkdir()
    (dest / "fr.txt").write_text("Mon texte à moi.\n")
    assert main(["export", "sochi-summit", str(dest)]) == ExitCode.DATA
    assert "--force" in capsys.readouterr().err
    assert (dest / "fr.txt").read_text() == "Mon texte à moi.\n"
    assert not (dest / "en.txt").exists()
    assert main(["export", "sochi-summit", str(dest), "--force"]) == ExitCode.OK
    assert (dest / "fr.txt").read_text() != "Mon texte à moi.\n"


def test_export_replaces_a_symlink_instead_of_writing_its_target(seeded: Path) -> None:
    victim = seeded / "victim.txt"
    victim.write_text("precious\n")
    dest = seeded / "story"
    dest.mkdir()
    (dest / "en.txt").symlink_to("../victim.txt")
    assert main(["export", "sochi-summit", str(dest)]) == ExitCode.DATA
    assert main(["export", "sochi-summit", str(dest), "--force"]) == ExitCode.OK
    assert victim.read_text() == "precious\n"
    assert not (dest / "en.txt").is_symlink() and (dest / "en.txt").stat().st_size > 0


def test_export_into_a_symlinked_folder_is_refused(seeded: Path) -> None:
    real = seeded / "elsewhere"
    real.mkdir()
    (seeded / "story").symlink_to(real)
    assert main(["export", "sochi-summit", str(seeded / "story"), "--force"]) == ExitCode.DATA
    assert list(real.iterdir()) == []


def test_a_new_folder_appears_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync, calls = os.fsync, [0]

    def failing_fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 2:  # the second file's write fails (a full disk)
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    dest = tmp_path / "story"
    with pytest.raises(InputError, match="No space left"):
        write_files(dest, {"fr.txt": b"a\n", "en.txt": b"b\n", "tracker.json": b"{}\n"})
    assert not dest.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary folder left behind


def test_an_existing_folder_keeps_its_old_files_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dest = tmp_path / "story"
    dest.mkdir()
    (dest / "fr.txt").write_text("old fr\n")
    (dest / "notes.md").write_text("mine\n")
    real_fsync, calls = os.fsync, [0]

    def failing_fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 3:
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(InputError):
        write_files(dest, {"fr.txt": b"new\n", "en.txt": b"b\n", "tracker.json": b"{}\n"}, force=True)
    assert (dest / "fr.txt").read_text() == "old fr\n" and not (dest / "en.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story"]


def test_write_file_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    (tmp_path / "tracker.json").symlink_to(victim)
    with pytest.raises(InputError, match="--force"):
        write_file(tmp_path / "tracker.json", b"{}\n", force=False)
    write_file(tmp_path / "tracker.json", b"{}\n")
    assert victim.read_text() == "precious\n"
