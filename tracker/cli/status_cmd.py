"""`tracker status` and `tracker ack`: the flags of a stored story, and a person's word on a French paragraph.

`status` exits 1 when any flag needs action (stale, untranslated or orphaned, not acknowledged): the CI gate.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    from tracker.approvals import ApprovalVerdict
    from tracker.services.status import StoryStatus
    from tracker.signals import WireState


def carrier_lines(flag: Flag, en: Sequence[str]) -> list[str]:
    """Which English sentences carry the French that changed, each quoted: what to rewrite, narrowed down."""
    from tracker.align.carriers import flag_carriers

    english = [en[j] for j in flag.en if j < len(en)]
    found = flag_carriers(flag, english)
    if found is None:
        return []
    quoted = found.quoted(english)
    return [found.describe() + (": " + " / ".join(f'"{q}"' for q in quoted) if quoted else "")]


def carriers_json(flag: Flag, en: Sequence[str]) -> list[dict[str, Any]]:
    """The English sentences carrying the changed French: paragraph index, sentence number in it (from 1), text."""
    from tracker.align.carriers import flag_carriers
    from tracker.sentences import sentence_spans

    paragraphs = [j for j in flag.en if j < len(en)]
    found = flag_carriers(flag, [en[j] for j in paragraphs])
    if found is None:
        return []
    out = []
    for s, quoted in zip(found.sentences, found.quoted([en[j] for j in paragraphs]), strict=True):
        text = en[paragraphs[s.paragraph]]
        number = 1 + sum(1 for start, _ in sentence_spans(text) if start < s.start)
        out.append({"en": paragraphs[s.paragraph], "sentence": number, "text": quoted})
    return out


def flag_json(flag: Flag, en: Sequence[str] = ()) -> dict[str, Any]:
    """One flag as JSON: current French and English indices, the French changes since the English's base, and
    (given the English texts) the English sentences that carry the changed French."""
    from tracker.cli.diff_cmd import change_json

    return {
        "kind": flag.kind,
        "fr": list(flag.fr),
        "en": list(flag.en),
        "reasons": list(flag.reasons),
        "acknowledged": flag.acknowledged,
        "needs_action": needs_action(flag),
        "changes": [change_json(c) for c in flag.changes],
        "carriers": carriers_json(flag, en),
        "note": flag.note or None,
    }


def verdict_json(verdict: ApprovalVerdict) -> dict[str, Any]:
    """The approval verdict as JSON: its state and words, who decided when (or null), and what changed since."""
    a = verdict.approval
    decided = None
    if a is not None:
        decided = {"verdict": a.verdict, "by": a.by, "at": a.at.isoformat(), "note": a.note, "forced": a.forced}
        decided |= {"fr_rev": a.fr_rev, "en_rev": a.en_rev}
    return {
        "state": verdict.state,
        "words": verdict.words(),
        "publishable": verdict.publishable,
        "decision": decided,
        "reasons": list(verdict.reasons),
        "paragraphs_approved": verdict.approved,
        "paragraphs": verdict.total,
    }


def wire_json(wire: WireState) -> dict[str, Any]:
    """What the agency says of the story: the latest version's kind, note, urgency and embargo, and the gate."""
    latest = wire.latest
    return {
        "kind": latest.kind,
        "note": latest.note or None,
        "urgency": latest.urgency,
        "embargoed_until": wire.embargo.isoformat() if wire.embargo else None,
        "embargo_lifted": wire.embargo_lifted,
        "killed": wire.killed is not None,
        "blocks_publishing": wire.blocks_publishing,
    }


def wire_words(wire: WireState) -> str:
    latest = wire.latest
    words = latest.kind + (f": {latest.note}" if latest.note else "")
    if latest.urgency:
        words += f" (urgency {latest.urgency})"
    if wire.embargo:
        words += f"; embargoed until {wire.embargo:%Y-%m-%d %H:%M %Z}"
    elif wire.embargo_lifted:
        words += "; embargo lifted"
    return words


def withdraw_json(status: StoryStatus) -> dict[str, Any] | None:
    """While the story stands killed: the kill's French revision, the English revisions to withdraw, and the
    withdrawal recorded (null until an editor records it); null when the story is not killed."""
    if status.kill_rev is None:
        return None
    w = status.withdrawn
    recorded = None if w is None else {"by": w.by, "at": w.at.isoformat(), "note": w.note, "fr_rev": w.fr_rev}
    return {"kill_rev": status.kill_rev, "en_revs": list(status.en_revs), "recorded": recorded}


