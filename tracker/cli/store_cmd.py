"""Stored stories on the command line: import files as revisions, list stories, read a story's log and text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import ERRORS_OPTION, FORMAT_OPTION, emit_json, open_db, settings, warn_file
from tracker.exitcodes import ExitCode
from tracker.view import stored_notes

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
        "notes": stored_notes(r),  # notes a translator wrote in a CAT tool (a returned XLIFF)
    }


def _kinds(revisions: list[Revision]) -> dict[tuple[str, int], str]:
    """Each French revision's wire kind (new, update, correction, kill, withheld, embargoed)."""
    from tracker.signals import signal_of

    french = [r for r in revisions if r.lang == "fr"]
    return {("fr", r.number): signal_of(r, n == 0).kind for n, r in enumerate(french)}


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--story", "slug", metavar="SLUG", help="The story (created on first import) [default: from the wire item]."
)
@click.option("--lang", type=LANG_CHOICE, help="The language of the files [default: the item's own].")
@click.option("--label", metavar="TEXT", help="Name the revision [default: the file's label line, if any].")
@click.option(
    "--author", metavar="NAME", help="Who wrote this revision [default: the acting user; on PostgreSQL always them]."
)
@click.option(
    "--based-on",
    type=click.IntRange(min=1),
    metavar="N",
    help="English only: the French revision this adaptation was made from [default: the latest].",
)
@click.option("--encoding", metavar="NAME", help="Read the files in this encoding, whatever they declare (e.g. utf-8).")
@click.option(
    "--force",
    is_flag=True,
    help="Import anyway: a returned XLIFF that differs from its export (missing paragraphs kept as they were), "
    "or a file whose words are another language than --lang.",
)
@ERRORS_OPTION
@FORMAT_OPTION
def import_(
    files: tuple[str, ...],
    slug: str | None,
    lang: str | None,
    label: str | None,
    author: str | None,
    based_on: int | None,
    encoding: str | None,
    force: bool,
    errors: str,
    fmt: str,
) -> ExitCode:
    """Import each FILE, in order, as a new revision of one language of a story.

    Files are plain text: paragraphs separated by blank lines (or one per line when there is no blank line);
    a first line like `First modification:` becomes the label. Every file is read before anything is stored,
    and all are stored in one transaction: a file refused stores nothing of any (exit 3). Content identical to
    the latest revision stores nothing.

    \b
    tracker import fr.txt --story sochi-summit --lang fr
    tracker import en.txt --story sochi-summit --lang en --based-on 2 --label "first adaptation"

    Wire and article files (NewsML-G2, AFP NewsML 1.2, ninjs, HTML, Markdown) and folders (read recursively)
    are recognised by their content; story and language then come from the items unless given, versions are
    stored in wire order, and each file is reported imported, skipped (unchanged) or refused (exit 3).

    \b
    tracker import wire/              # every item under wire/, stories by guid or AFP slug

    A returned XLIFF (1.2 or 2.x, memoQ and Trados flavours too) is checked against the export it names:
    units missing or added, sources changed, or a file tracker never wrote are refused with the list (exit 3).
    """
    from tracker.cli.formats_cmd import import_detected, wants_detected_import
    from tracker.services.identity import author_name

    if encoding or wants_detected_import(files, slug, lang):
        with open_db() as store:
            by = author_name(store, author, settings().acting_user)
            return import_detected(
                store, files, slug=slug, lang=lang, label=label, by=by, based_on=based_on, fmt=fmt, encoding=encoding,
                force=force, errors=errors,
            )  # fmt: skip
    assert slug is not None and lang is not None  # wants_detected_import took every other case
    from tracker.services.reading import read_plain

    documents = [(path, read_plain(path, errors=errors, warn=warn_file)) for path in files]
    from tracker.services.file_reading import fits_language
    from tracker.services.imports import import_document

    if not force:
        for path, doc in documents:
            fits_language(doc, lang, path)

    at = datetime.now(UTC)
    with open_db() as store, store.atomic():
        by = author_name(store, author, settings().acting_user)
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
@click.argument("slug")
@click.option("--lang", type=LANG_CHOICE, help="Only this language [default: both].")
@FORMAT_OPTION
def log(slug: str, lang: str | None, fmt: str) -> ExitCode:
    """List the revisions of story SLUG, oldest first: who, when, label, content hash, French base."""
    with open_db() as store:
        revisions = store.revisions(slug, lang)
    kinds = _kinds(revisions if lang != "en" else [])
    if fmt == "json":
        rows = [_revision_json(r) | ({"kind": kinds[(r.lang, r.number)]} if r.lang == "fr" else {}) for r in revisions]
        emit_json({"story": slug, "revisions": rows})
        return ExitCode.OK
    width = max((len(r.author) for r in revisions), default=0)
    for r in revisions:
        based = f"  based on fr r{r.based_on}" if r.based_on is not None else ""
        label = f"  {r.label!r}" if r.label else ""
        kind = kinds.get((r.lang, r.number), "")
        # a kill, a correction, a withhold must never read as ordinary copy
        status = f"  [{kind.upper()}]" if kind not in ("", "new", "update") else ""
        notes = len(stored_notes(r))
        noted = f"  ({notes} translator note{'s' if notes > 1 else ''})" if notes else ""
        click.echo(
            f"{r.lang} r{r.number:<3} {_when(r.created_at)}  {r.author:<{width}}  {r.content_hash[:12]}"
            f"{based}{status}{label}{noted}"
        )
    return ExitCode.OK


