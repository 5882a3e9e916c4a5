"""`tracker link`: correct a stored alignment; each correction is a confirmed fact later runs keep.

Paragraphs are named by 0-based indices, comma-separated (`8,9`), with `-` for none.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, parse_paragraphs, pick_rev, rev_options, settings
from tracker.exitcodes import ExitCode

if TYPE_CHECKING:
    from tracker.storage import Store


def parse_indices(text: str) -> tuple[int, ...]:
    """`8,9` -> (8, 9); `-` or empty -> () (a revision after `@` is read by the command)."""
    return parse_paragraphs(text)[0]


def _run(action: str, slug: str, fr: str, en: str, revs: dict[str, int | None], fmt: str) -> ExitCode:
    from tracker.cli.align_cmd import link_json, render_text
    from tracker.services.alignment import decide

    options = settings()
    (fr_ids, fr_at), (en_ids, en_at) = parse_paragraphs(fr), parse_paragraphs(en)
    fr_number = pick_rev(revs["fr_rev"], fr_at, revs["old_fr_rev"], "French")
    en_number = pick_rev(revs["en_rev"], en_at, revs["old_en_rev"], "English")
    with open_db() as store:
        if action == "confirm":
            _refuse_unknown_link(store, slug, fr_ids, en_ids, fr_number, en_number)
        try:
            result = decide(
                store,
                slug,
                action,
                fr_ids,
                en_ids,
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
        shown = f"fr {_ids(fr_ids)} ↔ en {_ids(en_ids)}"
        click.echo(f"{action}: {shown} recorded (fr r{result.fr_rev}, en r{result.en_rev})", err=True)
        changed = [link for link in result.links if link.confirmed]
        click.echo(render_text(changed, result.fr, result.en, 120), nl=False)
    return ExitCode.OK


def _ids(indices: tuple[int, ...]) -> str:
    return ",".join(map(str, sorted(indices))) or "-"


def _refuse_unknown_link(
    store: Store, slug: str, fr: tuple[int, ...], en: tuple[int, ...], fr_rev: int | None, en_rev: int | None
) -> None:
    """`confirm` says a link of the alignment is right: one it does not hold is a mistake (indices counted in
    another revision, most often), refused with the link the alignment has there, never stored."""
    from tracker.services.alignment import align_revisions

    current = align_revisions(store, slug, fr_number=fr_rev, en_number=en_rev)
    wanted = (tuple(sorted(set(fr))), tuple(sorted(set(en))))
    if any(i >= len(current.fr) for i in fr) or any(j >= len(current.en) for j in en):
        return  # out of range: `decide` says which paragraph the revision lacks (a data error)
    if any((link.fr, link.en) == wanted for link in current.links):
        return
    near = [link for link in current.links if set(link.fr) & set(fr) or set(link.en) & set(en)]
    there = "; ".join(f"fr {_ids(link.fr)} ↔ en {_ids(link.en)}" for link in near) or "none"
    click.echo(
        f"tracker: error: confirm: fr {_ids(fr)} ↔ en {_ids(en)} is not a link of {slug} fr r{current.fr_rev} / "
        f"en r{current.en_rev} (there: {there}); check the revisions (PARAS@N, --fr-rev/--en-rev) or use relink",
        err=True,
    )
    click.get_current_context().exit(ExitCode.USAGE)


def _command(action: str, summary: str) -> click.Command:
    @click.command(name=action, help=summary)
    @click.argument("slug")
    @click.argument("fr", metavar="FR")
    @click.argument("en", metavar="EN")
    @rev_options()
    @FORMAT_OPTION
    def command(slug: str, fr: str, en: str, fmt: str, **revs: int | None) -> ExitCode:
        return _run(action, slug, fr, en, revs, fmt)

    return command


@click.group()
def link() -> None:
    """Correct a stored alignment: confirm, unlink, relink, merge, split.

    FR and EN are 0-based paragraph indices like 8,9 (or - for none), optionally with the revision they are
    counted in: 8,9@2. Without one, the latest revisions (or --fr-rev/--en-rev); the line printed names them.
    """


link.add_command(_command("confirm", "Confirm that French paragraphs FR stand for English paragraphs EN."))
link.add_command(_command("unlink", "Record that paragraphs FR and EN have no counterpart."))
link.add_command(_command("relink", "Link French paragraphs FR to English paragraphs EN instead."))
link.add_command(_command("merge", "Link several paragraphs of one side to paragraphs of the other, as one link."))
link.add_command(_command("split", "Take FR -> EN out of the larger link holding them; the rest is realigned."))


def _revoke() -> click.Command:
    from tracker.cli.revoke_cmd import link_revoke

    return link_revoke


link.add_command(_revoke())
