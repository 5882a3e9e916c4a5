"""What every command shares: global settings, output helpers and error reporting."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import click

from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode


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


def guard_terminal() -> None:
    """Escape control characters on stdout and stderr where they are terminals (files and pipes get the data)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, TerminalWriter) and hasattr(stream, "isatty") and stream.isatty():
            setattr(sys, name, TerminalWriter(stream))


FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
