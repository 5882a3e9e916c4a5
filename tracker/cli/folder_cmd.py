"""`tracker export` and `tracker import-folder`: move a stored story to and from a story folder (or an exchange file).

Both use the database, imported inside the commands so the rest of the CLI stays light.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from tracker.cli.common import settings
from tracker.exitcodes import ExitCode

_SUFFIX = {"xliff": ".xlf", "tmx": ".tmx", "newsml": ".newsml.xml"}


def _write(path: Path, data: bytes) -> None:
    from tracker.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc


def _exchange_file(slug: str, dest: Path, fmt: str) -> Path:
    """Write one exchange file (XLIFF, TMX, NewsML-G2) for the story into `dest`."""
    from tracker.services.views import load_view
    from tracker.storage import open_store

    at, by = datetime.now(UTC), settings().acting_user
    with open_store(settings().db) as store:
        view = load_view(store, slug)
    if fmt == "xliff":
        from sources.xliff import write_xliff

        data = write_xliff(view)
    elif fmt == "tmx":
        from sources.tmx import write_tmx

        data = write_tmx([view], at=at, by=by)
    else:
        from sources.newsml_out import write_newsml
        from tracker.errors import InputError

        if view.en is None:
            raise InputError(slug, "no English revision to export")
        approval = view.approval.approval if view.approval is not None and view.approval.valid else None
        data = write_newsml(view.en, view.fr, approval=approval, at=at, by=by)
    path = dest / f"{slug}{_SUFFIX[fmt]}"
    _write(path, data)
    return path


@click.command("export")
@click.argument("slug")
@click.argument("dest", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["folder", "xliff", "tmx", "newsml"]),
    default="folder",
    show_default=True,
    help="folder: DIR becomes a story folder (fr.txt, en.txt, tracker.json); others write SLUG.<ext> into DIR.",
)
def export(slug: str, dest: Path, fmt: str) -> ExitCode:
    """Write a stored story as a story folder for git and `tracker check` (or as XLIFF, TMX, NewsML-G2)."""
    if fmt == "folder":
        from tracker.services.folder_store import export_folder
        from tracker.storage import open_store

        with open_store(settings().db) as store:
            path = export_folder(store, slug, dest)
    else:
        path = _exchange_file(slug, dest, fmt)
    click.echo(f"exported {slug} to {path}", err=True)
    click.echo(str(path))
    return ExitCode.OK


@click.command("import-folder")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--story", "slug", metavar="SLUG", help="Store under this story [default: the sidecar's, or DIR's name].")
def import_folder(folder: Path, slug: str | None) -> ExitCode:
    """Read a story folder into the database: texts as revisions, then the decisions of its sidecar."""
    from tracker.services.folder_store import import_folder as store_folder
    from tracker.storage import open_store

    with open_store(settings().db) as store:
        lines = store_folder(store, folder, by=settings().acting_user, at=datetime.now(UTC), slug=slug)
    for line in lines:
        click.echo(line)
    return ExitCode.OK
