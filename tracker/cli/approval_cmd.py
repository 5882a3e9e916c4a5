"""`tracker approve`, `reject`, `audit` and `users`: editorial decisions and who may take them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.approvals import ROLES
from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, settings
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.model import Approval
    from tracker.storage import Store


@contextmanager
def _acting() -> Iterator[tuple[Store, str]]:
    """The store, and the name the acting user goes by on it (their database role on PostgreSQL)."""
    name = settings().acting_user  # refused before anything opens when --as names someone else on PostgreSQL
    with open_db() as store:
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
@click.option(
    "--sign",
    "key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A story folder: sign the approval with this SSH key, so `tracker check` counts it.",
)
@click.option("--revoke", is_flag=True, help="Withdraw your own verdict on the current English (needs --note).")
def approve(slug: str, note: str, force: bool, paragraph: int | None, key: Path | None, revoke: bool) -> ExitCode:
    """Approve the story's current English revision against its current French revision (editors).

    SLUG may be a story folder: the approval goes into its tracker.json, signed with --sign KEY.
    Refused, with the reason, while stale, untranslated or QA-error rows are not acknowledged or waived.
    With --revoke an editor withdraws their own verdict (of --paragraph, when given), saying why.
    """
    if Path(slug).is_dir():
        from tracker.services.folder_sign import approve_folder

        if paragraph is not None:
            raise click.UsageError("--paragraph approves a stored story's paragraph, not a folder's")
        a = approve_folder(Path(slug), by=settings().acting_user, at=_now(), note=note, force=force, key=key)
        signed = " (signed)" if key is not None else " (unsigned: tracker check will not count it)"
        click.echo(f"approved {slug}: en {a.en_hash[:12]} against fr {a.fr_hash[:12]}{signed}")
        return ExitCode.OK
    if key is not None:
        raise click.UsageError("--sign signs an approval written into a story folder: give a folder")
    from tracker.services.approvals import decide

    if revoke:
        from tracker.cli.revoke_cmd import revoke_found
        from tracker.services.approvals import acting_name
        from tracker.services.revoke import own_verdicts

        def mine(store: Store) -> list[Approval]:
            name = acting_name(store, settings().acting_user, explicit=settings().user is not None)
            return own_verdicts(store, slug, name, paragraph)

        return revoke_found(slug, "verdict of yours", note, "text", mine)

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
@click.option("--verify", is_flag=True, help="Check the whole chain and the facts it recorded: exit 1 on any problem.")
@click.option("--head", "show_head", is_flag=True, help="Print the chain's head (COUNT HASH) to keep elsewhere.")
@click.option("--sign", "key", type=click.Path(dir_okay=False, path_type=Path), help="With --head: sign it (SSH key).")
@click.option(
    "--expect", metavar="HEAD", help="With --verify: a head kept elsewhere (COUNT HASH, or a file holding it)."
)
@click.option(
    "--allowed-signers",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --verify --expect: the head must be signed by a key this file lists (ssh-keygen's format).",
)
@FORMAT_OPTION
def audit(
    slug: str | None,
    verify: bool,
    show_head: bool,
    key: Path | None,
    expect: str | None,
    allowed_signers: Path | None,
    fmt: str,
) -> ExitCode:
    """Read the append-only audit log (of one story, or all), print its head, or verify it.

    \b
    tracker audit --head > head.txt          # keep it elsewhere: CI logs, git, an admin's note
    tracker audit --head --sign ~/.ssh/id_ed25519 > head.signed
    tracker audit --verify --expect head.signed --allowed-signers admins.allowed
    """
    if key is not None and not show_head:
        raise click.UsageError("--sign signs the head: give --head too")
    if (expect is not None or allowed_signers is not None) and not verify:
        raise click.UsageError("--expect and --allowed-signers check a chain: give --verify too")
    with open_db() as store:
        if show_head:
            from tracker.services.auditing import head_line, signed_head

            click.echo(head_line(store) if key is None else signed_head(store, key), nl=key is None)
            return ExitCode.OK
        if verify:
            return _verify(store, expect, allowed_signers, fmt)
        if slug is not None:
            store.story(slug)  # an unknown story is a data error, not an empty log
        entries = store.audit(slug)
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


def _verify(store: Store, expect: str | None, allowed_signers: Path | None, fmt: str) -> ExitCode:
    from tracker.services.auditing import check_audit

    found = check_audit(store, expect=expect, allowed_signers=allowed_signers)
    if fmt == "json":
        emit_json(
            {
                "ok": not found.problems,
                "entries": found.entries,
                "head": found.head,
                "problems": list(found.problems),
                "signed_by": found.signed_by,
            }
        )
    else:
        for problem in found.problems:
            click.echo(problem)
        state = "intact" if not found.problems else "BROKEN"
        signed = f", expected head signed by {found.signed_by}" if found.signed_by else ""
        click.echo(f"audit chain: {found.entries} entries, {state} (head {found.head}){signed}", err=True)
    return ExitCode.FINDINGS if found.problems else ExitCode.OK


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
