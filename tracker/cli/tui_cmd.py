"""`tracker tui`: open the terminal UI (the only command that loads textual)."""

from __future__ import annotations

import gc
from typing import Any

import click

from tracker.cli import common
from tracker.cli.common import open_database, settings
from tracker.errors import StoreError
from tracker.exitcodes import ExitCode


def build_backend(db: str | None, user: str) -> Any:
    """The real desk on the database (the default one is seeded with the sample story on first run).

    Typed `Any` because the CLI may not import the UI package; the desk implements `tracker.tui.backend.Backend`.
    """
    try:
        from tracker.services.desk import Desk  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise StoreError(f"the terminal UI needs the desk service, which is not available yet ({exc})") from exc
    return Desk(open_database(db), user)


@click.command()
@click.option("--story", metavar="SLUG", help="Open this story directly.")
def tui(story: str | None) -> ExitCode:
    """Open the terminal UI on the database (the default one is seeded with the sample story)."""
    # Starting up creates about a million objects that live as long as the program (textual, sqlalchemy, pydantic);
    # the collector would scan them again and again, 100 ms and more before the first rows. The app freezes them and
    # turns collection back on once it is up (`tracker.tui.app.STARTUP_SECONDS`).
    db, user = settings().db, settings().acting_user
    if not common.interactive():
        # cron, CI or a pipe: the database is opened as a session would (an unknown user or a database that cannot
        # be opened is the answer it always was), then the UI is refused instead of writing escapes until killed
        build_backend(db, user).store.close()
        click.echo(common.NO_TERMINAL, err=True)
        return ExitCode.USAGE
    gc.disable()
    from tracker.tui.app import run_app

    opened: list[Any] = []

    def open_backend() -> Any:
        opened.append(build_backend(db, user))
        return opened[-1]

    # opened by the app in a worker, so the frame paints while sqlmodel loads; its errors still exit 3
    try:
        return run_app(open_backend, story=story)
    finally:
        # closing the last connection checkpoints SQLite's write-ahead log into the file: a tracker.db copied
        # after a session holds every change of it, not only those before the -wal file
        for desk in opened:
            desk.store.close()
