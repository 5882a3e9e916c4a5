"""`tracker link`: correct a stored alignment; each correction is a confirmed fact later runs keep.

Paragraphs are named by 0-based indices, comma-separated (`8,9`), with `-` for none.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, settings
from tracker.exitcodes import ExitCode


def parse_indices(text: str) -> tuple[int, ...]:
    """`8,9` -> (8, 9); `-` or empty -> ()."""
    if text.strip() in ("", "-"):
        return ()
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise click.BadParameter(f"{text!r}: paragraph indices are numbers separated by commas, or -") from exc


def _run(action: str, slug: str, fr: str, en: str, fr_number: int | None, en_number: int | None, fmt: str) -> ExitCode:
    from tracker.cli.align_cmd import link_json, render_text
    from tracker.services.alignment import decide

    options = settings()
    with open_db() as store:
        try:
            result = decide(
                store,
                slug,
                action,
                parse_indices(fr),
                parse_indices(en),
                by=options.acting_user,
                at=datetime.now(UTC),
                fr_number=fr_number,
                en_number=en_number,
            )
        except ValueError as exc:
            # the paragraphs exist but do not fit the action: a usage mistake, said in one line
            click.echo(f"tracker: error: {action}: {exc}", err=True)
            click.get_current_context().exit(ExitCode.USAGE)
    if fmt == "json":
        emit_json({"links": [link_json(link) for link in result.links]})
    else:
        click.echo(f"{action}: fr {fr} ↔ en {en} recorded (fr r{result.fr_rev}, en r{result.en_rev})", err=True)
        changed = [link for link in result.links if link.confirmed]
        click.echo(render_text(changed, result.fr, result.en, 120), nl=False)
    return ExitCode.OK


def _command(action: str, summary: str) -> click.Command:
    @click.command(name=action, help=summary)
    @click.argument("slug")
    @click.argument("fr", metavar="FR")
    @click.argument("en", metavar="EN")
    @click.option("--fr", "fr_number", type=int, metavar="N", help="French revision (default: the latest).")
    @click.option("--en", "en_number", type=int, metavar="N", help="English revision (default: the latest).")
    @FORMAT_OPTION
    def command(slug: str, fr: str, en: str, fr_number: int | None, en_number: int | None, fmt: str) -> ExitCode:
        return _run(action, slug, fr, en, fr_number, en_number, fmt)

    return command


@click.group()
def link() -> None:
    """Correct a stored alignment: confirm, unlink, relink, merge, split (FR and EN: indices like 8,9 or -)."""


link.add_command(_command("confirm", "Confirm that French paragraphs FR stand for English paragraphs EN."))
link.add_command(_command("unlink", "Record that paragraphs FR and EN have no counterpart."))
link.add_command(_command("relink", "Link French paragraphs FR to English paragraphs EN instead."))
link.add_command(_command("merge", "Link several paragraphs of one side to paragraphs of the other, as one link."))
link.add_command(_command("split", "Take FR -> EN out of the larger link holding them; the rest is realigned."))
