"""The report as GitHub Actions workflow commands: `::error file=...,line=...,title=...::message`, one per finding."""

from __future__ import annotations

from tracker.check.result import CheckFinding, Report, render_words


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: CheckFinding) -> str:
    """One finding as a workflow command; the French diff follows the message on a second line."""
    props = [f"file={_property(f.file)}"]
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_property(f'tracker {f.rule}')}")
    message = f.message + (f"\nFrench diff: {render_words(f.diff)}" if f.diff else "")
    return f"::{f.severity} {','.join(props)}::{_data(message)}"


def render(report: Report) -> str:
    return "".join(command(f) + "\n" for f in report.findings)
