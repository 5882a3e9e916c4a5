"""Stored stories on the command line: import files as revisions, list stories, read a story's log and text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, read_file, settings
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.model import Revision

LANG_CHOICE = click.Choice(["fr", "en"])


def _when(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ")


def _revision_json(r: Revision) -> dict[str, Any]:
    return {
        "lang": r.lang,
        "number": r.number,
        "created_at": r.created_at.isoformat(),
        "author": r.author,
        "label": r.label,
        "origin": r.origin,
        "content_hash": r.content_hash,
        "based_on": r.based_on,
        "status": r.status,
    }


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--story", "slug", metavar="SLUG", help="The story (created on first import) [default: from the wire item]."
)
@click.option("--lang", type=LANG_CHOICE, help="The language of the files [default: the item's own].")
@click.option("--label", metavar="TEXT", help="Name the revision [default: the file's label line, if any].")
@click.option("--author", metavar="NAME", help="Who wrote this revision [default: the acting user].")
@click.option(
    "--based-on",
    type=click.IntRange(min=1),
    metavar="N",
    help="English only: the French revision this adaptation was made from [default: the latest].",
)
@FORMAT_OPTION
def import_(
    files: tuple[str, ...],
    slug: str | None,
    lang: str | None,
    label: str | None,
    author: str | None,
    based_on: int | None,
    fmt: str,
) -> ExitCode:
    """Import each FILE, in order, as a new revision of one language of a story.

    Files are plain text: paragraphs separated by blank lines (or one per line when there is no blank line);
    a first line like `First modification:` becomes the label. Every file is read before anything is stored;
    each becomes one revision in one transaction. Content identical to the latest revision stores nothing.

    \b
    tracker import fr.txt --story sochi-summit --lang fr
    tracker import en.txt --story sochi-summit --lang en --based-on 2 --label "first adaptation"

    Wire and article files (NewsML-G2, AFP NewsML 1.2, ninjs, HTML, Markdown) and folders (read recursively)
    are recognised by their content; story and language then come from the items unless given, versions are
    stored in wire order, and each file is reported imported, skipped (unchanged) or refused (exit 3).

    \b
    tracker import wire/              # every item under wire/, stories by guid or AFP slug
    """
    from tracker.cli.formats_cmd import import_detected, wants_detected_import

    if wants_detected_import(files, slug, lang):
        with open_db() as store:
            return import_detected(
                store, files, slug=slug, lang=lang, label=label, by=author or settings().acting_user,
                based_on=based_on, fmt=fmt,
            )  # fmt: skip
    assert slug is not None and lang is not None  # wants_detected_import took every other case
    from sources.text import read_text

    documents = [(path, read_text(read_file(path), path)) for path in files]
    from tracker.services.imports import import_document

    at = datetime.now(UTC)
    by = author or settings().acting_user
    with open_db() as store:
        results = [
            import_document(
                store,
                doc,
                path,
                slug=slug,
                lang=lang,
                by=by,
                at=at,
                label=label,
                based_on=based_on,
                origin=path,
                once=True,
            )  # fmt: skip
            for path, doc in documents
        ]
    if fmt == "json":
        emit_json(
            {
                "story": slug,
                "imports": [
                    {"file": r.source, "created": r.created, "paragraphs": len(r.revision.paragraphs)}
                    | _revision_json(r.revision)
                    for r in results
                ],
            }
        )
    else:
        for result in results:
            click.echo(result.message)
    return ExitCode.OK


@click.command()
@FORMAT_OPTION
def stories(fmt: str) -> ExitCode:
    """List the stories in the database, with their latest revision in each language."""
    with open_db() as store:
        rows = [(s, {lang: store.latest_number(s.slug, lang) for lang in s.languages}) for s in store.stories()]
    if fmt == "json":
        emit_json({"stories": [{"slug": s.slug, "title": s.title, "latest": latest} for s, latest in rows]})
        return ExitCode.OK
    if not rows:
        click.echo("no stories yet: add one with `tracker import FILE --story SLUG --lang fr`", err=True)
    width = max((len(s.slug) for s, _ in rows), default=0)
    for story, latest in rows:
        revs = "  ".join(
            f"{lang} r{n}" if n else f"{lang} -" for lang, n in (("fr", latest.get("fr")), ("en", latest.get("en")))
        )
        click.echo(f"{story.slug:<{width}}  {revs}  {story.title}".rstrip())
    return ExitCode.OK


@click.command()
@click.argument("slug")
@click.option("--lang", type=LANG_CHOICE, help="Only this language [default: both].")
@FORMAT_OPTION
def log(slug: str, lang: str | None, fmt: str) -> ExitCode:
    """List the revisions of story SLUG, oldest first: who, when, label, content hash, French base."""
    with open_db() as store:
        revisions = store.revisions(slug, lang)
    if fmt == "json":
        emit_json({"story": slug, "revisions": [_revision_json(r) for r in revisions]})
        return ExitCode.OK
    width = max((len(r.author) for r in revisions), default=0)
    for r in revisions:
        based = f"  based on fr r{r.based_on}" if r.based_on is not None else ""
        label = f"  {r.label!r}" if r.label else ""
        status = f"  [{r.status.upper()}]" if r.status != "usable" else ""  # a kill must never read as usable copy
        click.echo(
            f"{r.lang} r{r.number:<3} {_when(r.created_at)}  {r.author:<{width}}  {r.content_hash[:12]}"
            f"{based}{status}{label}"
        )
    return ExitCode.OK


@click.command()
@click.argument("slug")
@click.option("--lang", required=True, type=LANG_CHOICE, help="The language to show.")
@click.option("--rev", "number", type=click.IntRange(min=1), metavar="N", help="The revision [default: the latest].")
@FORMAT_OPTION
def show(slug: str, lang: str, number: int | None, fmt: str) -> ExitCode:
    """Print the paragraphs of a revision of story SLUG, numbered from 0 (the index every report uses)."""
    with open_db() as store:
        r = store.revision(slug, lang, number)
    if fmt == "json":
        paragraphs = [
            {"index": p.index, "text": p.text, "hash": p.hash, "lines": [p.line_start, p.line_end], "role": str(p.role)}
            for p in r.paragraphs
        ]
        emit_json({"story": slug} | _revision_json(r) | {"paragraphs": paragraphs})
        return ExitCode.OK
    label = f" {r.label!r}" if r.label else ""
    click.echo(f"# {slug} {r.lang} r{r.number}{label} by {r.author}, {_when(r.created_at)}")
    for p in r.paragraphs:
        click.echo(f"{p.index:>3}  {p.text}")
    return ExitCode.OK


@click.group()
def db() -> None:
    """Database maintenance: the schema is upgraded on open; these show and force it."""


@db.command()
def upgrade() -> ExitCode:
    """Upgrade the database's schema to the newest revision."""
    from tracker.storage import display_url, resolve_url, upgrade_schema

    url = settings().db
    before, after = upgrade_schema(url)
    where = display_url(resolve_url(url))
    click.echo(f"{where}: schema {after}" + ("" if before == after else f" (was {before or 'empty'})"))
    return ExitCode.OK


@db.command()
def current() -> ExitCode:
    """Print the database's schema revision and the newest one this tracker knows."""
    from tracker.storage import display_url, resolve_url, schema_status

    url = settings().db
    now, head = schema_status(url)
    state = "up to date" if now == head else "behind: run `tracker db upgrade`"
    click.echo(f"{display_url(resolve_url(url))}: schema {now or 'empty'} (newest {head}, {state})")
    return ExitCode.OK
