"""`tracker report`: the review page of a stored story, one self-contained HTML file an editor opens anywhere."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import click

from tracker.exitcodes import ExitCode


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed into place: never half a file, and a symlink at
    `path` is replaced, not followed."""
    from tracker.errors import InputError

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # a page to share: the usual file mode, not mkstemp's private one
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from exc


@click.command()
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["html"]), default="html", show_default=True, help="Page format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here [default: stdout].")
def report(slug: str, fmt: str, output: Path | None) -> ExitCode:
    """Write the review page of story SLUG: French and English side by side by alignment row, flags and their
    reasons, the French word diff since the English's base, QA findings and waivers, the approval verdict and the
    story's audit trail. One file, no script and no external asset: it opens from an email or a CI artifact,
    prints, and reads without colour."""
    from tracker.cli.common import open_db
    from tracker.services.review import review_page

    with open_db() as store:
        page = review_page(store, slug, at=datetime.now(UTC))
    if output is None:
        click.echo(page, nl=False)
    else:
        write_atomically(output, page)
        click.echo(f"wrote {output}", err=True)
    return ExitCode.OK
