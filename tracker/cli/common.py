"""What every command shares: global settings, output helpers and error reporting."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode
from tracker.model import Document

if TYPE_CHECKING:
    from tracker.storage import Store


@dataclass(frozen=True)
class Settings:
    """Global options: the database URL and the acting user (None = defaults)."""

    db: str | None = None
    user: str | None = None

    @property
    def acting_user(self) -> str:
        return self.user or os.environ.get("TRACKER_USER") or getpass.getuser()


def settings() -> Settings:
    """The global settings of the running command."""
    ctx = click.get_current_context()
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def open_db() -> Store:
    """The database the running command selected (`--db`, `$TRACKER_DB`, else the default), see `open_database`."""
    return open_database(settings().db)


def open_database(db: str | None) -> Store:
    """Open a database with its schema upgraded. Every command and the TUI open stories here, so the default
    database is created and seeded with the sample story by whichever of them opens it first (one rule for all).
    """
    from tracker.services.seed import ensure_seeded
    from tracker.storage import is_default, open_store

    store = open_store(db)
    if is_default(db):
        try:
            ensure_seeded(store)
        except BaseException:
            store.close()
            raise
    return store


def fail(exc: TrackerError) -> ExitCode:
    """Report an error on stderr in one line and return the exit code it maps to.

    A refusal (wrong role, four eyes, rows needing action) is the gate saying no: exit 1, like findings.
    """
    from tracker.errors import ForbiddenError, RefusedError

    if isinstance(exc, ForbiddenError | RefusedError):
        click.echo(f"tracker: refused: {exc}", err=True)
        return ExitCode.FINDINGS
    click.echo(f"tracker: error: {exc}", err=True)
    return ExitCode.DATA


def emit_json(data: Any) -> None:
    """Write JSON data to stdout (data only; never progress or warnings)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_file(path: str) -> bytes:
    """Bytes of a file, with OS errors turned into a one-line input error naming the file."""
    from tracker.errors import InputError

    try:
        return Path(path).read_bytes()
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory, not a file") from exc
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except PermissionError as exc:
        raise InputError(path, "permission denied") from exc
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc


_STRUCTURED_NAMES = (".xml", ".html", ".htm", ".xhtml", ".json", ".md", ".markdown", ".xlf", ".xliff")


def is_structured(data: bytes, path: str) -> bool:
    """Whether a file is a wire, web or Markdown document rather than a plain paragraph file."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"<", b"{", b"[")) or path.lower().endswith(_STRUCTURED_NAMES)


def read_document(path: str) -> Document:
    """A file's paragraphs: plain paragraph files directly, any importable format (NewsML, ninjs, HTML, Markdown)
    through the importers, so `align`, `diff`, `qa` and `translate` read files as `import` does."""
    from sources.text import read_text

    data = read_file(path)
    if not is_structured(data, path):
        return read_text(data, path)
    from sources.detect import load
    from tracker.errors import InputError

    documents = load(data, path)
    if len(documents) != 1:
        raise InputError(path, f"holds {len(documents)} news items; give a file with exactly one")
    return documents[0]


FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)


_F = TypeVar("_F", bound=Callable[..., Any])

# ---------------------------------------------------------------- one grammar for revisions and paragraphs
# Revisions are --fr-rev/--en-rev (or `@N` after paragraph indices); paragraphs are positional indices (`8,9`, `-`).
# The old spellings (`--fr N` for a revision in link/align/translate, for a paragraph in ack/waive) still work for
# one release, with a warning on stderr.


def warn_deprecated(old: str, new: str) -> None:
    click.echo(f"tracker: warning: {old} is deprecated and will be removed; use {new}", err=True)


def deprecated(old: str, new: str) -> Any:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value not in (None, ()):
            warn_deprecated(old, new)
        return value

    return callback


def rev_options(*, fr: bool = True, en: bool = True, old: bool = True) -> Callable[[_F], _F]:
    """--fr-rev N / --en-rev N, and (hidden, deprecated) the old --fr N / --en N meaning a revision."""

    def decorate(command: _F) -> _F:
        for lang, wanted, name in (("en", en, "English"), ("fr", fr, "French")):
            if not wanted:
                continue
            if old:
                command = click.option(
                    f"--{lang}", f"old_{lang}_rev", type=click.IntRange(min=1), hidden=True,
                    callback=deprecated(f"--{lang} N (a revision)", f"--{lang}-rev N"), expose_value=True,
                )(command)  # fmt: skip
            command = click.option(
                f"--{lang}-rev", f"{lang}_rev", type=click.IntRange(min=1), metavar="N",
                help=f"The stored {name} revision [default: the latest].",
            )(command)  # fmt: skip
        return command

    return decorate


def pick_rev(new: int | None, at: int | None, old: int | None, name: str) -> int | None:
    """The revision a command was given, whichever way (--x-rev, PARAS@N, deprecated --x); differing ones clash."""
    given = {v for v in (new, at, old) if v is not None}
    if len(given) > 1:
        raise click.UsageError(f"{name} revision given twice, differently ({', '.join(map(str, sorted(given)))})")
    return given.pop() if given else None


def parse_paragraphs(text: str) -> tuple[tuple[int, ...], int | None]:
    """Paragraph indices and an optional revision: `8,9` -> ((8, 9), None); `8,9@2` -> ((8, 9), 2); `-` -> ()."""
    indices, _, rev = text.partition("@")
    number: int | None = None
    if rev:
        if not rev.strip().isdigit() or int(rev) < 1:
            raise click.BadParameter(f"{text!r}: @N names a revision, a number from 1")
        number = int(rev)
    if indices.strip() in ("", "-"):
        return (), number
    try:
        values = tuple(int(part) for part in indices.split(",") if part.strip())
    except ValueError as exc:
        raise click.BadParameter(f"{text!r}: paragraph indices are numbers separated by commas, or -") from exc
    if any(v < 0 for v in values):
        raise click.BadParameter(f"{text!r}: paragraph indices start at 0")
    return values, number
