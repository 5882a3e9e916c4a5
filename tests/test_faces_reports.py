"""CI reports for every forge: GitLab Code Quality and Checkstyle validate against their schemas, JUnit marks rules
that never ran as skipped, and the HTML artifact lists every failing story with its findings, escaped."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from lxml import etree, html
from test_check_reports import BROKEN, STALE, WARNING, _report, junit_schema

from tracker.check.result import RULES, CheckFinding
from tracker.reports import render

SCHEMAS = Path(__file__).parent / "data" / "schemas"
SIDECAR = CheckFinding(
    "sidecar-invalid", "error", "stories/odd", "stories/odd/tracker.json", 0, "version: not a number"
)


def test_codeclimate_validates_and_maps_severities_and_lines() -> None:
    issues = json.loads(render(_report(STALE, WARNING, BROKEN), "codeclimate"))
    schema = json.loads((SCHEMAS / "gitlab-codequality.schema.json").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(issues)
    by_check = {i["check_name"]: i for i in issues}
    assert by_check["tracker/stale"]["severity"] == "critical"
    assert by_check["tracker/stale"]["location"] == {"path": "stories/sochi/en.txt", "lines": {"begin": 23}}
    assert by_check["tracker/qa-warning/length"]["severity"] == "minor"
    assert by_check["tracker/unreadable-input"]["location"]["lines"]["begin"] == 1  # a whole-file finding: line 1
    assert "[-6.500-]{+6.600+}" in by_check["tracker/stale"]["content"]["body"]


def test_codeclimate_fingerprints_survive_a_line_shift_and_tell_findings_apart() -> None:
    from dataclasses import replace

    first = json.loads(render(_report(STALE, WARNING), "codeclimate"))
    shifted = json.loads(render(_report(replace(STALE, line=30), WARNING), "codeclimate"))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in shifted]
    assert len({i["fingerprint"] for i in first}) == 2


def test_the_codeclimate_schema_rejects_an_unknown_severity() -> None:
    issues = json.loads(render(_report(STALE), "codeclimate"))
    issues[0]["severity"] = "error"
    schema = json.loads((SCHEMAS / "gitlab-codequality.schema.json").read_text("utf-8"))
    assert not jsonschema.Draft7Validator(schema).is_valid(issues)


def test_checkstyle_validates_with_one_file_per_path_and_the_rule_as_source() -> None:
    root = etree.fromstring(render(_report(STALE, WARNING, BROKEN), "checkstyle").encode())
    etree.XMLSchema(etree.parse(str(SCHEMAS / "checkstyle.xsd"))).assertValid(root)
    files = {f.get("name"): f for f in root.iter("file")}
    assert set(files) == {"stories/sochi/en.txt", "stories/bad/en.txt"}
    sources = [(e.get("source"), e.get("line"), e.get("severity")) for e in files["stories/sochi/en.txt"]]
    assert sources == [("tracker.stale", "23", "error"), ("tracker.qa-warning.length", "5", "warning")]


def test_junit_reports_rules_never_evaluated_as_skipped_not_passed() -> None:
    root = etree.fromstring(render(_report(STALE, BROKEN, SIDECAR), "junit").encode())
    junit_schema().assertValid(root)
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    for story in ("stories/bad", "stories/odd"):
        skipped = [name for (where, name), c in cases.items() if where == story and c.find("skipped") is not None]
        assert skipped == [r for r in RULES if r not in ("sidecar-invalid", "unreadable-input")]
    assert cases[("stories/odd", "sidecar-invalid")].find("failure") is not None
    assert cases[("stories/sochi", "untranslated")].find("skipped") is None  # judged, and clean: a pass
    assert sum(int(s.get("skipped") or 0) for s in root.iter("testsuite")) == 2 * (len(RULES) - 2)


def test_the_html_artifact_lists_failing_stories_with_their_diff_escaped() -> None:
    hostile = CheckFinding(
        "qa-error", "error", "stories/x", "stories/x/en.txt", 3, "<script>alert(1)</script> names", check="names"
    )
    page = render(_report(STALE, hostile), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    doc = html.fromstring(page)
    assert [s.text_content() for s in doc.iter("h1")] == ["stories/sochi", "stories/x"]
    rules = [tr.get("data-rule") for tr in doc.iter("tr") if tr.get("data-rule")]
    assert rules == ["stale", "qa-error"]
    assert [d.text for d in doc.iter("del")] == ["6.500"] and [i.text for i in doc.iter("ins")] == ["6.600"]
