"""The report for people at a terminal: one `file:line: severity rule: message` line per finding, then a summary."""

from __future__ import annotations

from tracker.check.result import Report, render_words


def _where(file: str, line: int) -> str:
    return f"{file}:{line}" if line else file


def summary(report: Report) -> str:
    """One line: how many stories, errors and warnings, and whether the gate passed."""
    stories = len(report.stories)
    errors, warnings = report.count("error"), report.count("warning")
    verdict = "passed" if report.ok else "FAILED"
    noun = "story" if stories == 1 else "stories"
    base = f" against {report.base}" if report.base else ""
    return (
        f"{stories} {noun} checked{base}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} (gate: {report.fail_on}) — {verdict}"
    )


def render(report: Report) -> str:
    lines: list[str] = []
    for f in report.findings:
        lines.append(f"{_where(f.file, f.line)}: {f.severity} {f.rule}: {f.message}")
        french = _where(f.fr_file, f.fr_line)
        if f.fr_file and (f.fr_file, f.fr_line) != (f.file, f.line) and french not in f.message:
            lines.append(f"    French: {french}")
        if f.diff:
            lines.append(f"    French diff: {render_words(f.diff)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
