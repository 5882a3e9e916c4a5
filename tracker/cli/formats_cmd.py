"""`tracker import-git`: each commit that changed a file becomes a revision (author, date, message as label)."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, settings
from tracker.exitcodes import ExitCode


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
    from tracker.services.formats import import_git as run_import
    from tracker.storage import open_store

    with open_store(settings().db) as store:
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
