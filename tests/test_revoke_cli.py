"""`tracker ack --revoke`, `tracker waive --revoke`, `tracker link revoke` and `tracker approve --revoke`: each takes
back the decisions it names with a reason, as a new fact; the status returns to what it was."""

from __future__ import annotations

import json

import pytest

from tests.test_status_cli import run, story  # noqa: F401  (the fixture)
from tracker.cli import main


def _flags(capsys: pytest.CaptureFixture[str], slug: str) -> list[dict[str, object]]:
    code, out = run(capsys, "status", slug, "--format", "json")
    return [f for f in json.loads(out)["flags"] if f["needs_action"]]


def test_ack_revoke_brings_the_flag_back(story: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    before = _flags(capsys, story)
    stale = next(f for f in before if f["kind"] == "stale")
    fr = str(stale["fr"][0])  # type: ignore[index]
    assert run(capsys, "ack", story, "--fr", fr, "--kind", "no-change", "--note", "same")[0] == 0
    assert len(_flags(capsys, story)) == len(before) - 1
    code, out = run(capsys, "ack", story, "--fr", fr, "--revoke", "--note", "it did change", "--format", "json")
    assert code == 0
    (revoked,) = json.loads(out)["revoked"]
    assert (revoked["kind"], revoked["by"], revoked["reason"]) == ("ack", "ana", "it did change")
    assert _flags(capsys, story) == before
    # nothing left to take back: refused, with the reason, on stderr
    assert main(["ack", story, "--fr", fr, "--revoke", "--note", "again"]) != 0
    assert "no acknowledgement in force" in capsys.readouterr().err


def test_revoking_needs_a_reason(story: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert main(["ack", story, "--fr", "1", "--revoke"]) == 2
    assert "reason" in capsys.readouterr().err


def test_link_revoke_takes_back_a_confirmed_link(story: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert run(capsys, "link", "unlink", story, "3", "-")[0] == 0
    code, out = run(capsys, "link", "revoke", story, "3", "-", "--reason", "it has English", "--format", "json")
    assert code == 0
    assert json.loads(out)["revoked"][0]["kind"] == "link"
    assert main(["link", "revoke", story, "3", "-", "--reason", "again"]) != 0


def test_waive_revoke_and_approve_revoke(story: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    code, out = run(capsys, "qa", story, "--format", "json")
    issues = [i for i in json.loads(out)["issues"] if i["check"] != "coverage"]
    issue = issues[0]
    fr = [a for i in issue["fr"] for a in ("--fr", str(i))]
    assert run(capsys, "waive", story, "--check", issue["check"], *fr, "--reason", "fine")[0] == 0
    code, out = run(capsys, "qa", story, "--format", "json")
    assert any(i.get("waived") for i in json.loads(out)["issues"])
    assert run(capsys, "waive", story, "--check", issue["check"], *fr, "--reason", "not fine", "--revoke")[0] == 0
    code, out = run(capsys, "qa", story, "--format", "json")
    assert not any(i.get("waived") for i in json.loads(out)["issues"])
    assert main(["--as", "ana", "users"]) == 0  # ana, the first user, is an admin
    assert main(["--as", "ana", "users", "add", "ed", "--role", "editor"]) == 0
    assert main(["--as", "ed", "approve", story, "--force", "--note", "ok"]) == 0
    assert main(["--as", "ana", "approve", story, "--revoke", "--note", "not yours"]) != 0
    assert main(["--as", "ed", "approve", story, "--revoke", "--note", "too early"]) == 0
    assert "revoked approved verdict" in capsys.readouterr().out
