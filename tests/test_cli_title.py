"""`tracker title`: a story imported without a headline gets a title, recorded in the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "tracker" / "samples" / "sochi-summit"


def test_a_story_without_a_title_gets_one(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert main(["--db", db_url, "import", str(SAMPLE / "fr.r2.txt"), "--story", "s", "--lang", "fr"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "title", "s"]) == 0
    assert capsys.readouterr().out == "\n"
    # on PostgreSQL the acting user is the connection's role, and --as naming anyone else is refused
    who = ["--as", "ana"] if db_url.startswith("sqlite") else []
    assert main(["--db", db_url, *who, "title", "s", "  Sochi   summit "]) == 0
    assert capsys.readouterr().out == "s: Sochi summit\n"
    assert main(["--db", db_url, "stories", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["stories"][0]["title"] == "Sochi summit"
    assert main(["--db", db_url, "audit", "s", "--format", "json"]) == 0
    last = json.loads(capsys.readouterr().out)[-1]
    assert (last["action"], last["detail"]) == ("title", "title: Sochi summit")
    assert last["by"] == ("ana" if who else "postgres")
    assert main(["--db", db_url, "audit", "--verify"]) == 0


def test_a_title_for_an_unknown_story_or_with_no_text_is_refused(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    assert main(["--db", sqlite_url, "title", "nope", "A title"]) == 3
    assert "no story 'nope'" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "title", "nope", "  "]) == 2
