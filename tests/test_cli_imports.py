"""Importing again stores nothing: a story folder read twice, or a file already stored as any revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"


def _revisions(capsys: pytest.CaptureFixture[str], db: str, slug: str) -> list[tuple[str, int]]:
    assert main(["--db", db, "log", slug, "--format", "json"]) == 0
    return sorted((r["lang"], r["number"]) for r in json.loads(capsys.readouterr().out)["revisions"])


def test_a_story_folder_imported_twice_is_stored_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str
) -> None:
    from tracker.services.seed import seed_sample
    from tracker.storage import open_store

    source = f"sqlite:///{tmp_path / 'source.db'}"
    with open_store(source) as store:
        seed_sample(store)
    assert main(["--db", source, "export", "sochi-summit", str(tmp_path / "out")]) == 0
    assert main(["--db", sqlite_url, "import-folder", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    first = _revisions(capsys, sqlite_url, "sochi-summit")
    assert main(["--db", sqlite_url, "import-folder", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert _revisions(capsys, sqlite_url, "sochi-summit") == first == [("en", 1), ("fr", 1), ("fr", 2)]
    assert out.count("nothing stored") == 3 and "stored sochi" not in out and "acknowledgement" not in out


def test_a_file_already_stored_as_an_older_revision_stores_nothing(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    for name in ("fr.r1.txt", "fr.r2.txt"):
        assert main(["--db", sqlite_url, "import", str(SAMPLE / name), "--story", "s", "--lang", "fr"]) == 0
    capsys.readouterr()
    assert main(["--db", sqlite_url, "import", str(SAMPLE / "fr.r1.txt"), "--story", "s", "--lang", "fr"]) == 0
    assert "is identical to r1; nothing stored" in capsys.readouterr().out
    assert _revisions(capsys, sqlite_url, "s") == [("fr", 1), ("fr", 2)]
