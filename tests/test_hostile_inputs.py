"""Inputs that used to end in a traceback end in one line on stderr and exit 3 (or a finding, for a check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.exitcodes import ExitCode

FORMAT = '{"format": "tracker-sidecar", "version": '


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("tracker:")]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("TRACKER_USER", "ana")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("sidecar", "words"),
    [
        (FORMAT + "99999999999999999999999999999}", "newer than"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (FORMAT + "9" * 5000 + "}", "invalid JSON"),
        (FORMAT + '1, "files": {"fr": "fr\\u0000.txt"}}', "plain file name"),
        (
            FORMAT + '1, "approvals": [{"at": "0001-01-01T00:00:00+23:59", "by": "x", "fr_hash": "' + "a" * 64 + '"}]}',
            "approvals[0]",
        ),
    ],
    ids=["huge-version", "deep-nesting", "huge-integer", "nul-file-name", "at-before-year-one"],
)
def test_a_hostile_sidecar_is_one_line(capsys: pytest.CaptureFixture[str], env: Path, sidecar: str, words: str) -> None:
    folder = env / "s"
    folder.mkdir()
    (folder / "fr.txt").write_text("Le sommet.\n")
    (folder / "en.txt").write_text("The summit.\n")
    (folder / "tracker.json").write_text(sidecar)
    code, out, _ = _run(capsys, "check", str(folder))
    assert code == ExitCode.FINDINGS and "sidecar-invalid" in out and words in out
    code, _, err = _run(capsys, "import-folder", str(folder))
    assert code == ExitCode.DATA and len(_errors(err)) == 1 and words in err


def test_a_sidecar_date_before_year_one_in_utc_is_refused_by_name() -> None:
    from tracker.check.fields import Reader, SidecarError

    with pytest.raises(SidecarError, match="out of range"):
        Reader("tracker.json", "").time("0001-01-01T00:00:00+23:59", "approvals[0].at")


@pytest.mark.parametrize("charset", ["rot13", "zlib", "base64", "idna", "undefined", "punycode"])
def test_an_html_page_declaring_a_non_text_codec_is_refused(
    capsys: pytest.CaptureFixture[str], env: Path, charset: str
) -> None:
    page = env / "p.html"
    page.write_text(f"<html><head><meta charset={charset}></head><body><p>Bonjour le monde.</p></body></html>")
    code, _, err = _run(capsys, "import", "--lang", "fr", str(page))
    assert code == ExitCode.DATA and len(_errors(err)) == 1 and charset in err


def test_a_ninjs_integer_of_5000_digits_is_refused(capsys: pytest.CaptureFixture[str], env: Path) -> None:
    item = env / "n.json"
    item.write_text('{"uri": "u", "language": "fr", "version": ' + "9" * 5000 + ', "body_text": "Bonjour."}')
    code, _, err = _run(capsys, "import", str(item))
    assert code == ExitCode.DATA and len(_errors(err)) == 1 and "n.json" in err


def test_a_revision_number_past_sqlite_integers_is_one_line(capsys: pytest.CaptureFixture[str], env: Path) -> None:
    (env / "fr.txt").write_text("Le sommet.\n")
    assert _run(capsys, "import", "--story", "s", "--lang", "fr", str(env / "fr.txt"))[0] == 0
    code, _, err = _run(capsys, "show", "s", "--lang", "fr", "--rev", "9" * 23)
    assert code == ExitCode.DATA and len(_errors(err)) == 1


def test_a_huge_number_in_a_story_folder_is_checked(capsys: pytest.CaptureFixture[str], env: Path) -> None:
    folder = env / "s"
    folder.mkdir()
    huge = "9" * 400
    (folder / "fr.txt").write_text(f"Le budget atteint {huge} euros.\n")
    (folder / "en.txt").write_text(f"The budget reaches {huge} euros.\n")
    code, out, _ = _run(capsys, "check", "--format", "json", str(folder))
    assert code in (ExitCode.OK, ExitCode.FINDINGS)
    assert json.loads(out)["findings"] is not None
