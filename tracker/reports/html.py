"""Self-contained HTML pages for editors: a stored story side by side with its flags, diff, verdict and audit trail,
or a check run's failing stories. One file, no script, no external asset; Jinja2 escapes every imported text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from tracker.approvals import approval_verdict
from tracker.check.result import Report, StoryResult
from tracker.layout import english_pieces, french_pieces, gutter
from tracker.model import AuditEntry
from tracker.reports.sidebyside import flag_words
from tracker.view import Row, StoryView

_OPS = {"=": "", "-": "del", "+": "ins"}


@cache
def _template() -> jinja2.Template:
    folder = resources.files("tracker.reports").joinpath("templates")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(folder.joinpath("story.html.j2").read_text("utf-8"))


@cache
def _css() -> str:
    return resources.files("tracker.reports").joinpath("templates", "base.css").read_text("utf-8")


def _page(title: str, stories: list[dict[str, Any]], footer: str) -> str:
    return _template().render(title=title, stories=stories, footer=footer, css=_css()) + "\n"


def _unmarked(pieces: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """The layout's pieces without the `[-…-]` `{+…+}` markers a terminal needs: HTML says it with del and ins."""
    return [[(text[2:-2] if kind in ("del", "ins") else text, kind) for text, kind in para] for para in pieces]


def _row(row: Row, approved: bool) -> dict[str, Any]:
    return {
        "marks": "".join(text for text, _ in gutter(row, approved)) or "·",
        "kinds": " ".join(sorted({f.kind for f in row.flags} | ({"qa"} if row.findings else set()))),
        "flag_words": flag_words(row),
        "needs_action": row.needs_action,
        "fr": _unmarked(french_pieces(row)),
        "en": english_pieces(row),
    }


def story_page(view: StoryView, audit: Sequence[AuditEntry], *, at: datetime) -> str:
    """The review page of one stored story: what an editor opens from an email or a CI artifact."""
    verdict = approval_verdict(view)
    approved = view.approval is not None and view.approval.valid
    en = f" · English r{view.en.number}" if view.en else " · no English yet"
    base = f", written from French r{view.base.number}" if view.en and view.base else ""
    pending = sum(r.needs_action for r in view.rows)
    story = {
        "slug": view.story.slug,
        "title": view.title,
        "title_lang": "",
        "revisions": f"French r{view.fr.number}{en}{base}",
        "approval": verdict.words(),
        "approval_state": verdict.state,
        "publishable": verdict.publishable,
        "todo": f"{pending} row{'s' * (pending != 1)} need{'s' * (pending == 1)} action" if pending else "up to date",
        "rows": [_row(row, approved) for row in view.rows],
        "findings": [],
        "audit": [
            {"seq": e.seq, "at": f"{e.at:%Y-%m-%d %H:%M}", "by": e.by, "action": e.action, "detail": e.detail}
            for e in audit
        ],
    }
    return _page(f"{view.story.slug} — tracker review", [story], f"tracker review page, made {at:%Y-%m-%d %H:%M %Z}")


def _checked(result: StoryResult, report: Report) -> dict[str, Any]:
    failing = [f for f in result.findings if f.at_or_above(report.fail_on)]
    return {
        "slug": result.story,
        "title": "",
        "title_lang": "",
        "revisions": ", ".join(result.files),
        "approval": "see findings",
        "approval_state": "failing" if failing else "ok",
        "publishable": not failing,
        "todo": f"{len(failing)} failing finding{'s' * (len(failing) != 1)}",
        "rows": [],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "where": f"{f.file}:{f.line}" if f.line else f.file,
                "message": f.message,
                "diff": [(text, _OPS.get(op, "")) for op, text in f.diff],
            }
            for f in result.findings
        ],
        "audit": [],
    }


def check_page(report: Report) -> str:
    """The stories of a check run that have findings, one section each: the CI artifact an editor opens."""
    stories = [_checked(result, report) for result in report.stories if result.findings]
    base = f" against {report.base}" if report.base else ""
    footer = f"tracker check{base}: {len(report.failing)} failing of {len(report.findings)} findings"
    return _page("tracker check", stories, footer)
