"""`tracker check`: judge story folders (or the ones a git diff touches) for CI, in the format a CI tool reads.

No database and no network: this module must not import sqlmodel or textual.
"""

from __future__ import annotations

import sys
from typing import cast

import click

from tracker.check.result import FailOn
from tracker.cli.common import ERRORS_OPTION, warn_file
from tracker.exitcodes import ExitCode
from tracker.reports import FORMATS


@click.command("check")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--base", "base", metavar="REV", help="Check only the stories changed since this git revision.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option(
    "--fail-on",
    "fail_on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Lowest severity that fails the check (exit 1).",
)
@click.option(
    "--allowed-signers",
    metavar="FILE",
    help="Approvals count only when signed by a key of FILE (with --base: read at REV, repo-relative) "
    "[default with --base: .tracker/allowed_signers, if the base has it].",
)
@ERRORS_OPTION
def check(
    paths: tuple[str, ...], base: str | None, fmt: str, fail_on: str, allowed_signers: str | None, errors: str
) -> ExitCode:
    """Check story folders for CI: stale, untranslated, QA and approval findings.

    A story folder holds fr.txt and en.txt (or any importable files named fr.* and en.*) and the sidecar
    tracker.json. Without --base, checks every story folder under PATHs (default: the current folder). With
    --base REV, checks the stories whose files changed between REV and the working tree, taking the French at
    REV as the previous revision.

    Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 usage; 3 unreadable input or repository.
    """
    from tracker.reports import render
    from tracker.services.check import run_check

    report = run_check(
        paths,
        base=base,
        fail_on=cast("FailOn", fail_on),
        allowed_signers=allowed_signers,
        errors=errors,
        warn=warn_file,
    )
    sys.stdout.write(render(report, fmt))
    if fmt != "text":
        from tracker.reports.text import summary

        click.echo(summary(report), err=True)
    if not report.stories and base is None:
        # a mistyped path in a CI workflow would otherwise pass the gate for ever, checking nothing
        where = ", ".join(paths) or "."
        click.echo(f"tracker: warning: no story folder (fr.* and en.*, or tracker.json) under {where}", err=True)
    for f in report.findings:
        if f.rule == "unreadable-input":
            click.echo(f"tracker: error: {f.file}: {f.message}", err=True)
    return report.exit_code
