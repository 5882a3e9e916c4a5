"""What every command shares: global settings, output helpers and error reporting."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass
from typing import Any

import click

from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode


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


FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
