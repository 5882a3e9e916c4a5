"""`tracker import-git` (one revision per commit that changed a file) and the any-format side of `tracker import`.

`tracker import` (in store_cmd) hands over here for folders, wire and article formats, and files without
--story/--lang: the importer is picked from the content, and each file is reported imported, skipped or refused.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, settings
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.services.formats import FileResult
    from tracker.storage import Store


@click.command("import-git")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--story", "slug", required=True, metavar="SLUG", help="The story (created on first import).")
@click.option("--lang", required=True, type=click.Choice(["fr", "en"]), help="The language of the file.")
@FORMAT_OPTION
def import_git(file: Path, slug: str, lang: str, fmt: str) -> ExitCode:
    """Import the git history of FILE: one revision per commit that changed it, oldest first.

    The commit's author and date become the revision's, its subject line the label. Any format `tracker import`
    reads works (text, NewsML, ninjs, HTML, Markdown). Every version is read before anything is stored;
    a commit whose content equals the latest revision stores nothing.
    """
    from tracker.services.gitimport import import_git as run_import

    with open_db() as store:
        results = run_import(store, file, story=slug, lang=lang, by=settings().acting_user)
    if fmt == "json":
        emit_json(
            {
                "revisions": [
                    {
                        "commit": r.commit.sha,
                        "author": r.commit.author,
                        "date": r.commit.at.isoformat(),
                        "label": r.commit.message,
                        "lang": r.revision.lang,
                        "number": r.revision.number,
                        "created": r.created,
                    }
                    for r in results
                ]
            }
        )
    else:
        for r in results:
            state = "stored   " if r.created else "unchanged"
            commit = f"{r.commit.sha[:10]}  {r.commit.author}: {r.commit.message}"
            click.echo(f"{state} {slug} {lang} r{r.revision.number}  {commit}")
    return ExitCode.OK


def wants_detected_import(paths: Sequence[str], slug: str | None, lang: str | None) -> bool:
    """Whether `tracker import` needs content detection: a folder, no --story/--lang, or a file that is not text."""
    from sources.detect import kind_of
    from tracker.errors import InputError
    from tracker.services.reading import read_head

    if not slug or not lang:
        return True
    for name in paths:
        path = Path(name)
        if path.is_dir():
            return True
        try:
            head = read_head(path)
        except InputError:
            continue  # the plain-text path reports the missing, unreadable or irregular file
        if kind_of(head, name) != "text":
            return True
    return False


class _Progress:
    """A progress bar per phase on stderr (reading files, then storing revisions)."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase = phase
            label = "reading files  " if phase == "read" else "storing        "
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True).__enter__()
        self.bar.update(1)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def import_detected(
    store: Store,
    paths: Sequence[str],
    *,
    slug: str | None,
    lang: str | None,
    label: str | None,
    by: str,
    based_on: int | None,
    fmt: str,
    encoding: str | None = None,
    force: bool = False,
    errors: str = "strict",
) -> ExitCode:
    """`tracker import` over any format and folders: one line (or JSON object) per file; exit 3 if any refused,
    and then nothing stored (all or nothing)."""
    from tracker.services.formats import import_paths

    progress = _Progress()
    try:
        results = import_paths(
            store, paths, by=by, at=datetime.now(UTC), story=slug, lang=lang, label=label, based_on=based_on,
            progress=progress, encoding=encoding, force=force, errors=errors, all_or_nothing=True,
        )  # fmt: skip
    finally:
        progress.close()
    counts: Counter[str] = Counter(r.outcome for r in results)
    for source in dict.fromkeys(r.source for r in results if r.warning):
        warning = next(r.warning for r in results if r.source == source)
        click.echo(f"tracker: warning: {source}: {warning}", err=True)
    if fmt == "json":
        emit_json({"files": [_result_json(r) for r in results], **{k: counts[k] for k in OUTCOMES}})
    else:
        for result in results:
            # what was stored is data (stdout); a refusal is an error, one line on stderr
            if result.outcome == "refused":
                click.echo(f"tracker: error: {result.message}; nothing stored", err=True)
            elif result.outcome != "unstored":
                click.echo(result.message)
        summary = ", ".join(f"{counts[k]} {k}" for k in OUTCOMES[:3])
        if counts["unstored"]:  # all or nothing: what was read fine waits for the refused to be fixed
            summary += f"; {counts['unstored']} read fine but not stored: fix the refused and import them all again"
        click.echo(summary, err=True)
    read = counts["imported"] or counts["skipped"] or counts["unstored"]
    empty = [p for p in paths if Path(p).is_dir()] if not read else []
    for folder in empty:
        click.echo(f"tracker: error: {folder}: is a directory with no importable file in it", err=True)
    return ExitCode.DATA if counts["refused"] or empty else ExitCode.OK


OUTCOMES = ("imported", "skipped", "refused", "unstored")


def _result_json(result: FileResult) -> dict[str, Any]:
    return {
        "file": result.source,
        "outcome": result.outcome,
        "story": result.story or None,
        "lang": result.lang or None,
        "revision": result.revision,
        "status": result.status or None,
        "label": result.label or None,
        "problem": result.problem or None,
        "warning": result.warning or None,
    }
