"""One seeding rule: whichever command opens the default database first creates it and seeds the sample story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main

# Every command that opens a stored story, as a newcomer would type it first on a fresh machine, and its exit code.
FIRST_COMMANDS = [
    (["status", "sochi-summit"], 1),
    (["qa", "sochi-summit"], 0),
    (["align", "sochi-summit", "--format", "json"], 0),
    (["diff", "sochi-summit"], 0),
    (["link", "confirm", "sochi-summit", "1", "1"], 0),
    (["ack", "sochi-summit", "5", "--kind", "no-change"], 0),
    (["approve", "sochi-summit", "--force", "--note", "checked"], 0),
    (["reject", "sochi-summit", "--note", "update en 11"], 0),
    (["audit", "sochi-summit"], 0),
    (["export", "sochi-summit", "{tmp}/out"], 0),
    (["stories"], 0),
    (["log", "sochi-summit"], 0),
    (["show", "sochi-summit", "--lang", "fr"], 0),
]


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A machine where the tracker never ran: an empty data folder, no database named."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("TRACKER_DB", "TRACKER_CONFIG", "TRACKER_USER"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.mark.parametrize(("args", "expected"), FIRST_COMMANDS, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_any_first_command_finds_the_sample_story_in_the_default_database(
    capsys: pytest.CaptureFixture[str], fresh_home: Path, args: list[str], expected: int
) -> None:
    code = main([a.format(tmp=fresh_home) for a in args])
    _, err = capsys.readouterr()
    assert "no story" not in err
    assert code == expected, err
    assert (fresh_home / "data" / "tracker" / "tracker.db").is_file()
    assert main(["log", "sochi-summit", "--format", "json"]) == 0
    revisions = json.loads(capsys.readouterr().out)["revisions"]
    # seeded once, whatever came first: fr r1-3 and en r1-2
    seeded = sorted((r["lang"], r["number"]) for r in revisions)
    assert seeded == [("en", 1), ("en", 2), ("fr", 1), ("fr", 2), ("fr", 3)]


def test_a_database_named_explicitly_is_left_empty_by_every_command(
    capsys: pytest.CaptureFixture[str], fresh_home: Path, sqlite_url: str
) -> None:
    assert main(["--db", sqlite_url, "status", "sochi-summit"]) == 3
    assert "no story 'sochi-summit'" in capsys.readouterr().err
    assert not (fresh_home / "data").exists()


def test_the_terminal_ui_opens_the_default_database_by_the_same_rule(fresh_home: Path) -> None:
    from tracker.cli.tui_cmd import build_backend

    desk = build_backend(None, "ana")
    try:
        assert [s.slug for s in desk.store.stories()] == ["sochi-summit"]
    finally:
        desk.store.close()
