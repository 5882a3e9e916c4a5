"""The report as GitLab Code Quality JSON: the Code Climate issue format GitLab reads as a `codequality` report.

Severities map error -> critical and warning -> minor; a finding's fingerprint depends on what it is, not on the
line it sits at, so GitLab matches it across a pull request's commits.
"""

from __future__ import annotations

import hashlib
import json

from tracker.check.result import RULES, CheckFinding, Report, render_words

_SEVERITY = {"error": "critical", "warning": "minor"}


def fingerprint(f: CheckFinding) -> str:
    """A stable identity for a finding: rule, story, file, QA check, message and paragraphs; not the line."""
    key = "\x1f".join([f.rule, f.story, f.file, f.check, f.message, ",".join(map(str, f.fr)), ",".join(map(str, f.en))])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue(f: CheckFinding) -> dict[str, object]:
    body = RULES[f.rule][1] + (f"\n\nFrench diff: {render_words(f.diff)}" if f.diff else "")
    return {
        "type": "issue",
        "check_name": f"tracker/{f.rule}" + (f"/{f.check}" if f.check else ""),
        "description": f"{f.story}: {f.message}",
        "content": {"body": body},
        "categories": ["Bug Risk"],
        "fingerprint": fingerprint(f),
        "severity": _SEVERITY[f.severity],
        "location": {"path": f.file, "lines": {"begin": max(f.line, 1)}},
    }


def render(report: Report) -> str:
    return json.dumps([issue(f) for f in report.findings], ensure_ascii=False, indent=2) + "\n"
