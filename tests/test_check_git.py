"""`tracker check` end to end: real git repositories in temporary folders, real changes, every output format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from sources.text import read_text
from tracker.check import StoryTexts
from tracker.check import approve as approve_story
from tracker.check.sidecar import Sidecar
from tracker.cli import main
from tracker.model import Acknowledgement
from tracker.services.folders import load_folder, save_sidecar

SAMPLE = Path(__file__).parents[1] / "tracker" / "samples" / "sochi-summit"
SCHEMAS = Path(__file__).parent / "data" / "schemas"
EXPECTED = json.loads((Path(__file__).parent / "data" / "sochi-expected.json").read_text(encoding="utf-8"))
AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
STORY = "stories/sochi"


def git(repo: Path, *args: str) -> str:
    cmd = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, check=True).stdout


def approve(folder: Path, omitted: tuple[int, ...] = (0, 13), with_texts: bool = True) -> Sidecar:
    """Record that the English follows the current French, the omissions an editor accepted, and an approval."""
    story = load_folder(folder)
    acks = tuple(
        Acknowledgement("sochi", story.fr.paragraphs[i].hash, "omitted", "ed", AT, "background") for i in omitted
    )
    texts = StoryTexts("s", "fr", "en", "j", story.fr, story.en, Sidecar(story="sochi", acknowledgements=acks))
    sidecar = approve_story(texts, by="ed", at=AT, note="good to go")
    if not with_texts:
        sidecar = replace(sidecar, adapted_texts=())
    shown = {p.hash: p.text for d in (story.fr, story.en) for p in d.paragraphs} if with_texts else {}
    save_sidecar(folder, sidecar, shown)
    return sidecar


def make_story(root: Path, name: str = STORY, *, fr: str = "fr.r2.txt", en: str = "en.r1.txt", **kw: Any) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE / fr, folder / "fr.txt")
    shutil.copy(SAMPLE / en, folder / "en.txt")
    approve(folder, **kw)
    return folder


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk repository with the sample story approved on fr.r2 + en.r1, committed; the cwd is its root."""
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    make_story(root)
    (root / "README.md").write_text("desk\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "sochi approved")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = run(capsys, *args, "--format", "json")
    return code, json.loads(out)["findings"]


def where(items: list[dict[str, Any]], *rules: str) -> list[tuple[str, str, int]]:
    return sorted((f["rule"], f["file"], f["line"]) for f in items if f["rule"] in rules)


def junit(text: str) -> etree._Element:
    root = etree.fromstring(text.encode())
    etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd"))).assertValid(root)
    return root


def sarif(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(data)
    return data


def test_the_approved_sample_passes_in_every_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 0
    code, out, _ = run(capsys, "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True and json.loads(out)["findings"] == []
    root = junit(run(capsys, "--format", "junit")[1])
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert sarif(run(capsys, "--format", "sarif")[1])["runs"][0]["results"] == []
    assert run(capsys, "--format", "github")[1] == ""
    assert run(capsys, "--format", "markdown")[1].startswith("### ✅ tracker check")


def _expected_sochi_flags() -> list[tuple[str, str, int]]:
    """The stale and untranslated findings tests/data/sochi-expected.json lists, as (rule, file, line)."""
    en = read_text((SAMPLE / "en.r1.txt").read_bytes(), "en").paragraphs
    fr = read_text((SAMPLE / "fr.r3.txt").read_bytes(), "fr").paragraphs
    out = []
    for flag in EXPECTED["flags_on_en.r1_after_fr.r3"]:
        if flag["flag"] == "stale":
            out.append(("stale", f"{STORY}/en.txt", en[flag["en"]].line_start))
        elif flag["flag"] == "untranslated":
            out.append(("untranslated", f"{STORY}/fr.txt", fr[flag["fr"]].line_start))
    return sorted(out)


def test_a_french_update_makes_exactly_the_expected_paragraphs_stale_and_untranslated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SAMPLE / "fr.r3.txt", repo / STORY / "fr.txt")
    code, found = findings(capsys, "--base", "HEAD")
    assert code == 1
    assert where(found, "stale", "untranslated") == _expected_sochi_flags()
    assert where(found, "stale", "untranslated") == [
        ("stale", f"{STORY}/en.txt", 13),
        ("stale", f"{STORY}/en.txt", 23),
        ("untranslated", f"{STORY}/fr.txt", 25),
    ]
    figure = next(f for f in found if f["rule"] == "stale" and f["line"] == 23)
    assert "[-6.500-]{+6.600+}" in figure["diff"] and figure["fr_line"] == 27
    assert ("qa-error", f"{STORY}/en.txt", 23) in where(found, "qa-error")
    assert where(found, "approval-outdated") == [("approval-outdated", f"{STORY}/en.txt", 13)]
    assert "the French" in next(f["message"] for f in found if f["rule"] == "approval-outdated")


def test_a_french_update_fails_in_every_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SAMPLE / "fr.r3.txt", repo / STORY / "fr.txt")
    code, out, err = run(capsys, "--base", "HEAD")
    assert code == 1 and f"{STORY}/en.txt:23: error stale:" in out and "FAILED" in out
    code, out, err = run(capsys, "--base", "HEAD", "--format", "junit")
    failed = {c.get("name") for c in junit(out).iter("testcase") if c.find("failure") is not None}
    assert code == 1 and {"stale", "untranslated", "approval-outdated", "qa-error"} <= failed
    assert "FAILED" in err
    code, out, _ = run(capsys, "--base", "HEAD", "--format", "sarif")
    results = sarif(out)["runs"][0]["results"]
    stale_lines = sorted(
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results if r["ruleId"] == "stale"
    )
    assert code == 1 and stale_lines == [13, 23]
    code, out, _ = run(capsys, "--base", "HEAD", "--format", "github")
    assert code == 1
    assert any(
        line.startswith(f"::error file={STORY}/en.txt,line=23,title=tracker stale::") for line in out.splitlines()
    )
    assert f"::error file={STORY}/fr.txt,line=25,title=tracker untranslated::" in out
    code, out, _ = run(capsys, "--base", "HEAD", "--format", "markdown")
    assert code == 1 and "~~6.500~~" in out and f"`{STORY}/en.txt:13`" in out


def test_an_edited_english_paragraph_outdates_the_approval_at_its_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = repo / STORY / "en.txt"
    en.write_text(en.read_text(encoding="utf-8").replace("left 286 dead", "left 287 dead"), encoding="utf-8")
    code, found = findings(capsys, "--base", "HEAD")
    assert code == 1
    assert where(found, "approval-outdated") == [("approval-outdated", f"{STORY}/en.txt", 13)]
    assert "the English" in next(f["message"] for f in found if f["rule"] == "approval-outdated")
    assert ("qa-error", f"{STORY}/en.txt", 13) in where(found, "qa-error")
    assert where(found, "stale", "untranslated") == []


def test_a_cosmetic_english_edit_leaves_only_the_outdated_approval(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = repo / STORY / "en.txt"
    en.write_text(en.read_text(encoding="utf-8").replace("normalize relations", "normalise relations"), "utf-8")
    code, found = findings(capsys, "--base", "HEAD")
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("approval-outdated", 15)]
    assert [f["rule"] for f in findings(capsys)[1]] == ["approval-outdated"]
    approve(repo / STORY)
    assert findings(capsys)[0] == 0


def test_a_corrupted_sidecar_is_a_finding_naming_the_file_and_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sidecar = repo / STORY / "tracker.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace('"version": 1,', '"version": 1'), "utf-8")
    code, found = findings(capsys, "--base", "HEAD")
    assert code == 1
    assert [(f["rule"], f["file"]) for f in found] == [("sidecar-invalid", f"{STORY}/tracker.json")]
    # the parser notices the missing comma where the next key starts
    assert found[0]["line"] == 4 and "invalid JSON" in found[0]["message"]
    code, out, _ = run(capsys, "--format", "sarif")
    assert code == 1 and sarif(out)["runs"][0]["results"][0]["ruleId"] == "sidecar-invalid"


def test_an_unreadable_story_file_exits_3_but_still_reports(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / STORY / "en.txt").write_bytes(b"\x00\x01\x02binary")
    code, out, err = run(capsys, "--format", "json")
    assert code == 3
    assert [(f["rule"], f["file"]) for f in json.loads(out)["findings"]] == [("unreadable-input", f"{STORY}/en.txt")]
    assert f"tracker: error: {STORY}/en.txt" in err
    code, out, _ = run(capsys, "--format", "junit")
    assert code == 3 and junit(out).get("errors") == "1"


def test_only_the_stories_changed_since_the_base_are_checked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_story(repo, "stories/other")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "another story")
    shutil.copy(SAMPLE / "fr.r3.txt", repo / "stories/other/fr.txt")
    code, out, _ = run(capsys, "--base", "HEAD", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [s["story"] for s in data["stories"]] == ["stories/other"]
    code, out, _ = run(capsys, "--base", "HEAD", STORY, "--format", "json")
    assert code == 0 and json.loads(out)["stories"] == []
    assert run(capsys, "--base", "HEAD~0", "--format", "json")[0] == 1


def test_without_base_the_french_the_english_followed_is_found_in_git_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    make_story(root, with_texts=False)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "approved")
    shutil.copy(SAMPLE / "fr.r3.txt", root / STORY / "fr.txt")
    git(root, "commit", "-q", "-am", "French update")
    monkeypatch.chdir(root)
    code, found = findings(capsys, "stories")
    assert code == 1
    assert where(found, "stale", "untranslated") == _expected_sochi_flags()


