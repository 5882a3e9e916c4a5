"""`tracker title SLUG [TEXT]`: show or set a story's title (stories imported without a headline have none)."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from tracker.cli.common import open_db, settings
from tracker.exitcodes import ExitCode


@click.command()
@click.argument("slug")
@click.argument("text", required=False, metavar="[TEXT]")
def title(slug: str, text: str | None) -> ExitCode:
    """Print story SLUG's title, or set it to TEXT (recorded in the audit log; the revisions are untouched)."""
    with open_db() as store:
        if text is None:
            click.echo(store.story(slug).title)
            return ExitCode.OK
        if not text.strip():
            raise click.UsageError("a title needs some text")
        story = store.set_title(slug, " ".join(text.split()), by=settings().acting_user, at=datetime.now(UTC))
    click.echo(f"{slug}: {story.title}")
    return ExitCode.OK
