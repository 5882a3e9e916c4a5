"""The CI gate trusts only signed decisions: real git repositories, real `ssh-keygen` keys, the allowed signers
read from the base revision, never from the pull request."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_check_git import STORY, git, make_story

from tracker.check.sidecar import FILENAME, parse
from tracker.cli import main
from tracker.services.folders import load_folder, save_sidecar

SIGNERS = ".tracker/allowed_signers"


def _key(where: Path, name: str) -> tuple[Path, str]:
    key = where / f"{name}_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key, key.with_suffix(".pub").read_text().strip()


def _allowed(principal: str, public: str) -> str:
    return f'{principal} namespaces="tracker-decision" {public}\n'


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A desk repository on main: the sample story, and ed's key as the one allowed signer; cwd is its root."""
    keys = tmp_path / "keys"
    keys.mkdir()
    ed, ed_public = _key(keys, "ed")
    mallory, mallory_public = _key(keys, "mallory")
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    make_story(root)
    (root / ".tracker").mkdir()
    (root / SIGNERS).write_text(_allowed("ed", ed_public), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "desk")
    monkeypatch.chdir(root)
    (keys / "mallory.allowed").write_text(_allowed("ed", mallory_public) + _allowed("chief-editor", mallory_public))
    return {"root": root, "ed": ed, "mallory": mallory, "mallory_signers": keys / "mallory.allowed"}


def _check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    code = main(["check", "--base", "main", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is (code == 0)
    return code, report["findings"]


def _approve(capsys: pytest.CaptureFixture[str], who: str, *extra: str) -> None:
    assert main(["--as", who, "approve", STORY, "--note", "read again", *extra]) == 0
    capsys.readouterr()


def test_an_approval_signed_by_an_allowed_editor_passes(
    capsys: pytest.CaptureFixture[str], desk: dict[str, Path]
) -> None:
    _approve(capsys, "ed", "--sign", str(desk["ed"]))
    sidecar = parse((desk["root"] / STORY / FILENAME).read_text(encoding="utf-8"))
    assert sidecar.signature_of(sidecar.approvals[-1]) is not None
    assert _check(capsys) == (0, [])


def test_an_unsigned_approval_is_not_counted(capsys: pytest.CaptureFixture[str], desk: dict[str, Path]) -> None:
    _approve(capsys, "chief-editor")
    code, findings = _check(capsys)
    assert code == 1
    rules = {f["rule"] for f in findings}
    assert "approval-unverified" in rules
    (unverified,) = [f for f in findings if f["rule"] == "approval-unverified"]
    assert "approved by chief-editor" in str(unverified["message"]) and "not signed" in str(unverified["message"])


@pytest.mark.parametrize("who", ["ed", "chief-editor"])
def test_an_approval_signed_with_another_key_is_not_counted(
    capsys: pytest.CaptureFixture[str], desk: dict[str, Path], who: str
) -> None:
    _approve(capsys, who, "--sign", str(desk["mallory"]))
    code, findings = _check(capsys)
    assert code == 1
    assert any(f["rule"] == "approval-unverified" and "does not verify" in str(f["message"]) for f in findings)


def test_allowed_signers_changed_in_the_pull_request_are_ignored(
    capsys: pytest.CaptureFixture[str], desk: dict[str, Path]
) -> None:
    (desk["root"] / SIGNERS).write_text(desk["mallory_signers"].read_text(), encoding="utf-8")
    git(desk["root"], "commit", "-qam", "trust me")  # committed on the branch, but the base is main's parent
    _approve(capsys, "chief-editor", "--sign", str(desk["mallory"]))
    code = main(["check", "--base", "HEAD~1", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1 and any(f["rule"] == "approval-unverified" for f in findings)
    # the same signature does verify against the pull request's own file: proof the base's was the one read
    code = main(["check", STORY, "--allowed-signers", SIGNERS, "--format", "json"])
    assert code == 0, capsys.readouterr().out


def test_an_acknowledgement_added_in_the_change_is_a_finding_unless_signed(
    capsys: pytest.CaptureFixture[str], desk: dict[str, Path]
) -> None:
    from dataclasses import replace

    from tracker.model import Acknowledgement

    folder = desk["root"] / STORY
    story = load_folder(folder)
    forged = Acknowledgement(
        "sochi", story.fr.paragraphs[5].hash, "no-change", "chief-editor", story.sidecar.approvals[0].at
    )
    save_sidecar(folder, replace(story.sidecar, acknowledgements=(*story.sidecar.acknowledgements, forged)))
    _approve(capsys, "ed", "--sign", str(desk["ed"]))
    code, findings = _check(capsys)
    assert code == 1
    assert [f["rule"] for f in findings] == ["decision-unverified"]
    assert "acknowledged in this change by chief-editor" in str(findings[0]["message"])


def test_the_rule_is_listed_in_the_reports(capsys: pytest.CaptureFixture[str], desk: dict[str, Path]) -> None:
    _approve(capsys, "chief-editor")
    assert main(["check", "--base", "main", "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    ids = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert "approval-unverified" in ids and "decision-unverified" in ids
    assert any(r["ruleId"] == "approval-unverified" for r in sarif["runs"][0]["results"])


@pytest.mark.parametrize(("sign", "said"), [(True, ", verified"), (False, ", unverified")])
def test_import_folder_says_whether_a_carried_approval_was_signed(
    capsys: pytest.CaptureFixture[str], desk: dict[str, Path], tmp_path: Path, sign: bool, said: str
) -> None:
    from tracker.storage import open_store

    _approve(capsys, "ed", *(("--sign", str(desk["ed"])) if sign else ()))
    db = str(tmp_path / "t.db")
    assert main(["--db", db, "--as", "chief", "users", "four-eyes", "off"]) == 0  # chief stores the English
    assert main(["--db", db, "--as", "chief", "import-folder", STORY]) == 0
    assert "approved by ed carried as chief" in capsys.readouterr().out
    with open_store(db) as store:
        (carried,) = store.approvals("sochi")  # the folder's newest verdict, the one that counts
    assert carried.by == "chief" and carried.note.startswith(f"approval carried from folder {STORY}, by ed at ")
    assert said + ": read again" in carried.note
