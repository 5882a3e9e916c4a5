"""`tracker diff`: what changed between two revisions of one language, paragraph by paragraph and word by word.

Two files are diffed as they are; a story slug with `--from`/`--to` diffs stored revisions.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import Any

import click

from tracker.cli.common import ERRORS_OPTION, FORMAT_OPTION, emit_json, open_db, warn_file
from tracker.exitcodes import ExitCode
from tracker.model import Change
from tracker.terminal import visible

_COLOURS = {"-": "red", "+": "green"}


def read_paragraphs(path: str, errors: str = "strict") -> tuple[str, ...]:
    """Paragraph texts of a file, segmented as everywhere else, but keeping the spaces a paragraph starts or
    ends with: a space added or removed there is a (cosmetic) change a diff must be able to show. `errors`:
    --errors (replace warns on stderr)."""
    from tracker.services.reading import is_structured, mended, parse_document, plain_document, read_bytes

    data = mended(read_bytes(path), path, errors, warn_file)
    if is_structured(data, path):
        return parse_document(data, path).texts
    # The checks and limits of every plain file, and its text decoded once (it was decoded, and its control
    # characters counted, a second time here).
    raw, document = plain_document(data, path)
    # The lines segment() cut the paragraphs from, but for the spaces it strips at their ends.
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    lines = text.split("\n")
    out = []
    for p in document.paragraphs:
        span = lines[p.line_start - 1 : p.line_end] if p.line_start else []
        if len(span) == 1:  # most paragraphs are one line: no join
            first = last = span[0]
            if first.strip() != p.text:
                out.append(p.text)
                continue
        elif not span or " ".join(line.strip() for line in span) != p.text:
            out.append(p.text)
            continue
        else:
            first, last = span[0], span[-1]
        out.append(first[: len(first) - len(first.lstrip())] + p.text + last[len(last.rstrip()) :])
    return tuple(out)


def change_json(change: Change) -> dict[str, Any]:
    """One change as the JSON contract has it (DESIGN section 3)."""
    return {
        "old": list(change.old),
        "new": list(change.new),
        "kind": change.kind,
        "substantive": change.substantive,
        "reasons": list(change.reasons),
        "words": [list(op) for op in change.words],
    }


def use_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (the no-color.org convention)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def marked(change: Change, colour: bool) -> str:
    """The words of a change, marked [-removed-]{+added+}, or in colour for a terminal."""
    parts = []
    for op, text in change.words:
        if op == "=":
            parts.append(text)
        elif colour:  # the words escaped before styling, so only the styles themselves reach the terminal raw
            styled = visible(text)
            parts.append(click.style(styled, fg=_COLOURS[op], strikethrough=op == "-", underline=op == "+"))
        else:
            parts.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(parts)


def _header(change: Change) -> str:
    old = ",".join(map(str, change.old)) or "-"
    new = ",".join(map(str, change.new)) or "-"
    verdict = "" if change.kind == "unchanged" else " substantive" if change.substantive else " cosmetic"
    reasons = f": {'; '.join(change.reasons)}" if change.reasons else ""
    return f"{change.kind} {old} -> {new}{verdict}{reasons}"


def render_text(changes: tuple[Change, ...], *, plain: bool, show_all: bool, colour: bool) -> str:
    """Changes for people: a header per change, then words marked, or Before/After lines with --plain."""
    blocks = []
    for change in changes:
        if change.kind == "unchanged" and not show_all:
            continue
        lines = [_header(change)]
        before = "".join(t for op, t in change.words if op != "+")
        after = "".join(t for op, t in change.words if op != "-")
        if change.kind == "unchanged":
            lines.append(f"  {after}")
        elif plain:
            if change.old:
                lines.append(f"  Before: {before}")
            if change.new:
                lines.append(f"  After: {after}")
        else:
            lines.append(f"  {marked(change, colour)}")
        blocks.append("\n".join(lines))
    if not blocks:
        return "no changes"
    return "\n\n".join(blocks)


def _stored(slug: str, lang: str, start: int | None, end: int | None) -> tuple[Change, ...]:
    from tracker.services.status import stored_diff

    with open_db() as store:
        return stored_diff(store, slug, lang, start, end)


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="OLD_FILE NEW_FILE | SLUG")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True, help="Stored: language.")
@click.option("--from", "start", type=int, help="Stored: the older revision number [default: the one before --to].")
@click.option("--to", "end", type=int, help="Stored: the newer revision number [default: the latest].")
@FORMAT_OPTION
@click.option("--plain", is_flag=True, help="Before/After lines instead of marked words (logs, screen readers).")
@click.option("--all", "show_all", is_flag=True, help="Show unchanged paragraphs too (text output).")
@ERRORS_OPTION
def diff(
    sources: tuple[str, ...],
    lang: str,
    start: int | None,
    end: int | None,
    fmt: str,
    plain: bool,
    show_all: bool,
    errors: str,
) -> ExitCode:
    """Diff two revisions of the same language: OLD_FILE NEW_FILE, or a stored story's SLUG --from N --to M.

    Every paragraph of both sides appears once in the JSON (`unchanged` included); text output shows the
    changed paragraphs, words marked [-removed-]{+added+} (coloured on a terminal).
    """
    if len(sources) == 2:
        if start is not None or end is not None:
            raise click.UsageError("--from/--to apply to a stored story, not to two files")
        from tracker.diff import diff as diff_texts

        changes = diff_texts(read_paragraphs(sources[0], errors), read_paragraphs(sources[1], errors))
    elif len(sources) == 1:
        changes = _stored(sources[0], lang, start, end)
    else:
        raise click.UsageError("give two files (OLD_FILE NEW_FILE) or one story slug")
    if fmt == "json":
        emit_json({"changes": [change_json(c) for c in changes]})
    else:
        colour = use_colour() and not plain
        click.echo(render_text(changes, plain=plain, show_all=show_all, colour=colour))
    return ExitCode.OK
