"""Taking decisions back from the CLI: `tracker ack --revoke`, `tracker waive --revoke`, `tracker link revoke` and
`tracker approve --revoke` each find the decisions in force they name and record one revocation per decision."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, settings
from tracker.errors import RefusedError
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.revocations import AnyDecision
    from tracker.storage import Store


def revoke_found(
    slug: str, what: str, reason: str, fmt: str, find: Callable[[Store], Sequence[AnyDecision]]
) -> ExitCode:
    """Revoke every decision `find` names on the default database, as the acting user; refused when none does."""
    from tracker.services.approvals import acting_name
    from tracker.services.revoke import describe, revoke
    from tracker.storage import open_store

    if not reason.strip():
        raise click.UsageError("taking a decision back needs a reason (--note or --reason)")
    with open_store(settings().db) as store:
        by = acting_name(store, settings().acting_user, explicit=settings().user is not None)
        found = find(store)
        if not found:
            raise RefusedError(f"{slug}: no {what} in force to take back")
        at = datetime.now(UTC)
        done = [(decision, revoke(store, decision, reason, by=by, at=at)) for decision in found]
    if fmt == "json":
        rows = [
            {
                "kind": r.kind,
                "decision": r.target,
                "what": describe(d),
                "by": r.by,
                "at": r.at.isoformat(),
                "reason": r.reason,
            }
            for d, r in done
        ]
        emit_json({"story": slug, "revoked": rows})
    else:
        for decision, revocation in done:
            click.echo(f"revoked {describe(decision)} (by {revocation.by}: {revocation.reason})")
    return ExitCode.OK


@click.command(name="revoke")
@click.argument("slug")
@click.argument("fr", metavar="FR")
@click.argument("en", metavar="EN")
@click.option("--fr-rev", "fr_number", type=int, metavar="N", help="French revision (default: the latest).")
@click.option("--en-rev", "en_number", type=int, metavar="N", help="English revision (default: the latest).")
@click.option("--reason", required=True, metavar="TEXT", help="Why the link no longer stands.")
@FORMAT_OPTION
def link_revoke(
    slug: str, fr: str, en: str, fr_number: int | None, en_number: int | None, reason: str, fmt: str
) -> ExitCode:
    """Take back the decisions that linked French paragraphs FR to English paragraphs EN; the rest realigns."""
    from tracker.cli.link_cmd import parse_indices
    from tracker.services.revoke import link_decisions_on

    fr_t, en_t = parse_indices(fr), parse_indices(en)
    return revoke_found(
        slug,
        "link decision",
        reason,
        fmt,
        lambda store: link_decisions_on(store, slug, fr_t, en_t, fr_number, en_number),
    )
