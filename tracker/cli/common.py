"""What every command shares: global settings, output helpers and error reporting."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import click

from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode
from tracker.model import Document


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
