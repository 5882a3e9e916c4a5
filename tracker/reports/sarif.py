"""The report as SARIF 2.1.0, so code-scanning tools show each finding as an annotation on its line."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from tracker import __version__
from tracker.check.result import RULES, CheckFinding, Report, render_words

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning"}


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": description},
            "defaultConfiguration": {"level": _LEVEL[severity]},
        }
        for rule, (severity, description) in RULES.items()
    ]


def _location(file: str, line: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(file), "uriBaseId": "%SRCROOT%"}}
    if line > 0:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _fingerprint(f: CheckFinding) -> str:
    # Stable across runs and line shifts: the rule, the story and the message, not the line number.
    return hashlib.sha256(f"{f.rule}\n{f.story}\n{f.file}\n{f.check}\n{f.message}".encode()).hexdigest()[:32]


def _result(f: CheckFinding) -> dict[str, Any]:
    text = f.message + (f"\nFrench diff: {render_words(f.diff)}" if f.diff else "")
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": list(RULES).index(f.rule),
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_location(f.file, f.line)],
        "partialFingerprints": {"trackerFinding/v1": _fingerprint(f)},
        "properties": {"story": f.story, "fr": list(f.fr), "en": list(f.en)},
    }
    if f.fr_file and (f.fr_file, f.fr_line) != (f.file, f.line):
        related = _location(f.fr_file, f.fr_line)
        related["id"] = 0
        related["message"] = {"text": "the French paragraph"}
        result["relatedLocations"] = [related]
    if f.check:
        result["properties"]["check"] = f.check
    return result


def report_data(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready mapping: one run, every rule described, one result per finding."""
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "tracker", "version": __version__, "rules": _rules()}},
                "results": [_result(f) for f in report.findings],
                "columnKind": "unicodeCodePoints",
                "properties": {"failOn": report.fail_on, "ok": report.ok, "base": report.base},
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
