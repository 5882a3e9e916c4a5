"""`tracker check` obeys the wire: a story folder whose French file (NewsML-G2, NewsML 1.2, ninjs) says the story
was killed fails with one `killed` finding until `tracker withdraw FOLDER` records the withdrawal in tracker.json;
a correction turns the stale finding into a `correction` one with the agency's note. A plain-text French file
says no signal at all, so its folder is judged as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.wire_items import ENGLISH, FORMATS, item
from tracker.cli import main


def _folder(tmp_path: Path, fmt: str) -> Path:
    folder = tmp_path / "budget"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    _french(folder, fmt, 1)
    if fmt == "ninjs":  # a .json text is named by the sidecar (a folder's own tracker.json is JSON too)
        files = {"fr": "fr.json", "en": "en.txt"}
        sidecar = {"format": "tracker-sidecar", "version": 1, "story": "budget", "files": files}
        (folder / "tracker.json").write_text(json.dumps(sidecar), encoding="utf-8")
    assert main(["--as", "ed", "approve", str(folder)]) == 0
    return folder


def _french(folder: Path, fmt: str, v: int, kind: str = "new", note: str = "", n: int = 12) -> None:
    name = "fr.json" if fmt == "ninjs" else "fr.xml"
    (folder / name).write_text(item(fmt, v, kind, note, n=n), encoding="utf-8")


def _check(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, list[dict[str, object]]]:
    capsys.readouterr()
    code = main(["check", str(folder), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_killed_folder_fails_until_the_withdrawal_is_recorded(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, fmt)
    assert _check(capsys, folder) == (0, [])

    _french(folder, fmt, 2, "correction", "CORRECTS budget figure in para 1", n=15)
    code, findings = _check(capsys, folder)
    assert code == 1
    corrected = [f for f in findings if f["rule"] == "correction"]
    assert len(corrected) == 1 and "CORRECTS budget figure in para 1" in str(corrected[0]["message"])
    assert corrected[0]["en"] == [1] and not [f for f in findings if f["rule"] == "stale"]

    _french(folder, fmt, 3, "kill", "KILL: legal")
    code, findings = _check(capsys, folder)
    assert code == 1 and [f["rule"] for f in findings] == ["killed"]
    assert "KILL: legal" in str(findings[0]["message"]) and findings[0]["severity"] == "error"

    assert main(["--as", "ed", "withdraw", str(folder), "--note", " "]) == 1
    assert main(["--as", "ed", "withdraw", str(folder), "--note", "pulled from the site"]) == 0
    recorded = json.loads((folder / "tracker.json").read_text(encoding="utf-8"))["withdrawals"]
    assert [(w["by"], w["note"]) for w in recorded] == [("ed", "pulled from the site")]
    assert _check(capsys, folder) == (0, [])
    assert main(["--as", "ed", "withdraw", str(folder), "--note", "again"]) == 1  # recorded already

    # a reissue is another French text: the withdrawal of the kill does not carry over, the story is judged again
    _french(folder, fmt, 4, n=16)
    code, findings = _check(capsys, folder)
    assert "killed" not in [f["rule"] for f in findings]


def test_a_plain_text_french_file_says_no_kill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "g2")
    for name in ("fr.xml",):
        (folder / name).unlink()
    (folder / "fr.txt").write_text("KILL\n\nCe texte est annulé.\n", encoding="utf-8")
    code, findings = _check(capsys, folder)
    assert "killed" not in [f["rule"] for f in findings]
    assert main(["--as", "ed", "withdraw", str(folder), "--note", "down"]) == 1  # nothing says it was killed
    shutil.rmtree(folder)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_withheld_folder_fails_the_gate_until_the_agency_releases_it(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The publish gate (`tracker status --require approved`) refuses a withheld story; so does the CI gate."""
    folder = _folder(tmp_path, fmt)
    _french(folder, fmt, 2, "withheld", "WITHHOLD pending legal review")
    code, findings = _check(capsys, folder)
    withheld = [f for f in findings if f["rule"] == "withheld"]
    assert code == 1 and len(withheld) == 1 and withheld[0]["severity"] == "error"
    assert "WITHHOLD pending legal review" in str(withheld[0]["message"])
    _french(folder, fmt, 3)  # released, same text: judged as before
    code, findings = _check(capsys, folder)
    assert "withheld" not in [f["rule"] for f in findings]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_embargo_in_force_fails_the_gate_and_one_past_does_not(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, fmt)
    (folder / ("fr.json" if fmt == "ninjs" else "fr.xml")).write_text(
        item(fmt, 1, until="2999-01-01T08:00:00Z"), encoding="utf-8"
    )
    code, findings = _check(capsys, folder)
    embargoed = [f for f in findings if f["rule"] == "embargoed"]
    assert code == 1 and len(embargoed) == 1 and "2999-01-01 08:00" in str(embargoed[0]["message"])
    (folder / ("fr.json" if fmt == "ninjs" else "fr.xml")).write_text(
        item(fmt, 1, until="2001-01-01T08:00:00Z"), encoding="utf-8"
    )
    code, findings = _check(capsys, folder)
    assert "embargoed" not in [f["rule"] for f in findings]