def test_a_folder_outside_git_is_judged_from_the_texts_its_sidecar_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_story(tmp_path, "sochi")
    monkeypatch.chdir(tmp_path)
    assert findings(capsys, "sochi")[0] == 0
    shutil.copy(SAMPLE / "fr.r3.txt", folder / "fr.txt")
    code, found = findings(capsys, "sochi/fr.txt")
    assert code == 1
    assert [r[0] for r in where(found, "stale", "untranslated")] == ["stale", "stale", "untranslated"]


def test_repository_and_usage_errors_have_their_own_exit_codes(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "--base", "no-such-branch")
    assert code == 3 and out == "" and "unknown revision 'no-such-branch'" in err
    assert run(capsys, "--format", "xml")[0] == 2
    assert run(capsys, "--fail-on", "info")[0] == 2
    assert run(capsys, "does/not/exist")[0] == 3
    elsewhere = tmp_path / "plain"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, _, err = run(capsys, "--base", "HEAD")
    assert code == 3 and "not inside a git repository" in err


def test_files_outside_story_folders_name_no_story(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "README.md", "--format", "json")
    assert code == 0 and json.loads(out)["stories"] == []


def test_the_check_loads_neither_the_database_nor_the_ui(repo: Path) -> None:
    code = (
        "import sys; from tracker.cli import main; code = main(['check', '--format', 'json']); "
        "print(code, sorted(m for m in ('sqlmodel', 'sqlalchemy', 'textual') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "0 []"


def test_a_sidecar_naming_a_missing_text_is_unreadable_input(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sidecar = repo / STORY / "tracker.json"
    text = sidecar.read_text(encoding="utf-8").replace('"files": {}', '"files": {"en": "english.md"}')
    sidecar.write_text(text, encoding="utf-8")
    code, found = findings(capsys)
    assert code == 3
    assert [(f["rule"], f["file"], f["message"]) for f in found] == [
        ("unreadable-input", f"{STORY}/english.md", "en: no such file")
    ]


def test_qa_is_not_reopened_under_a_valid_approval_but_returns_once_the_text_changes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = repo / STORY / "en.txt"
    en.write_text(en.read_text(encoding="utf-8").replace("left 286 dead", "left 287 dead"), encoding="utf-8")
    approve(repo / STORY)  # an editor forced it through
    assert findings(capsys) == (0, [])
    en.write_text(en.read_text(encoding="utf-8").replace("normalize relations", "normalise relations"), "utf-8")
    code, found = findings(capsys)
    assert code == 1 and {f["rule"] for f in found} == {"approval-outdated", "qa-error"}


def test_errors_replace_reads_a_file_that_is_utf8_but_for_a_byte_and_says_so(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As on import, align, diff and qa: strict refuses the file with the byte's offset; replace reads it, a U+FFFD
    for the byte, with one warning naming the file, and judges the story (its approval is outdated by the change)."""
    en = repo / STORY / "en.txt"
    data = en.read_bytes()
    en.write_bytes(data.replace("’".encode(), b"\x92", 1))  # one Windows-1252 apostrophe in a UTF-8 file
    code, out, err = run(capsys, "--format", "json")
    assert code == 3 and "invalid UTF-8 at byte" in err
    code, out, err = run(capsys, "--format", "json", "--errors", "replace")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert code == 1 and "unreadable-input" not in rules and "approval-outdated" in rules
    assert f"tracker: warning: {STORY}/en.txt: " in err and "replaced" in err
