"""`tracker qa` and `tracker waive`: check that an adaptation carries over its source's facts; set a finding aside.

`tracker qa FR_FILE EN_FILE` aligns two files and checks each link; `tracker qa SLUG` checks a stored story's
latest revisions. Exit code 1 when any error finding is left unwaived: the CI gate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import ERRORS_OPTION, FORMAT_OPTION, deprecated, emit_json, open_db, parse_paragraphs, settings
from tracker.exitcodes import ExitCode
from tracker.model import Finding, Link

if TYPE_CHECKING:
    from tracker.mt.cache import Cache
    from tracker.qa import QAConfig


def load_config() -> QAConfig:
    """The QA configuration of the configuration file (see tracker.services.qa_config.load_qa_config)."""
    from tracker.services.qa_config import load_qa_config

    return load_qa_config()


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract has it (DESIGN section 3); `waived` appears only when true."""
    data: dict[str, Any] = {
        "check": finding.check,
        "severity": finding.severity,
        "fr": list(finding.fr),
        "en": list(finding.en),
        "message": finding.message,
    }
    if finding.waived:
        data["waived"] = True
    return data


def render_text(findings: Sequence[Finding]) -> str:
    """One line per finding, then a count; waived findings stay listed, marked."""
    lines = []
    for f in findings:
        where = f"fr {','.join(map(str, f.fr)) or '-'} → en {','.join(map(str, f.en)) or '-'}"
        mark = " (waived)" if f.waived else ""
        lines.append(f"{f.severity:<7} {f.check:<12} {where}: {f.message}{mark}")
    errors = sum(f.severity == "error" and not f.waived for f in findings)
    waived = sum(f.waived for f in findings)
    summary = f"{len(findings)} finding{'s' * (len(findings) != 1)}, {errors} unwaived error{'s' * (errors != 1)}"
    lines.append(summary + (f", {waived} waived" if waived else "") if findings else "no findings")
    return "\n".join(lines) + "\n"


def gate(findings: Sequence[Finding]) -> ExitCode:
    return ExitCode.FINDINGS if any(f.severity == "error" and not f.waived for f in findings) else ExitCode.OK


def _back_translation(
    fr: Sequence[str], en: Sequence[str], links: Sequence[Link], provider: str, cache: Cache | None
) -> list[Finding]:
    """Back-translation findings (issue 10); an unreachable provider is a warning on stderr, not a failure."""
    from tracker.mt.backcheck import backcheck

    def warn(message: str) -> None:
        click.echo(f"tracker: warning: {message}", err=True)

    return backcheck(fr, en, links, provider, cache, warn=warn)


@click.command()
@click.argument("first", metavar="FR_FILE|SLUG")
@click.argument("second", metavar="[EN_FILE]", required=False)
@click.option(
    "--mt",
    "mt_provider",
    metavar="PROVIDER",
    help="Also translate the English back into French and compare (back-translation check; off by default).",
)
@ERRORS_OPTION
@FORMAT_OPTION
def qa(first: str, second: str | None, mt_provider: str | None, errors: str, fmt: str) -> ExitCode:
    """Check an adaptation against its source: FR_FILE EN_FILE (aligned first), or a stored story SLUG.

    Checks figures, dates and times, quotes, names, untranslated text, lengths and coverage, each in its own
    language's conventions (6.500 = 6,500; 14h30 = 2:30 pm; « » = “ ”). Configure them in the [qa] table of
    the configuration file. Exits 1 when any error finding is not waived.
    """
    config = load_config()
    if second is not None:
        from tracker.align import align
        from tracker.cli.align_cmd import read_paragraphs
        from tracker.qa import check

        fr, en = read_paragraphs(first, errors), read_paragraphs(second, errors)
        links = align(fr, en)
        findings = check(fr, en, links, config)
        if mt_provider:
            findings = (*findings, *_back_translation(fr, en, links, mt_provider, None))
    elif Path(first).is_file():
        raise click.UsageError(f"{first} is a file: give the English file after it, or a stored story's slug")
    else:
        from tracker.services.qa import qa_revisions

        with open_db() as store:
            result = qa_revisions(store, first, config=config)
            findings = result.findings
            if mt_provider:
                from tracker.mt.cache import StoreCache

                back = _back_translation(result.fr, result.en, result.links, mt_provider, StoreCache(store))
                findings = (*findings, *back)
    if fmt == "json":
        emit_json({"issues": [finding_json(f) for f in findings]})
    else:
        click.echo(render_text(findings), nl=False)
    return gate(findings)


def _indices(text: str) -> tuple[int, ...]:
    indices, rev = parse_paragraphs(text)
    if rev is not None:
        raise click.UsageError(f"{text!r}: a waiver is made on the latest revisions (no @N)")
    return indices


@click.command()
@click.argument("slug")
@click.argument("fr_paras", metavar="FR", required=False)
@click.argument("en_paras", metavar="[EN]", required=False)
@click.option("--check", "check_id", required=True, metavar="ID", help="The check of the finding (numbers, ...).")
@click.option(
    "--fr", "fr", type=int, multiple=True, hidden=True,
    callback=deprecated("waive --fr N (a paragraph)", "waive SLUG FR"),
)  # fmt: skip
@click.option(
    "--en", "en", type=int, multiple=True, hidden=True,
    callback=deprecated("waive --en M (a paragraph)", "waive SLUG FR EN"),
)  # fmt: skip
@click.option(
    "--reason", required=True, metavar="TEXT", help="Why this finding needs no change (or, with --revoke, does)."
)
@click.option("--revoke", is_flag=True, help="Take back the waivers in force of this check on these paragraphs.")
@FORMAT_OPTION
def waive(
    slug: str, fr_paras: str | None, en_paras: str | None, check_id: str, fr: tuple[int, ...], en: tuple[int, ...],
    reason: str, revoke: bool, fmt: str,
) -> ExitCode:  # fmt: skip
    """Waive the QA finding on French paragraphs FR (and English EN; default: any) of a stored story's latest
    revisions, with a reason. FR and EN are 0-based indices like 13 or 8,9, as `tracker qa` prints them.

    The waiver records who and when, and is bound to the paragraph texts: it lapses when either side changes.
    Waived findings stay listed by `tracker qa`, marked as waived. With --revoke the waiver is taken back.
    """
    from tracker.qa import CHECKS
    from tracker.services.qa import waive as waive_finding

    if fr_paras is not None:
        fr = (*fr, *_indices(fr_paras))
    if en_paras is not None:
        en = (*en, *_indices(en_paras))
    if not fr and not en:
        raise click.UsageError("name the finding's paragraphs: tracker waive SLUG FR [EN] --check ID --reason TEXT")
    if check_id not in CHECKS:
        raise click.UsageError(f"unknown check {check_id!r} (known: {', '.join(CHECKS)})")
    if revoke:
        from tracker.cli.revoke_cmd import revoke_found
        from tracker.services.revoke import waivers_on

        return revoke_found(
            slug, f"{check_id} waiver", reason, fmt, lambda store: waivers_on(store, slug, check_id, fr, en or None)
        )
    config = load_config()
    by, at = settings().acting_user, datetime.now(UTC)
    with open_db() as store:
        waiver, finding = waive_finding(store, slug, check_id, fr, en or None, reason, by=by, at=at, config=config)
    if fmt == "json":
        emit_json({"waived": finding_json(finding), "by": waiver.by, "at": waiver.at.isoformat(), "reason": reason})
    else:
        click.echo(f"waived {check_id} on fr {','.join(map(str, finding.fr))} → en {','.join(map(str, finding.en))}")
    return ExitCode.OK
