"""`tracker withdraw SLUG --note TEXT`: an editor records that a killed story's English was taken down."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, settings
from tracker.exitcodes import ExitCode


@click.command()
@click.argument("slug")
@click.option("--note", required=True, metavar="TEXT", help="How and where the English was taken down (required).")
@FORMAT_OPTION
def withdraw(slug: str, note: str, fmt: str) -> ExitCode:
    """Record that the English of a story the agency killed was withdrawn (editors).

    A fact in the audit chain (who, when, why), bound to the kill: until it is recorded the story's English is
    flagged withdraw, `tracker status` exits 1 and no approval counts. A later French version (a reissue) starts
    the story again. SLUG may be a story folder whose French file (NewsML-G2, NewsML 1.2, ninjs) says the kill:
    the withdrawal goes into its tracker.json, which `tracker check` reads.
    """
    from tracker.cli.approval_cmd import _acting, _now

    if Path(slug).is_dir():
        from tracker.services.withdraw import withdraw_folder

        made = withdraw_folder(Path(slug), note, by=settings().acting_user, at=_now())
        click.echo(f"withdrawn: {slug}'s English, recorded in its tracker.json (by {made.by}): {made.note}")
        return ExitCode.OK
    from tracker.services.withdraw import withdraw as record

    with _acting() as (store, name):
        made = record(store, slug, note, by=name, at=_now())
    if fmt == "json":
        emit_json(
            {"story": slug, "fr_rev": made.fr_rev, "fr_hash": made.fr_hash, "by": made.by}
            | {"at": made.at.isoformat(), "note": made.note}
        )
    else:
        click.echo(f"withdrawn: {slug}'s English, after the kill in fr r{made.fr_rev} (by {made.by}): {made.note}")
    return ExitCode.OK
