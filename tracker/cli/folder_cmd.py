"""`tracker export` and `tracker import-folder`: move a stored story to and from a story folder (or an exchange file).

Both use the database, imported inside the commands so the rest of the CLI stays light.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from tracker.cli.common import ERRORS_OPTION, open_db, settings, warn_file
from tracker.exitcodes import ExitCode


def _exchange_file(slug: str, dest: Path, fmt: str, force: bool) -> Path:
    """Write one exchange file (XLIFF, TMX, NewsML-G2) for the story into `dest`."""
    from tracker.services.folder_store import EXCHANGE_SUFFIX, exchange_file
    from tracker.services.folders import write_file

    with open_db() as store:
        data = exchange_file(store, slug, fmt, at=datetime.now(UTC), by=settings().acting_user)
    path = dest / f"{slug}{EXCHANGE_SUFFIX[fmt]}"
    write_file(path, data, force=force)
    if fmt == "tmx":
        from sources.tmx import left_out

        if count := left_out(data):
            click.echo(f"{slug}: {count} confirmed pair(s) left out of the TMX: English not up to date", err=True)
    return path


@click.command("export")
@click.argument("slug")
@click.argument("dest", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["folder", "xliff", "xliff12", "tmx", "newsml"]),
    default="folder",
    show_default=True,
    help="folder: DIR becomes a story folder (fr.txt, en.txt, tracker.json); others write SLUG.<ext> into DIR.",
)
@click.option("--force", is_flag=True, help="Replace files DIR already holds (never written through a symlink).")
def export(slug: str, dest: Path, fmt: str, force: bool) -> ExitCode:
    """Write a stored story as a story folder for git and `tracker check` (or as XLIFF 2.1 or 1.2, TMX, NewsML-G2)."""
    if fmt == "folder":
        from tracker.services.folder_store import export_folder

        with open_db() as store:
            path = export_folder(store, slug, dest, force=force)
    else:
        path = _exchange_file(slug, dest, fmt, force)
    click.echo(f"exported {slug} to {path}", err=True)
    click.echo(str(path))
    return ExitCode.OK


@click.command("import-folder")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))  # not a folder: exit 3, one line
@click.option("--story", "slug", metavar="SLUG", help="Store under this story [default: the sidecar's, or DIR's name].")
@ERRORS_OPTION
def import_folder(folder: Path, slug: str | None, errors: str) -> ExitCode:
    """Read a story folder into the database: texts as revisions, then the decisions of its sidecar, all in one
    transaction (a folder refused part way stores nothing)."""
    from tracker.services.folder_store import import_folder as store_folder

    with open_db() as store:
        lines = store_folder(
            store, folder, by=settings().acting_user, at=datetime.now(UTC), slug=slug, errors=errors, warn=warn_file
        )
    for line in lines:
        click.echo(line)
    return ExitCode.OK
