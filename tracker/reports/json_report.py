"""The report as JSON with documented, stable keys (see the README's "CI: tracker check" section)."""

from __future__ import annotations

import json
from typing import Any

from tracker import __version__
from tracker.check.result import CheckFinding, Report, render_words

SCHEMA_VERSION = 1


def finding_data(f: CheckFinding) -> dict[str, Any]:
    """One finding as a JSON object; every key is always present."""
    return {
        "rule": f.rule,
        "severity": f.severity,
        "story": f.story,
        "file": f.file,
        "line": f.line,
        "message": f.message,
        "fr": list(f.fr),
        "en": list(f.en),
        "fr_file": f.fr_file or None,
        "fr_line": f.fr_line or None,
        "check": f.check or None,
        "diff": render_words(f.diff) if f.diff else None,
        "words": [list(w) for w in f.diff],
    }


def report_data(report: Report) -> dict[str, Any]:
    """The whole report as a JSON-ready mapping."""
    return {
        "format": "tracker-check",
        "version": SCHEMA_VERSION,
        "tool": {"name": "tracker", "version": __version__},
        "ok": report.ok,
        "fail_on": report.fail_on,
        "base": report.base,
        "summary": {
            "stories": len(report.stories),
            "findings": len(report.findings),
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "failing": len(report.failing),
        },
        "stories": [
            {
                "story": s.story,
                "ok": not any(f.at_or_above(report.fail_on) for f in s.findings),
                "findings": len(s.findings),
                "files": list(s.files),
            }
            for s in report.stories
        ],
        "findings": [finding_data(f) for f in report.findings],
    }


def render(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
