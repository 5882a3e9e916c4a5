"""What every command shares: global settings, output helpers and error reporting."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.storage import Store


@dataclass(frozen=True)
class Settings:
    """Global options: the database URL and the acting user (None = defaults)."""

    db: str | None = None
    user: str | None = None

    @cached_property
    def acting_user(self) -> str:
        """Who acts: on PostgreSQL the connection's role (an --as/TRACKER_USER naming anyone else is refused),
        else --as, TRACKER_USER or the OS user."""
        from tracker.services.identity import resolve
        from tracker.storage import display_url, resolve_url
        from tracker.storage.identity import connection_user

        requested = self.user or os.environ.get("TRACKER_USER") or getpass.getuser()
        explicit = bool(self.user or os.environ.get("TRACKER_USER"))
        return resolve(connection_user(self.db), requested, explicit=explicit, where=display_url(resolve_url(self.db)))


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
    from tracker.errors import ForbiddenError, IdentityError, RefusedError

    if isinstance(exc, IdentityError):  # a wrong --as/--author: the command line asked for what cannot be
        click.echo(f"tracker: refused: {exc}", err=True)
        return ExitCode.USAGE
    if isinstance(exc, ForbiddenError | RefusedError):
        click.echo(f"tracker: refused: {exc}", err=True)
        return ExitCode.FINDINGS
    click.echo(f"tracker: error: {exc}", err=True)
    return ExitCode.DATA


def emit_json(data: Any) -> None:
    """Write JSON data to stdout (data only; never progress or warnings); every control character escaped."""
    from tracker.terminal import json_safe

    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


class TerminalWriter:
    """A text stream for a terminal: control characters from the data are written visibly escaped, so wire text
    cannot clear the screen, retitle the window or write the clipboard; the CLI's own colours pass."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from tracker.terminal import for_terminal

        return int(self._stream.write(for_terminal(text)))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, fileno...: the terminal's own
        return getattr(self._stream, name)


NO_TERMINAL = "tracker: no terminal to open the UI in; run it in a terminal, or give a command (see tracker --help)"


def interactive() -> bool:
    """Whether a person is at a terminal: stdin and stdout both one (not cron, CI or a pipe)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def guard_terminal() -> None:
    """Escape control characters on stdout and stderr where they are terminals (files and pipes get the data)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, TerminalWriter) and hasattr(stream, "isatty") and stream.isatty():
            setattr(sys, name, TerminalWriter(stream))


FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)


ERRORS_OPTION = click.option(
    "--errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="Invalid bytes in a file that is otherwise UTF-8: strict refuses the file (exit 3, with the byte offset); "
    "replace reads each as U+FFFD, with a warning naming the file, the count and the first offset.",
)


def warn_file(name: str, warning: str) -> None:
    """A warning about a file read (say, bytes replaced under --errors replace): one line on stderr."""
    click.echo(f"tracker: warning: {name}: {warning}", err=True)


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
