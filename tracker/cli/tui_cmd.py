"""`tracker tui`: open the terminal UI (the only command that loads textual)."""

from __future__ import annotations

import click

from tracker.cli.common import settings
from tracker.exitcodes import ExitCode


@click.command()
def tui() -> ExitCode:
    """Open the terminal UI on the database (the default one is seeded with the sample story)."""
    from tracker.tui.app import run_app

    return run_app(db=settings().db, user=settings().acting_user)
