"""`tracker suggest` and `tracker tm`: the desk's translation memory, offline — matches for French that needs
English, and a concordance of every phrase the desk ever translated."""

from __future__ import annotations

from typing import Any

import click

from tracker.check.result import render_words
from tracker.cli.common import FORMAT_OPTION, emit_json
from tracker.exitcodes import ExitCode
from tracker.memory import MemoryEntry, MemoryMatch


def entry_json(e: MemoryEntry) -> dict[str, Any]:
    return {
        "fr": e.fr,
        "en": e.en,
        "origin": e.origin,
        "story": e.story or None,
        "fr_rev": e.fr_rev,
        "en_rev": e.en_rev,
        "by": e.by or None,
        "at": e.at.isoformat() if e.at else None,
        "approved": e.approved,
    }


def match_json(m: MemoryMatch) -> dict[str, Any]:
    return {
        "score": m.score,
        "kind": m.kind,
        "diff": render_words(m.words) if m.words else None,
        "words": [list(w) for w in m.words],
        "figures": [list(f) for f in m.figures],
    } | entry_json(m.entry)


def _where(e: MemoryEntry) -> str:
    source = f"{e.story} fr r{e.fr_rev} / en r{e.en_rev}" if e.origin == "story" else e.origin
    return (
        f"{source}, {e.by or 'unknown'}" + (f", {e.at:%Y-%m-%d}" if e.at else "") + (", approved" if e.approved else "")
    )


@click.command()
@click.argument("slug")
@click.option(
    "--para", "fr_index", type=int, metavar="N", help="Only French paragraph N (0-based) of the latest revision."
)
@click.option("--limit", type=click.IntRange(1, 50), default=3, show_default=True, help="Matches per paragraph.")
@FORMAT_OPTION
def suggest(slug: str, fr_index: int | None, limit: int, fmt: str) -> ExitCode:
    """Offer the translation memory's matches for the French paragraphs of story SLUG that have no up-to-date
    English (stale or untranslated), or for paragraph --para N: exact (the same text), near (a fuzzy score from
    75 %) or partial (it contains a remembered paragraph's sentences), each with the French words that differ,
    the figures that differ (the English must change too), the English, and where it came from. Nothing is saved:
    a person inserts a match and saves it."""
    from tracker.cli.common import open_db
    from tracker.services.memory import suggest as suggestions

    with open_db() as store:
        found = suggestions(store, slug, fr_index, limit)
    if fmt == "json":
        rows = [{"fr": s.fr, "text": s.text, "matches": [match_json(m) for m in s.matches]} for s in found]
        emit_json({"story": slug, "suggestions": rows})
        return ExitCode.OK
    if not found:
        click.echo(f"{slug}: no French paragraph needs English", err=True)
    for s in found:
        click.echo(f"fr {s.fr}: {s.text}")
        if not s.matches:
            click.echo("    no match in the memory")
        for m in s.matches:
            click.echo(f"  {m.score:>3}% {m.kind:<7} {_where(m.entry)}")
            if m.words:
                click.echo(f"       French: {render_words(m.words)}")
            for old, new in m.figures:
                click.echo(f"       figure differs: {old or '-'} -> {new or '-'} (the English must change too)")
            click.echo(f"       English: {m.entry.en}")
    return ExitCode.OK


@click.group()
def tm() -> None:
    """The translation memory: every English the desk wrote, beside the French it was written for."""


@tm.command()
@click.argument("phrase")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True, help="At most this many pairs.")
@FORMAT_OPTION
def search(phrase: str, limit: int, fmt: str) -> ExitCode:
    """A concordance: remembered pairs whose French or English contains PHRASE (accents and case ignored)."""
    from tracker.cli.common import open_db
    from tracker.services.memory import search as concordance

    with open_db() as store:
        found = concordance(store, phrase, limit)
    if fmt == "json":
        emit_json({"phrase": phrase, "entries": [entry_json(e) for e in found]})
        return ExitCode.OK
    if not found:
        click.echo(f"nothing in the memory contains {phrase!r}", err=True)
    for e in found:
        click.echo(f"{_where(e)}\n  fr: {e.fr}\n  en: {e.en}")
    return ExitCode.OK


def _add_import() -> None:
    from tracker.cli.tm_cmd import tm_import

    tm.add_command(tm_import, "import")


_add_import()


@tm.command()
def build() -> ExitCode:
    """Take every English revision not yet in the memory into it (any search does this first, incrementally)."""
    from tracker.cli.common import open_db
    from tracker.services.memory import take_in

    with open_db() as store:
        added = take_in(store)
        size = store.memory_size()
    click.echo(f"{added} new pair{'s' * (added != 1)}; {size} in the memory")
    return ExitCode.OK
