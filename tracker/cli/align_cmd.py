"""`tracker align`: which English paragraphs stand for which French ones, for two files or a stored story.

Two files are aligned as they are; a story slug (with `--fr-rev N` / `--en-rev N`) aligns stored revisions and keeps the
links people confirmed.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.common import ERRORS_OPTION, FORMAT_OPTION, emit_json, open_db, pick_rev, rev_options, warn_file
from tracker.exitcodes import ExitCode
from tracker.model import Link

if TYPE_CHECKING:
    from tracker.align.sentences import LinkSentences, Sentence

GUTTER = " | "


def read_paragraphs(path: str, errors: str = "strict") -> tuple[str, ...]:
    """Paragraph texts of a paragraph file (or any importable format), segmented as everywhere else; `errors`:
    --errors (replace warns on stderr)."""
    from tracker.services.reading import read_document

    return read_document(path, errors=errors, warn=warn_file).texts


def link_json(link: Link) -> dict[str, Any]:
    """One link as the JSON contract has it (DESIGN section 3), with its kind."""
    from tracker.align import link_kind

    data: dict[str, Any] = {"fr": list(link.fr), "en": list(link.en), "score": link.score, "kind": link_kind(link)}
    if link.confirmed:
        data["confirmed"] = True
    return data


def sentences_json(found: LinkSentences) -> dict[str, Any]:
    """A link's sentences (paragraph and character span) and its sentence links, indices 0-based in the link."""

    def spans(side: Sequence[Sentence]) -> list[dict[str, int]]:
        return [{"paragraph": s.paragraph, "start": s.start, "end": s.end} for s in side]

    return {
        "fr": spans(found.fr),
        "en": spans(found.en),
        "links": [{"fr": list(s.fr), "en": list(s.en), "score": s.score} for s in found.links],
    }


def _sentence_rows(found: LinkSentences, fr: Sequence[str], en: Sequence[str], column: int) -> list[str]:
    """Each sentence link of a paragraph link as French and English sentences side by side."""

    def texts(side: Sequence[Sentence], texts: Sequence[str]) -> list[str]:
        return [texts[s.paragraph][s.start : s.end] for s in side]

    fr_texts, en_texts = texts(found.fr, fr), texts(found.en, en)
    rows: list[str] = []
    for s in found.links:
        left = _column(s.fr, fr_texts, column, "s")
        right = _column(s.en, en_texts, column, "s")
        rows.extend(f"{a:<{column}}{GUTTER}{b}".rstrip() for a, b in zip_longest(left, right, fillvalue=""))
    return rows


def _column(indices: Sequence[int], texts: Sequence[str], width: int, mark: str = "") -> list[str]:
    lines: list[str] = []
    for k in indices:
        lines.extend(textwrap.wrap(f"[{mark}{k}] {texts[k]}", width) or [f"[{mark}{k}]"])
    return lines


def render_text(
    links: Sequence[Link],
    fr: Sequence[str],
    en: Sequence[str],
    width: int,
    sentences: Sequence[LinkSentences] | None = None,
) -> str:
    """Links for people: a header with kind and score, then French and English side by side (with `sentences`,
    sentence link by sentence link, each sentence numbered within its paragraph link)."""
    from tracker.align import link_kind

    column = max(20, (width - len(GUTTER)) // 2)
    blocks: list[str] = []
    for n, link in enumerate(links):
        fr_ids = ",".join(map(str, link.fr)) or "-"
        en_ids = ",".join(map(str, link.en)) or "-"
        mark = " confirmed" if link.confirmed else ""
        score = f"  score {link.score:.2f}" if link.fr and link.en else ""
        header = f"── fr {fr_ids} ↔ en {en_ids}  {link_kind(link)}{score}{mark} "
        if sentences is not None:
            rows = _sentence_rows(sentences[n], fr, en, column)
        else:
            left, right = _column(link.fr, fr, column), _column(link.en, en, column)
            rows = [f"{a:<{column}}{GUTTER}{b}".rstrip() for a, b in zip_longest(left, right, fillvalue="")]
        blocks.append("\n".join([header.ljust(2 * column + len(GUTTER), "─"), *rows]))
    return "\n".join(blocks) + "\n"


def _warn(message: str) -> None:
    click.echo(f"tracker: warning: {message}", err=True)


def _mt_config(provider: str) -> Any:
    from tracker.mt.providers import load

    return load(provider)


def _machine_translation(fr: Sequence[str], provider: str) -> list[str] | None:
    """English MT of each French paragraph (issue 10), or None with a warning when MT is unavailable."""
    from tracker.mt.client import MTClient
    from tracker.services.translate import translate_or_warn

    return translate_or_warn(MTClient(_mt_config(provider)), fr, _warn)


@click.command()
@click.argument("first", metavar="FR_FILE|SLUG")
@click.argument("second", metavar="[EN_FILE]", required=False)
@rev_options()
@click.option("--width", type=int, default=None, help="Text output width (default: the terminal's).")
@click.option(
    "--mt",
    "mt_provider",
    metavar="PROVIDER",
    help="Use a machine translation of the French as extra evidence (off by default; not saved).",
)
@click.option(
    "--sentences",
    "with_sentences",
    is_flag=True,
    help="Also align the sentences inside each link (JSON: a `sentences` object per link).",
)
@ERRORS_OPTION
@FORMAT_OPTION
def align(
    first: str,
    second: str | None,
    width: int | None,
    mt_provider: str | None,
    with_sentences: bool,
    errors: str,
    fmt: str,
    **revs: int | None,
) -> ExitCode:
    """Align French and English paragraphs: FR_FILE EN_FILE, or a stored story SLUG.

    Every paragraph of both sides appears in exactly one link; a link with nothing on one side is a paragraph
    with no counterpart (a French background paragraph dropped, an English subhead added).
    """
    fr_number = pick_rev(revs["fr_rev"], None, revs["old_fr_rev"], "French")
    en_number = pick_rev(revs["en_rev"], None, revs["old_en_rev"], "English")
    if second is not None:
        if fr_number is not None or en_number is not None:
            raise click.UsageError("--fr-rev/--en-rev apply to a stored story, not to two files")
        from tracker.align import align as align_texts

        fr, en = read_paragraphs(first, errors), read_paragraphs(second, errors)
        links = align_texts(fr, en, fr_mt=_machine_translation(fr, mt_provider) if mt_provider else None)
    elif Path(first).is_file():
        raise click.UsageError(f"{first} is a file: give the English file after it, or a stored story's slug")
    elif mt_provider:
        from tracker.services.translate import align_with_mt

        with open_db() as store:
            stored = align_with_mt(
                store, first, _mt_config(mt_provider), fr_number=fr_number, en_number=en_number, warn=_warn
            )
        fr, en, links = stored.fr, stored.en, stored.links
    else:
        from tracker.services.alignment import align_revisions

        with open_db() as store:
            stored = align_revisions(store, first, fr_number=fr_number, en_number=en_number)
        fr, en, links = stored.fr, stored.en, stored.links
    found = None
    if with_sentences:
        from tracker.align.sentences import sentence_links

        found = sentence_links(fr, en, links)
    if fmt == "json":
        rows = [link_json(link) for link in links]
        for row, link_found in zip(rows, found or (), strict=False):
            row["sentences"] = sentences_json(link_found)
        emit_json({"links": rows})
    else:
        columns = width or shutil.get_terminal_size((120, 24)).columns
        click.echo(render_text(links, fr, en, columns, found), nl=False)
    return ExitCode.OK
