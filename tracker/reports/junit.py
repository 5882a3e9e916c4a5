"""The report as JUnit XML: one test suite per story, one test case per story and rule (valid against junit-10.xsd).

A rule's test case fails when it has findings at or above the gate; unreadable input is an `<error>`; findings
below the gate are listed in the test case's `<system-out>`, which passes; a rule that never ran (the sidecar was
invalid or a file unreadable, so the story was judged no further) is `<skipped>`, never a pass.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tracker.check.result import RULES, CheckFinding, Report, StoryResult, render_words
from tracker.reports.xmltext import clean as _clean


def _describe(findings: list[CheckFinding]) -> str:
    lines = []
    for f in findings:
        where = f"{f.file}:{f.line}" if f.line else f.file
        lines.append(f"{where}: {f.severity}: {f.message}")
        if f.diff:
            lines.append(f"    French diff: {render_words(f.diff)}")
    return _clean("\n".join(lines))


# a story with one of these findings was judged no further: its other rules never ran
_BLOCKING = {"sidecar-invalid": "the sidecar is invalid", "unreadable-input": "a story file could not be read"}


def _not_evaluated(story: StoryResult) -> str | None:
    """Why the story's other rules were never evaluated (None when they were)."""
    return next((why for rule, why in _BLOCKING.items() if any(f.rule == rule for f in story.findings)), None)


def _testcase(story: StoryResult, rule: str, report: Report) -> tuple[ET.Element, str]:
    """A rule's test case and its outcome: `pass`, `failure`, `error`, or `skipped` when it never ran."""
    case = ET.Element("testcase", {"classname": _clean(story.story), "name": rule, "time": "0"})
    mine = [f for f in story.findings if f.rule == rule]
    blocked = _not_evaluated(story)
    if blocked is not None and rule not in _BLOCKING and not mine:
        ET.SubElement(case, "skipped", {"message": f"not evaluated: {blocked}"})
        return case, "skipped"
    gating = [f for f in mine if f.at_or_above(report.fail_on)]
    outcome = "pass"
    if gating:
        outcome = "error" if rule == "unreadable-input" else "failure"
        noun = "finding" if len(gating) == 1 else "findings"
        element = ET.SubElement(
            case, outcome, {"type": rule, "message": _clean(f"{len(gating)} {noun}: {gating[0].message}")}
        )
        element.text = _describe(gating)
    below = [f for f in mine if not f.at_or_above(report.fail_on)]
    if below:
        ET.SubElement(case, "system-out").text = _describe(below)
    return case, outcome


def render(report: Report) -> str:
    root = ET.Element("testsuites", {"name": "tracker check"})
    totals = {"tests": 0, "failure": 0, "error": 0, "skipped": 0}
    for story in report.stories:
        suite = ET.SubElement(root, "testsuite", {"name": _clean(story.story)})
        counts = {"failure": 0, "error": 0, "skipped": 0}
        for rule in RULES:
            case, outcome = _testcase(story, rule, report)
            suite.append(case)
            if outcome != "pass":
                counts[outcome] += 1
        suite.set("tests", str(len(RULES)))
        suite.set("failures", str(counts["failure"]))
        suite.set("errors", str(counts["error"]))
        suite.set("skipped", str(counts["skipped"]))
        suite.set("time", "0")
        totals["tests"] += len(RULES)
        for outcome in ("failure", "error", "skipped"):
            totals[outcome] += counts[outcome]
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failure"]))
    root.set("errors", str(totals["error"]))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
