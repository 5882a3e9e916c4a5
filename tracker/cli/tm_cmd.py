"""`tracker tm import FILE.tmx` and `tracker terms import FILE.tbx`: a CAT tool's memory and termbase into the desk
(`tm import` joins the `tm` group of `tracker.cli.memory_cmd`).

Each prints one line per file (stdout) or a JSON object; a file that cannot be read is one line on stderr, exit 3.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, settings
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.services.memory_import import Imported

FILES = click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE..."
)


def _import_each(files: tuple[Path, ...], fmt: str, kind: str, line: Callable[[Imported], str]) -> ExitCode:
    from tracker.services import memory_import
    from tracker.storage import open_store

    run = memory_import.import_tmx if kind == "tmx" else memory_import.import_tbx
    at, by = datetime.now(UTC), settings().acting_user
    with open_store(settings().db) as store:
        results = [run(store, path, by=by, at=at) for path in files]
    if fmt == "json":
        emit_json({"files": [{"file": r.source} | asdict(r) for r in results]})
    else:
        for result in results:
            click.echo(line(result))
    return ExitCode.OK


@click.command("import")
@FILES
@FORMAT_OPTION
def tm_import(files: tuple[Path, ...], fmt: str) -> ExitCode:
    """Import each TMX FILE's French-English pairs; a pair already imported from the same file stores nothing."""
    return _import_each(files, fmt, "tmx", lambda r: f"{r.source}: {r.added} new pair(s) of {r.read} from {r.origin}")


@click.group("terms")
def terms() -> None:
    """Termbase: French terms and the English the desk allows, read by the names check beside [names]."""


def _terms_line(r: Imported) -> str:
    skipped = f"; {r.skipped} concept(s) without a French and an allowed English term" if r.skipped else ""
    return f"{r.source}: {r.added} new term pair(s) of {r.read}{skipped}"


@terms.command("import")
@FILES
@FORMAT_OPTION
def terms_import(files: tuple[Path, ...], fmt: str) -> ExitCode:
    """Import each TBX FILE (TBX-Basic or TBX v3): every French term with each English term not deprecated."""
    return _import_each(files, fmt, "tbx", _terms_line)
