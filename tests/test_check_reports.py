"""Check reports: every format renders the same findings, and the standard ones validate against their schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from tracker.check.result import RULES, CheckFinding, Report, StoryResult
from tracker.reports import FORMATS, render

SCHEMAS = Path(__file__).parent / "data" / "schemas"
STALE = CheckFinding(
    rule="stale",
    severity="error",
    story="stories/sochi",
    file="stories/sochi/en.txt",
    line=23,
    message="English paragraph is stale: its French source at stories/sochi/fr.txt:27 changed",
    fr=(13,),
    en=(11,),
    fr_file="stories/sochi/fr.txt",
    fr_line=27,
    diff=(("=", "plus de "), ("-", "6.500"), ("+", "6.600"), ("=", " morts des deux côtés")),
)
WARNING = CheckFinding(
    "qa-warning", "warning", "stories/sochi", "stories/sochi/en.txt", 5, "length: 40% shorter", check="length"
)
BROKEN = CheckFinding("unreadable-input", "error", "stories/bad", "stories/bad/en.txt", 0, "en: binary data, <NUL>")


def _report(*findings: CheckFinding, fail_on: str = "error") -> Report:
    stories: dict[str, list[CheckFinding]] = {"stories/clean": []}
    for f in findings:
        stories.setdefault(f.story, []).append(f)
    results = tuple(StoryResult(name, tuple(fs)) for name, fs in sorted(stories.items()))
    return Report(results, fail_on=fail_on)  # type: ignore[arg-type]


def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_the_gate_counts_only_findings_at_or_above_fail_on() -> None:
    assert _report(WARNING).ok
    assert not _report(WARNING, fail_on="warning").ok
    assert _report(STALE).exit_code == 1
    assert _report().exit_code == 0
    assert _report(STALE, BROKEN).exit_code == 3


def test_json_report_has_stable_keys_and_every_finding() -> None:
    data = json.loads(render(_report(STALE, WARNING), "json"))
    assert list(data) == ["format", "version", "tool", "ok", "fail_on", "base", "summary", "stories", "findings"]
    assert data["ok"] is False
    assert data["summary"] == {"stories": 2, "findings": 2, "errors": 1, "warnings": 1, "failing": 1}
    stale = data["findings"][0]
    assert stale["rule"] == "stale" and stale["file"] == "stories/sochi/en.txt" and stale["line"] == 23
    assert stale["fr"] == [13] and stale["en"] == [11] and stale["fr_line"] == 27
    assert stale["diff"] == "plus de [-6.500-]{+6.600+} morts des deux côtés"
    assert stale["words"][1] == ["-", "6.500"]


def test_junit_has_one_testcase_per_story_and_rule_and_validates() -> None:
    text = render(_report(STALE, WARNING, BROKEN), "junit")
    root = etree.fromstring(text.encode())
    junit_schema().assertValid(root)
    cases = root.findall(".//testcase")
    assert len(cases) == 3 * len(RULES)
    failed = [(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None]
    errored = [(c.get("classname"), c.get("name")) for c in cases if c.find("error") is not None]
    assert failed == [("stories/sochi", "stale")]
    assert errored == [("stories/bad", "unreadable-input")]
    warning_case = next(c for c in cases if c.get("name") == "qa-warning" and c.get("classname") == "stories/sochi")
    assert warning_case.find("failure") is None
    assert "length: 40% shorter" in (warning_case.findtext("system-out") or "")
    assert root.get("failures") == "1" and root.get("errors") == "1"


def test_junit_fails_warnings_when_the_gate_is_warning() -> None:
    root = etree.fromstring(render(_report(WARNING, fail_on="warning"), "junit").encode())
    junit_schema().assertValid(root)
    assert [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None] == ["qa-warning"]


def test_sarif_validates_against_the_2_1_0_schema_and_points_at_lines() -> None:
    data: dict[str, Any] = json.loads(render(_report(STALE, WARNING, BROKEN), "sarif"))
    sarif_validator().validate(data)
    run = data["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    first = run["results"][1]
    assert first["ruleId"] == "stale" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 23}
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stories/sochi/en.txt"
    assert "[-6.500-]{+6.600+}" in first["message"]["text"]
    assert "region" not in run["results"][0]["locations"][0]["physicalLocation"]
    assert run["results"][0]["ruleId"] == "unreadable-input"


def test_the_sarif_schema_rejects_a_broken_log() -> None:
    data: dict[str, Any] = json.loads(render(_report(STALE), "sarif"))
    data["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator().validate(data)


def test_github_annotations_escape_and_carry_file_and_line() -> None:
    lines = render(_report(STALE, WARNING, BROKEN), "github").splitlines()
    assert lines[0] == ("::error file=stories/bad/en.txt,title=tracker unreadable-input::en: binary data, <NUL>")
    assert lines[1].startswith("::error file=stories/sochi/en.txt,line=23,title=tracker stale::English paragraph")
    assert "%0AFrench diff: plus de [-6.500-]{+6.600+}" in lines[1]
    assert lines[2].startswith("::warning file=stories/sochi/en.txt,line=5,")
    assert len(lines) == 3


def test_markdown_shows_a_verdict_and_a_table_per_story_with_problems() -> None:
    text = render(_report(STALE, WARNING), "markdown")
    assert text.startswith("### ❌ tracker check")
    assert "#### `stories/sochi`" in text
    assert "`stories/clean`" not in text
    assert "~~6.500~~" in text and "**6.600**" in text
    assert "1 story with no finding." in text
    assert render(_report(), "markdown").startswith("### ✅ tracker check")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_report(fmt: str) -> None:
    assert render(_report(), fmt).endswith("\n") or fmt == "github"


def test_text_report_lists_each_finding_then_a_summary() -> None:
    lines = render(_report(STALE, WARNING), "text").splitlines()
    assert lines[0].startswith("stories/sochi/en.txt:23: error stale: English paragraph is stale")
    assert lines[1] == "    French diff: plus de [-6.500-]{+6.600+} morts des deux côtés"
    assert lines[2].startswith("stories/sochi/en.txt:5: warning qa-warning: length")
    assert lines[-1] == "2 stories checked: 1 error, 1 warning (gate: error) — FAILED"