def withdraw_words(status: StoryStatus) -> str:
    revs = ", ".join(f"en r{n}" for n in status.en_revs) or "no English yet"
    w = status.withdrawn
    if w is None:
        return f"the English must be withdrawn ({revs}): tracker withdraw {status.story} --note TEXT"
    return f"done ({revs}) by {w.by}, {w.at:%Y-%m-%d %H:%M}: {w.note}"


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
    lines = [head, f"wire: {wire_words(status.wire)}"]
    if status.kill_rev is not None:
        lines.append(f"withdraw: {withdraw_words(status)}")
    for flag in sorted(status.flags, key=lambda f: (min(f.fr, default=-1), min(f.en, default=-1))):
        mark = " (acknowledged)" if flag.acknowledged else ""
        reasons = f": {'; '.join(flag.reasons)}" if flag.reasons else ""
        lines.append(f"{flag.kind:<12} {_where(flag)}{reasons}{mark}")
        if flag.kind in ("stale", "correction", "cosmetic"):
            lines += [f"    {marked(c, colour)}" for c in flag.changes if c.kind != "unchanged"]
            lines += [f"    {line}" for line in carrier_lines(flag, status.en)]
    acting = [f for f in status.flags if needs_action(f)]
    kinds = sorted({f.kind for f in acting})
    counts = ", ".join(f"{sum(f.kind == k for f in acting)} {k}" for k in kinds)
    verb = "needs" if len(acting) == 1 else "need"
    lines.append(f"{len(acting)} flag{'s' * (len(acting) != 1)} {verb} action" + (f" ({counts})" if counts else ""))
    lines.append(f"approval: {status.verdict.words()}")
    return "\n".join(lines)


@click.command()
@click.argument("slug")
@click.option(
    "--require",
    type=click.Choice(["approved"]),
    help="approved: exit 1 unless the English shown is approved as it stands and the wire allows it: no kill,"
    " no withhold, no embargo in force (the publish gate).",
)
@FORMAT_OPTION
def status(slug: str, require: str | None, fmt: str) -> ExitCode:
    """List the flags of a stored story: its latest English against its latest French.

    stale: the French source changed substantively since the English was written (the changes are shown);
    correction: the same, in a version the agency sent as a correction (its note is shown; outranks every flag);
    withdraw: the agency killed the story, every English paragraph must be taken down (tracker withdraw);
    cosmetic: it changed cosmetically (no action); untranslated: a French paragraph with no English, not
    acknowledged as omitted; orphaned: an English paragraph whose French source was removed.
    The approval verdict follows: approved, approved per paragraph, outdated (and what changed), rejected (and
    the note), awaiting, none, or void (a kill stands). Exits 1 when any flag needs action; with --require
    approved, exits 1 exactly when
    the English shown is not approved as it stands.
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
                "flags": [flag_json(f, found.en) for f in found.flags],
                "approval": verdict_json(found.verdict),
                "wire": wire_json(found.wire),
                "withdraw": withdraw_json(found),
                "publishable": found.publishable is None,
            }
        )
    else:
        from tracker.cli.diff_cmd import use_colour

        click.echo(render_text(found, colour=use_colour()))
    if require == "approved":
        if found.publishable is not None:
            click.echo(f"tracker: {slug}: may not be published: {found.publishable}", err=True)
            return ExitCode.FINDINGS
        return ExitCode.OK
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
    help="no-change: the English needs no update; omitted: left out of the English on purpose [required unless"
    " --revoke].",
)
@click.option(
    "--note",
    default="",
    metavar="TEXT",
    help="Why, for the record (required with --revoke, and for no-change on a paragraph the agency corrected).",
)
@rev_options(en=False, old=False)
@click.option(
    "--rev", "old_rev", type=click.IntRange(min=1), hidden=True, callback=deprecated("ack --rev N", "--fr-rev N")
)
@click.option("--revoke", is_flag=True, help="Take back the acknowledgements in force on this paragraph (of --kind).")
@FORMAT_OPTION
def ack(
    slug: str, para: str | None, old_para: int | None, kind: str | None, note: str, fr_rev: int | None,
    old_rev: int | None, revoke: bool, fmt: str,
) -> ExitCode:  # fmt: skip
    """Acknowledge French paragraph PARA (0-based; PARA@N counts it in revision N) of a stored story: no change
    needed, or omitted on purpose.

    The acknowledgement records who and when and is bound to the paragraph's text: it holds until that
    French paragraph changes again. With --revoke it is taken back (a new fact saying who, when and why).
    """
    from tracker.services.status import acknowledge

    fr_index, at_rev = _one_paragraph(para, old_para)
    fr_rev = pick_rev(fr_rev, at_rev, old_rev, "French")
    if revoke:
        from tracker.cli.revoke_cmd import revoke_found
        from tracker.services.revoke import acks_on

        wanted: AckKind | None = "omitted" if kind == "omitted" else "no-change" if kind else None
        return revoke_found(
            slug, "acknowledgement", note, fmt, lambda store: acks_on(store, slug, fr_index, wanted, fr_rev)
        )
    if kind is None:
        raise click.UsageError("--kind is required (no-change or omitted)")

    by, at = settings().acting_user, datetime.now(UTC)
    ack_kind: AckKind = "omitted" if kind == "omitted" else "no-change"
    from tracker.services.status import NoteRequiredError

    with open_db() as store:
        try:
            made, number = acknowledge(store, slug, fr_index, ack_kind, note, by=by, at=at, fr_rev=fr_rev)
        except NoteRequiredError as refused:
            click.echo(f"tracker: refused: {refused} (--note TEXT)", err=True)
            return ExitCode.USAGE
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
