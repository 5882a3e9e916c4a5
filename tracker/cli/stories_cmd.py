"""`tracker stories`: the desk's list as the TUI shows it — state, approval, revisions, updated, title — for scripts.

Summaries come through the database's summary cache, so a desk of thousands of stories lists in milliseconds once
they were derived; filters, sorts and search are the TUI list's own (`tracker.listing`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from tracker.cli.common import FORMAT_OPTION, emit_json
from tracker.exitcodes import ExitCode
from tracker.listing import APPROVAL_WORDS, FILTERS, SORTS, embargo_words, listed, option_name, state_parts
from tracker.view import StorySummary

_FILTERS = {option_name(name): name for name in FILTERS}
_SORTS = {option_name(name): name for name in SORTS}


def summary_json(s: StorySummary) -> dict[str, Any]:
    """One story as JSON; `latest` keeps the shape earlier releases printed."""
    latest = {"fr": s.fr_rev} | ({"en": s.en_rev} if s.en_rev is not None else {})
    return {
        "slug": s.slug,
        "title": s.title,
        "latest": latest,
        "state": "error"
        if s.error
        else "no-english"
        if s.en_rev is None
        else ("up-to-date" if s.up_to_date else "needs-work"),
        "stale": s.stale,
        "untranslated": s.untranslated,
        "qa": s.qa,
        "approval": s.approval,
        "fr_rev": s.fr_rev,
        "en_rev": s.en_rev,
        "updated_at": s.updated_at.isoformat(),
        "wire": s.wire,
        "urgency": s.urgency,
        "error": s.error or None,
        "corrections": s.corrections,
        "withdraw": s.withdraw or None,
        "embargoed_until": s.embargo,
        "embargo": embargo_words(s.embargo, s.embargo_lifted, datetime.now(UTC)) or None,
    }


def table(stories: list[StorySummary]) -> list[str]:
    """Aligned columns, the title last so a narrow terminal cuts only the title."""
    now = datetime.now(UTC)
    head = ("STORY", "STATE", "APPROVAL", "FR", "EN", "UPDATED", "TITLE")
    rows = [
        (
            s.slug,
            ", ".join(words for words, _ in state_parts(s, now)),
            APPROVAL_WORDS[s.approval],
            f"r{s.fr_rev}",
            f"r{s.en_rev}" if s.en_rev is not None else "-",
            s.updated_at.strftime("%Y-%m-%d %H:%M"),
            s.title,
        )
        for s in stories
    ]
    widths = [max(len(cells[n]) for cells in [head, *rows]) for n in range(len(head) - 1)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(cells, widths, strict=False)), cells[-1]]).rstrip()
        for cells in [head, *rows]
    ]


@click.command()
@click.option(
    "--filter",
    "filter_by",
    type=click.Choice(list(_FILTERS)),
    default="all",
    show_default=True,
    help="Which stories: all, needs-work, up-to-date, awaiting-approval (as the TUI's f).",
)
@click.option(
    "--sort",
    "sort_by",
    type=click.Choice(list(_SORTS)),
    default="most-to-do",
    show_default=True,
    help="Order: most-to-do (kills and corrections first), urgency, latest-change, name (as the TUI's s).",
)
@click.option("--search", default="", metavar="WORDS", help="Only stories whose slug or title has every word.")
@FORMAT_OPTION
def stories(filter_by: str, sort_by: str, search: str, fmt: str) -> ExitCode:
    """List the stories in the database as the TUI list shows them: state (stale N, untranslated N, QA N or up to
    date), approval, latest French and English revisions, last update, title."""
    from tracker.cli.common import open_db
    from tracker.services.summaries import summaries

    with open_db() as store:
        found = listed(summaries(store), filter_by=_FILTERS[filter_by], sort_by=_SORTS[sort_by], query=search)
    if fmt == "json":
        emit_json({"stories": [summary_json(s) for s in found]})
        return ExitCode.OK
    if not found:
        click.echo("no stories yet: add one with `tracker import FILE --story SLUG --lang fr`", err=True)
        return ExitCode.OK
    for line in table(found):
        click.echo(line)
    return ExitCode.OK