@click.command()
@click.argument("slug")
@click.option("--lang", type=LANG_CHOICE, help="The language to show (required unless --side-by-side or --plain).")
@click.option("--rev", "number", type=click.IntRange(min=1), metavar="N", help="The revision [default: the latest].")
@click.option("--side-by-side", "layout", flag_value="columns", help="The aligned story as the TUI shows it.")
@click.option("--plain", "layout", flag_value="plain", help="The aligned story row by row in words (screen readers).")
@click.option(
    "--width", type=click.IntRange(min=40), metavar="N", help="Columns for --side-by-side [default: terminal]."
)
@FORMAT_OPTION
def show(slug: str, lang: str | None, number: int | None, layout: str | None, width: int | None, fmt: str) -> ExitCode:
    """Print the paragraphs of a revision of story SLUG, numbered from 0 (the index every report uses); with
    --side-by-side or --plain, the latest French and English aligned row by row with flags and the French diff."""
    if layout is not None:
        return _show_aligned(slug, layout, width)
    if lang is None:
        raise click.UsageError("give --lang fr or --lang en (or --side-by-side / --plain for both)")
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


def _show_aligned(slug: str, layout: str, width: int | None) -> ExitCode:
    import shutil

    from tracker.reports.sidebyside import plain, side_by_side
    from tracker.services.views import load_view

    with open_db() as store:
        view = load_view(store, slug)
    columns = width or shutil.get_terminal_size((140, 40)).columns
    click.echo(side_by_side(view, columns) if layout == "columns" else plain(view), nl=False)
    return ExitCode.OK


@click.group()
def db() -> None:
    """Database maintenance: the schema is upgraded on open; these show and force it, and grant a desk role."""


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


@db.command()
@click.argument("name", metavar="ROLE")
@click.option(
    "--role",
    "desk_role",
    type=click.Choice(["translator", "editor", "admin"]),
    required=True,
    help="The desk role ROLE acts in: what its privileges allow it to write.",
)
def grant(name: str, desk_role: str) -> ExitCode:
    """Make database role ROLE a desk member: on PostgreSQL grant its privileges (INSERT on facts, never UPDATE
    or DELETE; users and settings for admins only) and register it as a tracker user with --role."""
    from tracker.services.approvals import grant as grant_role
    from tracker.storage import open_store

    by = settings().acting_user
    with open_store(settings().db) as store:
        user = grant_role(store, name, desk_role, by=by, at=datetime.now(UTC))
    click.echo(f"granted {user.name} the {user.role} role on {store.display_url}")
    return ExitCode.OK
