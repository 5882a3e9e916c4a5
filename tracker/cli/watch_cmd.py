"""`tracker watch DIR`: import what an agency drops into a folder, as it arrives, each file at most once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from tracker.cli.common import settings
from tracker.exitcodes import ExitCode


def _log(line: str) -> None:
    """One line per file on stderr, stamped: the watcher's log (stdout stays for data)."""
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    click.echo(f"{stamp} {line}", err=True)


@click.command("watch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--once", is_flag=True, help="Import what is in the folder now (waiting for files being written), then exit."
)
@click.option(
    "--settle", type=click.FloatRange(min=0.1), default=2.0, show_default=True, metavar="SECONDS",
    help="A file is complete when its size and time have held still this long.",
)  # fmt: skip
@click.option("--poll", is_flag=True, help="Poll instead of OS notifications (network file systems).")
def watch(folder: Path, once: bool, settle: float, poll: bool) -> ExitCode:
    """Import every file that lands in FOLDER (and its subfolders), in wire order, each at most once.

    A file is taken once complete: its size held still for --settle seconds, or a `.tmp`/`.part` name renamed.
    What each file became is recorded in the database, so a restart (or a second delivery of the same bytes)
    never imports it twice. Refused files move to FOLDER/.refused/ with a `.why` file beside them; nothing is
    deleted. The log (stderr) has one line per file, and a line when new French makes English stale.

    \b
    tracker watch /srv/ftp/afp            # until Ctrl-C
    tracker watch /srv/ftp/afp --once     # cron: what is there now; exit 3 if anything was refused
    """
    from tracker.services.watch import watch as run
    from tracker.storage import open_store

    with open_store(settings().db) as store:
        refused = run(store, folder, by=settings().acting_user, log=_log, once=once, settle=settle, polling=poll)
    return ExitCode.DATA if once and refused else ExitCode.OK
