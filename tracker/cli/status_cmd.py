"""`tracker status` and `tracker ack`: the flags of a stored story, and a person's word on a French paragraph.

`status` exits 1 when any flag needs action (stale, untranslated or orphaned, not acknowledged): the CI gate.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import (
    FORMAT_OPTION,
    deprecated,
    emit_json,
    open_db,
    parse_paragraphs,
    pick_rev,
    rev_options,
    settings,
)
from tracker.exitcodes import ExitCode
from tracker.flags import needs_action
from tracker.model import AckKind, Flag

if TYPE_CHECKING:
    from tracker.services.status import StoryStatus


def flag_json(flag: Flag) -> dict[str, Any]:
    """One flag as JSON: current French and English indices, and the French changes since the English's base."""
    from tracker.cli.diff_cmd import change_json

    return {
        "kind": flag.kind,
        "fr": list(flag.fr),
        "en": list(flag.en),
        "reasons": list(flag.reasons),
        "acknowledged": flag.acknowledged,
        "needs_action": needs_action(flag),
        "changes": [change_json(c) for c in flag.changes],
    }


def _where(flag: Flag) -> str:
    return f"fr {','.join(map(str, flag.fr)) or '-'} → en {','.join(map(str, flag.en)) or '-'}"


def render_text(status: StoryStatus, colour: bool) -> str:
    """One line per flag in French order, the French changes beneath stale ones (words marked), then a count."""
    from tracker.cli.diff_cmd import marked

    head = f"{status.story}: fr.r{status.fr_rev}"
    if status.en_rev is not None:
        head += (
            f" / en.r{status.en_rev} (based on fr.r{status.based_on})" if status.based_on else f" / en.r{status.en_rev}"
        )
    lines = [head]
    for flag in sorted(status.flags, key=lambda f: (min(f.fr, default=-1), min(f.en, default=-1))):
        mark = " (acknowledged)" if flag.acknowledged else ""
        reasons = f": {'; '.join(flag.reasons)}" if flag.reasons else ""
        lines.append(f"{flag.kind:<12} {_where(flag)}{reasons}{mark}")
        if flag.kind in ("stale", "cosmetic"):
            lines += [f"    {marked(c, colour)}" for c in flag.changes if c.kind != "unchanged"]
    acting = [f for f in status.flags if needs_action(f)]
    kinds = sorted({f.kind for f in acting})
    counts = ", ".join(f"{sum(f.kind == k for f in acting)} {k}" for k in kinds)
    verb = "needs" if len(acting) == 1 else "need"
    lines.append(f"{len(acting)} flag{'s' * (len(acting) != 1)} {verb} action" + (f" ({counts})" if counts else ""))
    return "\n".join(lines)


@click.command()
@click.argument("slug")
@FORMAT_OPTION
def status(slug: str, fmt: str) -> ExitCode:
    """List the flags of a stored story: its latest English against its latest French.

    stale: the French source changed substantively since the English was written (the changes are shown);
    cosmetic: it changed cosmetically (no action); untranslated: a French paragraph with no English, not
    acknowledged as omitted; orphaned: an English paragraph whose French source was removed.
    Exits 1 when any flag needs action.
    """
    from tracker.services.status import status_of

    with open_db() as store:
        found = status_of(store, slug)
    if fmt == "json":
        emit_json(
            {
                "story": found.story,
                "fr_rev": found.fr_rev,
                "en_rev": found.en_rev,
                "based_on": found.based_on,
                "needs_action": found.needs_action,
                "flags": [flag_json(f) for f in found.flags],
            }
        )
    else:
        from tracker.cli.diff_cmd import use_colour

        click.echo(render_text(found, colour=use_colour()))
    return ExitCode.FINDINGS if found.needs_action else ExitCode.OK


def _one_paragraph(para: str | None, old: int | None) -> tuple[int, int | None]:
    if para is None and old is None:
        raise click.UsageError("name the French paragraph: tracker ack SLUG N --kind ...")
    if para is None:
        return int(old or 0), None
    indices, rev = parse_paragraphs(para)
    if len(indices) != 1 or (old is not None and old != indices[0]):
        raise click.UsageError(f"{para!r}: ack takes one French paragraph")
    return indices[0], rev


@click.command()
@click.argument("slug")
@click.argument("para", metavar="PARA", required=False)
@click.option(
    "--fr", "old_para", type=click.IntRange(min=0), hidden=True,
    callback=deprecated("ack --fr N (a paragraph)", "ack SLUG N"),
)  # fmt: skip
@click.option(
    "--kind",
    type=click.Choice(["no-change", "omitted"]),
    required=True,
    help="no-change: the English needs no update; omitted: left out of the English on purpose.",
)
@click.option("--note", default="", metavar="TEXT", help="Why, for the record.")
@rev_options(en=False, old=False)
@click.option(
    "--rev", "old_rev", type=click.IntRange(min=1), hidden=True, callback=deprecated("ack --rev N", "--fr-rev N")
)
@FORMAT_OPTION
def ack(
    slug: str, para: str | None, old_para: int | None, kind: str, note: str, fr_rev: int | None, old_rev: int | None,
    fmt: str,
) -> ExitCode:  # fmt: skip
    """Acknowledge French paragraph PARA (0-based; PARA@N counts it in revision N) of a stored story: no change
    needed, or omitted on purpose.

    The acknowledgement records who and when and is bound to the paragraph's text: it holds until that
    French paragraph changes again.
    """
    from tracker.services.status import acknowledge

    fr_index, at_rev = _one_paragraph(para, old_para)
    fr_rev = pick_rev(fr_rev, at_rev, old_rev, "French")
    by, at = settings().acting_user, datetime.now(UTC)
    ack_kind: AckKind = "omitted" if kind == "omitted" else "no-change"
    with open_db() as store:
        made, number = acknowledge(store, slug, fr_index, ack_kind, note, by=by, at=at, fr_rev=fr_rev)
    if fmt == "json":
        emit_json(
            {
                "story": slug,
                "fr_rev": number,
                "fr": fr_index,
                "kind": made.kind,
                "fr_hash": made.fr_hash,
                "by": made.by,
                "at": made.at.isoformat(),
                "note": made.note,
            }
        )
    else:
        click.echo(f"acknowledged fr {fr_index} of {slug} fr.r{number} as {made.kind} (by {made.by})")
    return ExitCode.OK
