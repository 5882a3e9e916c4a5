"""The report as Checkstyle XML (read by Jenkins' warnings plugin, reviewdog and most CI dashboards): one `<file>`
per story file with findings, one `<error>` per finding, its source the rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tracker.check.result import Report, render_words
from tracker.reports.xmltext import clean as _clean


def render(report: Report) -> str:
    root = ET.Element("checkstyle", {"version": "8.0"})
    files: dict[str, ET.Element] = {}
    for f in report.findings:
        element = files.get(f.file)
        if element is None:
            element = files[f.file] = ET.SubElement(root, "file", {"name": _clean(f.file)})
        message = f"{f.story}: {f.message}" + (f" (French diff: {render_words(f.diff)})" if f.diff else "")
        attributes = {"line": str(max(f.line, 1)), "severity": f.severity, "message": _clean(message)}
        ET.SubElement(
            element, "error", attributes | {"source": f"tracker.{f.rule}" + (f".{f.check}" if f.check else "")}
        )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
