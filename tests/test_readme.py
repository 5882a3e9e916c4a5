"""README.md as a test: every command block runs, in order, on a fresh home, and answers what its comments show.

Conventions the README's blocks follow (see "A short tour"): a comment after a command may start with
`exit N` (or say `(exit N)`) for its exit code, 0 otherwise; text in double quotes in a comment must appear in
what the command prints; a comment that is a JSON shape (`# {"links": [...]}`) names keys the JSON output holds.
"""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tracker.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

# Sections whose blocks cannot run on a laptop with no network and no files of one's own, with the reason.
# Every other command block of the README runs; a section named here must exist (no stale exceptions).
NOT_RUN = {
    "Set up": "installs the package and runs the whole suite; its shape is checked below",
    "Machine translation": "needs a translation server",
    "CI: tracker check": "a synopsis of the options, not a command",
    "Team mode on PostgreSQL": "needs the desk's PostgreSQL server",
    "Formats": "needs wire files of one's own",
    "Development": "the quality gates, run by .ci/run",
}
COMMAND_STARTS = ("tracker", "pip ", "export ", "python ", "ruff ", "pytest")


@dataclass(frozen=True)
class Step:
    """One command line of the README, where it is, and what its comment promises."""

    section: str
    line: int
    command: str
    comment: str

    @property
    def exit_code(self) -> int:
        found = re.search(r"(?:^|\()exit (\d+)\b", self.comment)
        return int(found.group(1)) if found else 0

    @property
    def json_keys(self) -> list[str]:
        return re.findall(r'"(\w+)":', self.comment) if self.comment.startswith("{") else []

    @property
    def shown(self) -> list[str]:
        return [] if self.comment.startswith("{") else re.findall(r'"([^"]+)"', self.comment)


def _split_comment(text: str) -> tuple[str, str]:
    """`tracker x "a # b"   # note` -> the command and the note (a # inside quotes is the command's)."""
    quote = ""
    for i, char in enumerate(text):
        if char in "\"'" and not quote:
            quote = char
        elif char == quote:
            quote = ""
        elif char == "#" and not quote and (i == 0 or text[i - 1] == " "):
            return text[:i].rstrip(), text[i + 1 :].strip()
    return text.rstrip(), ""


def blocks(text: str) -> Iterator[tuple[str, int, list[str]]]:
    """Indented code blocks (section, first line number, lines), outside fenced blocks."""
    section, fenced, current, start = "", False, list[str](), 0
    lines = text.splitlines()
    for number, line in enumerate([*lines, ""], start=1):
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        if line.startswith("#") and not line.startswith("    "):
            section = line.lstrip("#").strip()
        if line.startswith("    ") and (current or not lines[number - 2].strip()):
            if not current:
                start = number
            current.append(line[4:])
        elif current and not line.strip() and number < len(lines) and lines[number].startswith("    "):
            current.append("")
        elif current:
            yield section, start, current
            current = []


def steps(text: str) -> list[Step]:
    found = []
    for section, start, lines in blocks(text):
        if not lines[0].startswith(COMMAND_STARTS):
            continue  # a folder listing or an example file, not commands
        for offset, line in enumerate(lines):
            if line.strip():
                command, comment = _split_comment(line)
                found.append(Step(section, start + offset, command, comment))
    return found


ALL_STEPS = steps(README.read_text(encoding="utf-8"))
TOUR = [s for s in ALL_STEPS if s.section not in NOT_RUN]


def test_every_section_kept_from_running_exists_and_has_commands() -> None:
    assert {s.section for s in ALL_STEPS if s.section in NOT_RUN} == set(NOT_RUN)


def test_every_command_run_is_a_tracker_command() -> None:
    # a shell line (cd, export, sed) would need a shell; the tour is written so that it needs none
    assert TOUR and all(s.command.startswith("tracker ") for s in TOUR), [s.command for s in TOUR]


def test_the_comment_conventions_are_read_as_documented() -> None:
    step = Step("x", 1, "tracker qa", 'exit 1: "no findings" and "two"')
    assert (step.exit_code, step.shown) == (1, ["no findings", "two"])
    assert Step("x", 1, "tracker", "refused (exit 1) while").exit_code == 1
    assert Step("x", 1, "tracker", "exit code 1 if edited").exit_code == 0
    assert Step("x", 1, "tracker", '{"links": [{"fr": [9, 10]}]}').json_keys == ["links", "fr"]
    assert _split_comment('tracker ack s --note "a # b"   # "c"') == ('tracker ack s --note "a # b"', '"c"')


