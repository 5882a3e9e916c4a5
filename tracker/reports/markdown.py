"""The report as Markdown for a pull-request comment: a verdict line, then a table of findings per story."""

from __future__ import annotations

import re

from tracker.check.result import CheckFinding, Report
from tracker.reports.text import summary

_SPECIAL = re.compile(r"([\\`*_{}\[\]|~#])")
_ICON = {"error": "❌", "warning": "⚠️"}


def _md(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace("\n", " ")


def _diff(f: CheckFinding) -> str:
    spaced = any(any(ch.isspace() for ch in text) for _, text in f.diff)
    sep = "" if spaced else " "
    parts = []
    last = len(f.diff) - 1
    for n, (op, text) in enumerate(f.diff):
        if not text.strip():
            parts.append(text)
        elif op == "-":
            parts.append(f"~~{_md(text.strip())}~~" + (" " if text.endswith(" ") else ""))
        elif op == "+":
            parts.append(f"**{_md(text.strip())}**" + (" " if text.endswith(" ") else ""))
        else:
            head = "" if n == 0 else text[:40]
            tail = "" if n == last else text[-40:]
            shown = text if len(text) <= 80 else head + "…" + tail
            parts.append(_md(shown))
    return sep.join(parts).strip()


def _row(f: CheckFinding) -> str:
    where = f"`{f.file}:{f.line}`" if f.line else f"`{f.file}`"
    message = _md(f.message)
    if f.diff:
        message += f"<br>French diff: {_diff(f)}"
    return f"| {_ICON[f.severity]} {f.severity} | {f.rule} | {where} | {message} |"


def render(report: Report) -> str:
    icon = "✅" if report.ok else "❌"
    lines = [f"### {icon} tracker check", "", _md(summary(report)), ""]
    for story in report.stories:
        if not story.findings:
            continue
        lines += [f"#### `{story.story}`", "", "| severity | rule | where | finding |", "| --- | --- | --- | --- |"]
        lines += [_row(f) for f in story.findings]
        lines.append("")
    clean = [s.story for s in report.stories if not s.findings]
    if clean:
        lines.append(f"{len(clean)} {'story' if len(clean) == 1 else 'stories'} with no finding.")
    return "\n".join(lines).rstrip("\n") + "\n"
