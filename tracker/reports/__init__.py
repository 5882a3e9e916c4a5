"""Renderers of a check report: pure functions from a Report to the text of one output format.

Every format renders the same findings; only the shape differs (people, programs, CI dashboards, pull requests).
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.check.result import Report

FORMATS = ("text", "json", "junit", "sarif", "github", "markdown", "codeclimate", "checkstyle", "html")


def renderer(fmt: str) -> Callable[[Report], str]:
    """The renderer of an output format; imports only that format's module."""
    if fmt == "text":
        from tracker.reports.text import render
    elif fmt == "json":
        from tracker.reports.json_report import render
    elif fmt == "junit":
        from tracker.reports.junit import render
    elif fmt == "sarif":
        from tracker.reports.sarif import render
    elif fmt == "github":
        from tracker.reports.github import render
    elif fmt == "markdown":
        from tracker.reports.markdown import render
    elif fmt == "codeclimate":
        from tracker.reports.codeclimate import render
    elif fmt == "checkstyle":
        from tracker.reports.checkstyle import render
    elif fmt == "html":
        from tracker.reports.html import check_page as render
    else:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return render


def render(report: Report, fmt: str) -> str:
    """The report in format `fmt` (one of FORMATS), ending with a newline."""
    return renderer(fmt)(report)
