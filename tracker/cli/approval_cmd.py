"""`tracker approve`, `reject`, `audit` and `users`: editorial decisions and who may take them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from tracker.approvals import ROLES
from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, settings
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.storage import Store


@contextmanager
def _acting() -> Iterator[tuple[Store, str]]:
    """The store, and the name the acting user goes by on it (their database role on PostgreSQL)."""
    from tracker.services.approvals import acting_name

    with open_db() as store:
        name = acting_name(store, settings().acting_user, explicit=settings().user is not None)
        _first_user(store, name)
        yield store, name


def _first_user(store: Store, name: str) -> None:
    """A database with no users makes its first acting user (a decision or `users`) its admin, and says so."""
    from tracker.services.approvals import acting_user

    if store.db_user() is None and not store.users():
        acting_user(store, name, at=_now())
        click.echo(
            f"tracker: {name} is the first user of this database ({store.display_url}): registered as its admin",
            err=True,
        )


def _now() -> datetime:
    return datetime.now(UTC)


@click.command()
@click.argument("slug")
@click.option("--note", default="", help="Why, for the record (required with --force).")
@click.option("--force", is_flag=True, help="Approve although rows still need action (needs a note).")
@click.option("--paragraph", type=int, default=None, help="Approve one English paragraph (0-based) only.")
def approve(slug: str, note: str, force: bool, paragraph: int | None) -> ExitCode:
    """Approve the story's current English revision against its current French revision (editors).

    Refused, with the reason, while stale, untranslated or QA-error rows are not acknowledged or waived.
    """
    from tracker.services.approvals import decide

    with _acting() as (store, name):
        a = decide(store, slug, "approved", by=name, at=_now(), note=note, force=force, paragraph=paragraph)
    what = f"paragraph {paragraph} of " if paragraph is not None else ""
    click.echo(f"approved {what}{slug}: en r{a.en_rev} against fr r{a.fr_rev}" + (" (forced)" if a.forced else ""))
    return ExitCode.OK


@click.command()
@click.argument("slug")
@click.option("--note", required=True, help="What must change.")
def reject(slug: str, note: str) -> ExitCode:
    """Send the current English revision back with a note (editors)."""
    from tracker.services.approvals import decide

    with _acting() as (store, name):
        a = decide(store, slug, "rejected", by=name, at=_now(), note=note)
    click.echo(f"rejected {slug}: en r{a.en_rev} against fr r{a.fr_rev}")
    return ExitCode.OK


@click.command()
@click.argument("slug", required=False)
@click.option("--verify", is_flag=True, help="Check the whole chain: exit 1 if any entry was edited or deleted.")
@FORMAT_OPTION
def audit(slug: str | None, verify: bool, fmt: str) -> ExitCode:
    """Read the append-only audit log (of one story, or all), or verify its hash chain."""
    from tracker.audit import verify as verify_chain

    with open_db() as store:
        if slug is not None:
            store.story(slug)  # an unknown story is a data error, not an empty log
        entries = store.audit(None if verify else slug)
    if verify:
        problems = verify_chain(entries)
        if fmt == "json":
            emit_json({"ok": not problems, "entries": len(entries), "problems": problems})
        else:
            for problem in problems:
                click.echo(problem)
            click.echo(f"audit chain: {len(entries)} entries, " + ("intact" if not problems else "BROKEN"), err=True)
        return ExitCode.FINDINGS if problems else ExitCode.OK
    if fmt == "json":
        emit_json(
            [
                {
                    "seq": e.seq,
                    "at": e.at.isoformat(),
                    "by": e.by,
                    "action": e.action,
                    "story": e.story,
                    "detail": e.detail,
                    "hash": e.hash,
                }
                for e in entries
            ]
        )
    else:
        for e in entries:
            click.echo(f"{e.seq:>5}  {e.at:%Y-%m-%d %H:%M:%S}  {e.by:<12} {e.action:<8} {e.story:<20} {e.detail}")
    return ExitCode.OK


@click.group(invoke_without_command=True)
@click.pass_context
def users(ctx: click.Context) -> ExitCode:
    """List users and roles; admins add users, change roles and the four-eyes rule."""
    if ctx.invoked_subcommand is not None:
        return ExitCode.OK
    from tracker.services.approvals import four_eyes_enabled

    with _acting() as (store, _):
        for u in store.users():
            click.echo(f"{u.name:<20} {u.role:<11} since {u.created_at:%Y-%m-%d} by {u.created_by}")
        # part of the listing (stdout), so it never runs into the last user's line on a terminal
        click.echo(f"four eyes: {'on' if four_eyes_enabled(store) else 'off'}")
    return ExitCode.OK


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="translator", show_default=True, help="What NAME may do.")
def users_add(name: str, role: str) -> ExitCode:
    """Register NAME with a role (admins)."""
    from tracker.services.approvals import add_user

    with _acting() as (store, by):
        user = add_user(store, name, role, by=by, at=_now())
    click.echo(f"added {user.name} as {user.role}")
    return ExitCode.OK


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
def users_role(name: str, role: str) -> ExitCode:
    """Change NAME's role (admins)."""
    from tracker.services.approvals import set_role

    with _acting() as (store, by):
        user = set_role(store, name, role, by=by, at=_now())
    click.echo(f"{user.name} is now {user.role}")
    return ExitCode.OK


@users.command("four-eyes")
@click.argument("state", type=click.Choice(["on", "off"]))
def users_four_eyes(state: str) -> ExitCode:
    """Turn the four-eyes rule (authors may not approve their own English) on or off (admins)."""
    from tracker.services.approvals import set_four_eyes

    with _acting() as (store, by):
        set_four_eyes(store, state == "on", by=by, at=_now())
    click.echo(f"four eyes: {state}")
    return ExitCode.OK
