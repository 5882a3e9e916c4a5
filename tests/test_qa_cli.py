"""`tracker qa` on files and stored stories, and `tracker waive`: JSON contract, the exit-code gate, waivers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.segment import segment

SAMPLE = resources.files("tracker") / "samples" / "sochi-summit"


def _sample(name: str) -> str:
    return str(SAMPLE / name)


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("TRACKER_USER", "ann")


def test_a_correct_adaptation_passes_the_gate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["qa", _sample("fr.r2.txt"), _sample("en.r1.txt"), "--format", "json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == {"issues": []}


def test_a_changed_figure_fails_the_gate_with_the_contract_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["qa", _sample("fr.r3.txt"), _sample("en.r1.txt"), "--format", "json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert code == 1
    assert [(i["check"], i["severity"], i["fr"], i["en"]) for i in issues] == [("numbers", "error", [13], [11])]
    assert set(issues[0]) == {"check", "severity", "fr", "en", "message"}


def test_text_output_lists_findings_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    main(["qa", _sample("fr.r3.txt"), _sample("en.r1.txt")])
    out = capsys.readouterr().out
    assert "numbers" in out and "6.600" in out
    assert out.rstrip().endswith("1 finding, 1 unwaived error")


def test_qa_on_files_loads_neither_the_database_nor_the_ui() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tracker.cli import main; "
        f"main(['qa', {_sample('fr.r2.txt')!r}, {_sample('en.r1.txt')!r}, '--format', 'json']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlmodel', 'sqlalchemy', 'textual'}), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_an_unreadable_file_is_a_data_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["qa", str(tmp_path / "missing.txt"), _sample("en.r1.txt")]) == 3
    assert "missing.txt" in capsys.readouterr().err


def test_one_file_without_its_english_is_a_usage_error_not_a_missing_story(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))  # were the file taken for a story, this would be asked
    assert main(["qa", _sample("fr.r1.txt")]) == 2
    err = capsys.readouterr().err
    assert "give the English file after it" in err
    assert "no story" not in err


def test_the_config_file_can_turn_a_check_into_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[qa.severity]\nnumbers = "warning"\n', "utf-8")
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    assert main(["qa", _sample("fr.r3.txt"), _sample("en.r1.txt")]) == 0


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from tracker.storage import open_store

    db = str(tmp_path / "qa.db")
    monkeypatch.setenv("TRACKER_DB", db)
    at = datetime(2026, 11, 26, 12, tzinfo=UTC)
    with open_store(db) as store:
        for lang, name in (("fr", "fr.r2.txt"), ("fr", "fr.r3.txt"), ("en", "en.r1.txt")):
            document = segment((SAMPLE / name).read_text("utf-8"))
            store.add_revision("sochi", lang, document, by="ann", at=at)
    return db


def test_a_stored_story_is_checked_on_its_latest_revisions(stored: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "sochi", "--format", "json"]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert [(i["check"], i["fr"], i["en"]) for i in issues] == [("numbers", [13], [11])]


def test_a_waived_finding_stays_listed_as_waived_and_opens_the_gate(
    stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["waive", "sochi", "--check", "numbers", "--fr", "13", "--reason", "toll being checked"]) == 0
    capsys.readouterr()
    assert main(["qa", "sochi", "--format", "json"]) == 0
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert [(i["check"], i.get("waived")) for i in issues] == [("numbers", True)]


def test_a_waiver_lapses_when_the_english_changes(stored: str, tmp_path: Path) -> None:
    from tracker.storage import open_store

    assert main(["waive", "sochi", "--check", "numbers", "--fr", "13", "--en", "11", "--reason", "later"]) == 0
    edited = (SAMPLE / "en.r1.txt").read_text("utf-8").replace("6,500 dead", "6,400 dead")
    with open_store(stored) as store:
        store.add_revision("sochi", "en", segment(edited), by="ann", at=datetime(2026, 11, 27, tzinfo=UTC))
    assert main(["qa", "sochi"]) == 1


def test_waiving_a_finding_that_does_not_exist_is_an_input_error(
    stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["waive", "sochi", "--check", "dates", "--fr", "2", "--reason", "none"]) == 3
    assert "no dates finding" in capsys.readouterr().err


def test_waiving_an_unknown_check_is_a_usage_error(stored: str) -> None:
    assert main(["waive", "sochi", "--check", "spelling", "--fr", "2", "--reason", "x"]) == 2


@pytest.fixture
def carried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The tour's story: a person's link on the French the English was written on, then a new French revision,
    over which the view carries that link (the fresh alignment of the new pair does not have it)."""
    db = str(tmp_path / "carried.db")
    monkeypatch.setenv("TRACKER_DB", db)
    for args in (
        ["import", _sample("fr.r2.txt"), "--story", "summit", "--lang", "fr"],
        ["import", _sample("en.r1.txt"), "--story", "summit", "--lang", "en", "--based-on", "1"],
        ["link", "relink", "summit", "0", "0"],  # the French headline stands for the English standfirst
        ["import", _sample("fr.r3.txt"), "--story", "summit", "--lang", "fr"],
    ):
        assert main(args) == 0, args
    return db


def _shown(db: str) -> list[tuple[str, list[int], list[int]]]:
    from tracker.services.views import load_view
    from tracker.storage import open_store

    with open_store(db) as store:
        rows = load_view(store, "summit").rows
    return sorted((f.check, list(f.fr), list(f.en)) for row in rows for f in row.findings)


def test_qa_of_a_stored_story_lists_the_findings_its_view_shows(
    carried: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = _shown(carried)
    assert ("dates", [0], [0]) in shown  # on the relinked row, as the terminal UI shows it
    capsys.readouterr()
    assert main(["qa", "summit", "--format", "json"]) == 1
    assert sorted((i["check"], i["fr"], i["en"]) for i in json.loads(capsys.readouterr().out)["issues"]) == shown


def test_a_finding_the_view_shows_can_be_waived_from_the_command_line(carried: str) -> None:
    assert main(["waive", "summit", "0", "0", "--check", "dates", "--reason", "the standfirst dates it"]) == 0
    assert ("dates", [0], [0]) in _shown(carried)  # still listed, now waived