DECIDING = ("ack", "waive", "link", "approve", "reject", "withdraw")


def test_the_tour_says_which_decisions_it_makes_on_the_sample_story() -> None:
    """The tour's opening note says it keeps its decisions to a story of its own; a command deciding on the sample
    story (an editor's verdict, most often) must be named there, so that a newcomer knows what the tour changed."""
    text = README.read_text(encoding="utf-8")
    note = text[text.index("## A short tour") : text.index("### Stories and revisions")]
    on_sample = set()
    for step in TOUR:
        words = shlex.split(step.command)[1:]
        while words and words[0].startswith("--"):  # `--as ed`: the global options before the command
            words = words[2:]
        if words and words[0] in DECIDING and "sochi-summit" in words:
            on_sample.add(words[0])
    assert on_sample, "the tour gives no verdict on the sample: drop this test's premise"
    for verb in sorted(on_sample):
        assert f"`{verb}`" in note and "sochi-summit" in note, f"the note does not say it runs {verb} on the sample"


def _keys(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


@pytest.fixture
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newcomer's machine: an empty home and folder, no tracker settings, a known operating-system user."""
    home = tmp_path / "home"
    (home / "tour").mkdir(parents=True)
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    for name in [k for k in __import__("os").environ if k.startswith("TRACKER_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("USER", "newcomer")
    monkeypatch.setenv("LOGNAME", "newcomer")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.chdir(home / "tour")
    return home


def test_the_readme_commands_run_in_order_and_answer_as_shown(
    capsys: pytest.CaptureFixture[str], fresh_home: Path
) -> None:
    for step in TOUR:
        where = f"README.md:{step.line}: {step.command}"
        code = main(shlex.split(step.command)[1:])
        out, err = capsys.readouterr()
        assert code == step.exit_code, f"{where}: exit {code}, expected {step.exit_code}\n{err}"
        for text in step.shown:
            assert text in out + err, f"{where}: {text!r} not in its output\n{out}{err}"
        if step.json_keys:
            missing = set(step.json_keys) - _keys(json.loads(out))
            assert not missing, f"{where}: JSON output lacks {sorted(missing)}"
    # the tour worked on a story of its own: the sample is as it was seeded
    assert main(["log", "sochi-summit", "--format", "json"]) == 0
    revisions = json.loads(capsys.readouterr().out)["revisions"]
    assert [(r["lang"], r["number"]) for r in revisions] == [("fr", 1), ("fr", 2), ("en", 1), ("fr", 3), ("en", 2)]
    assert (fresh_home / ".local" / "share" / "tracker" / "tracker.db").is_file()


def _set_up_commands() -> list[str]:
    section = [lines for name, _, lines in blocks(README.read_text(encoding="utf-8")) if name == "Set up"]
    return [line for lines in section for line in lines if line.strip()]


def test_the_set_up_commands_are_the_two_the_project_supports() -> None:
    # run as printed by .ci/run (the second) and by a person (the first); here their shape is checked
    assert _set_up_commands() == ["pip install . && tracker", "pip install -e '.[test]' && pytest"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["tracker"] == "tracker.cli:run"
    assert any(d.startswith("pytest") for d in project["project"]["optional-dependencies"]["test"])
    assert project["tool"]["pytest"]["ini_options"]["testpaths"] == ["tests"]
    assert "\"pip install -e '.[test]' && pytest\"" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_package_metadata_matches_what_ci_tests_and_ships_its_licence() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    meta = project["project"]
    assert meta["license"] == "MIT" and meta["license-files"] == ["tracker/LICENSE"]
    assert (ROOT / "tracker" / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    # the SPDX license string needs setuptools 77 (76 refuses it: checked with `pip wheel --no-deps .`)
    assert project["build-system"]["requires"] == ["setuptools>=77"]
    prefix = "Programming Language :: Python :: 3."
    versions = [c.rsplit(" ", 1)[1] for c in meta["classifiers"] if c.startswith(prefix)]
    assert meta["requires-python"] == f">={versions[0]}"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"for version in {' '.join(versions)}; do" in ci
