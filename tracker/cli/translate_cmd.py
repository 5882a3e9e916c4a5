"""`tracker translate`: machine-translation suggestions per paragraph, for a file or a stored story.

Suggestions are printed, never saved as English text; `--providers` lists the providers and their setup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from tracker.cli.common import FORMAT_OPTION, emit_json, open_db, pick_rev, rev_options
from tracker.exitcodes import ExitCode


def _list_providers(fmt: str) -> ExitCode:
    from tracker.mt.providers import default_provider, statuses

    rows = statuses()
    default = default_provider()
    if fmt == "json":
        emit_json({"default": default, "providers": [dataclasses.asdict(r) for r in rows]})
        return ExitCode.OK
    for r in rows:
        mark = "*" if r.name == default else " "
        state = "configured" if r.configured else "not configured"
        click.echo(f"{mark} {r.name:<10} {state:<15} {r.label} — {r.detail}")
    return ExitCode.OK


def _emit(
    items: Sequence[dict[str, Any]], provider: str, source: str, target: str, fmt: str, where: dict[str, Any]
) -> None:
    if fmt == "json":
        emit_json({**where, "provider": provider, "from": source, "to": target, "suggestions": list(items)})
        return
    click.echo("\n\n".join(item["text"] for item in items))
    cached = sum(1 for item in items if item["cached"])
    click.echo(f"tracker: {len(items)} suggestion(s) from {provider} ({cached} from the cache); not saved.", err=True)


def _looks_like_slug(subject: str) -> bool:
    """A name that is no existing file and has no path or extension in it names a stored story."""
    return not Path(subject).exists() and "/" not in subject and "." not in subject


def _item(index: int, suggestion: Any) -> dict[str, Any]:
    return {
        "index": index,
        "fr_hash": suggestion.fr_hash,
        "text": suggestion.text,
        "provider": suggestion.provider,
        "at": suggestion.at.isoformat(),
        "cached": suggestion.cached,
    }


@click.command()
@click.argument("subject", metavar="FILE|SLUG", required=False)
@click.option("--providers", "list_only", is_flag=True, help="List the providers and whether each is configured.")
@click.option(
    "--provider", "-p", metavar="NAME", help="google, mymemory, libre, deepl or microsoft [env TRACKER_MT_PROVIDER]."
)
@click.option(
    "--para", "paras", type=int, multiple=True, metavar="N", help="Paragraph of a stored story (0-based; repeatable)."
)
@rev_options(en=False)
@click.option("--from", "source", default="fr", show_default=True, help="Source language (files).")
@click.option("--to", "target", default="en", show_default=True, help="Target language (files).")
@click.option("--timeout", type=float, metavar="S", help="Seconds to wait for each request (default 10).")
@FORMAT_OPTION
def translate(
    subject: str | None,
    list_only: bool,
    provider: str | None,
    paras: tuple[int, ...],
    fr_rev: int | None,
    old_fr_rev: int | None,
    source: str,
    target: str,
    timeout: float | None,
    fmt: str,
) -> ExitCode:
    """Suggest a machine translation per paragraph of FILE, or of stored story SLUG (all, or --para N).

    Paragraph boundaries are kept: one suggestion per paragraph, separated by blank lines. Suggestions are
    printed only; they become English text when a person accepts them.
    """
    fr_number = pick_rev(fr_rev, None, old_fr_rev, "French")
    if list_only:
        return _list_providers(fmt)
    if subject is None:
        raise click.UsageError("give a FILE, a story SLUG with --para N, or --providers")
    from tracker.mt.providers import default_provider, load

    config = load(provider or default_provider())
    if timeout is not None:
        if timeout <= 0:
            raise click.UsageError("--timeout must be positive")
        config = dataclasses.replace(config, timeout=timeout)
    selects = bool(paras) or fr_number is not None
    if selects and Path(subject).is_file():
        raise click.UsageError("--para and --fr-rev pick paragraphs of a stored story; a FILE is translated whole")
    if selects or _looks_like_slug(subject):
        from tracker.services.translate import suggest_paragraphs

        with open_db() as store:
            stored = suggest_paragraphs(store, subject, config, paras=list(paras) or None, fr_number=fr_number)
        where = {"story": subject, "fr_rev": stored[0].fr_rev if stored else None}
        _emit([_item(s.index, s.suggestion) for s in stored], config.name, "fr", "en", fmt, where)
        return ExitCode.OK
    from tracker.mt.client import MTClient
    from tracker.services.reading import read_document

    texts = read_document(subject).texts
    suggestions = MTClient(config, source=source, target=target).suggest(texts)
    _emit([_item(i, s) for i, s in enumerate(suggestions)], config.name, source, target, fmt, {"file": subject})
    return ExitCode.OK
