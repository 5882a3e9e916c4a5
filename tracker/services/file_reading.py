"""Reading import files into pending documents before anything is stored: sizes, encodings, languages, formats.

Parsing is CPU-bound but a wire item takes ~0.1 ms to parse: below three CPUs, worker processes cost more in
start-up and pickling than they save, so files are read in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sources.detect import MAX_BYTES, kind_of, story_key, story_slug
from sources.encoding import lying_declaration, reencoded
from sources.xliff_units import Returned
from tracker.errors import InputError, TrackerError
from tracker.model import LANGS, Document
from tracker.services.limits import Limits, limits
from tracker.services.pools import process_pool
from tracker.services.reading import mended, parse_documents, read_bytes, walk


@dataclass(slots=True)
class Pending:
    source: str
    order: int
    document: Document
    story: str
    lang: str
    meta: dict[str, str] = field(default_factory=dict)
    based_on: int | None = None
    warning: str = ""
    returned: Returned | None = None  # a returned XLIFF, checked against its export before it is stored

    @property
    def sort_key(self) -> tuple[str, int, int, str, int]:
        version = self.meta.get("version", "")
        return (
            self.story,
            LANGS.index(self.lang),
            number(version) or 0,
            self.meta.get("versionCreated", ""),
            self.order,
        )


def number(text: str) -> int | None:
    """A wire version or revision number; None unless plain ASCII digits (`int` takes more than wires mean)."""
    return int(text) if text.isascii() and text.isdigit() else None


def read_source(path: Path, limit: int = MAX_BYTES) -> bytes:
    """Bytes of a file, refused by its size before a byte is read (tracker.services.reading.read_bytes)."""
    return read_bytes(path, limit=limit)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and files under folders named (recursively, hidden ones left out), in a stable order."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(here / f for here, _dirs, names in walk(path) for f in names))
        else:
            files.append(path)
    return files


def tracked_lang(document: Document, lang: str | None, source: str) -> str:
    """`fr` or `en`: the language asked for, else the document's own (`fr-FR` -> `fr`)."""
    chosen = lang or (document.lang or "").split("-")[0].lower()
    if not chosen:
        raise InputError(source, "no language in the file; pass --lang fr or --lang en")
    if chosen not in LANGS:
        raise InputError(source, f"language {chosen!r} is not tracked (fr or en); pass --lang to override")
    return chosen


def fits_language(document: Document, lang: str, source: str) -> None:
    """Refuse a document forced into `lang` (`--lang`) whose words are clearly another language's (an English
    article or a licence file forced in as French); a text too short or too mixed to tell always fits."""
    from tracker.language import NAMES, is_not, language_of

    text = "\n\n".join(document.texts)
    found = language_of(text)
    if found is not None and found != lang:
        raise InputError(
            source, f"reads as {NAMES[found]}, not {NAMES[lang]} (--lang {lang}); give --force to import it anyway"
        )
    if found is None and is_not(text, lang):
        raise InputError(source, f"does not read as {NAMES[lang]} (--lang {lang}); give --force to import it anyway")


def _returned(data: bytes, source: str) -> Returned | None:
    """The units of a returned XLIFF (1.2 or 2.x), or None for any other file."""
    if b"xliff" not in data[:4096].lower() or kind_of(data, source) != "xml":  # the cheap test first
        return None
    from sources import xmlsafe
    from sources.xliff import returned_of

    root = xmlsafe.parse(data, source)
    return returned_of(root, source) if xmlsafe.localname(root) == "xliff" else None


def read_documents(
    path: Path,
    *,
    story: str | None,
    lang: str | None,
    order: int,
    encoding: str | None = None,
    errors: str = "strict",
    force: bool = False,
    allowed: Limits | None = None,
) -> list[Pending]:
    """The documents of one file; `encoding` reads it as that encoding whatever it declares, `errors="replace"`
    with U+FFFD for invalid bytes (each document's warning says how many; tracker.services.reading.mended). A
    document forced into `lang` must read as that language, unless `force`. `allowed`: the limits, read once."""
    source = str(path)
    replacements: list[str] = []
    data = mended(read_source(path), source, errors, lambda _name, warning: replacements.append(warning))
    returned = _returned(data, source)
    if returned is not None:
        slug = story or (returned.export or (story_slug(Path(source).stem),))[0]
        return [Pending(source, order, Document(()), slug, "en", warning="; ".join(replacements), returned=returned)]
    warning = "; ".join([*replacements, *([] if encoding else [lying_declaration(data) or ""])]).strip("; ")
    if encoding:
        data = reencoded(data, encoding, source)
    pending = []
    for document in parse_documents(data, source, allowed):
        slug = story or story_slug(story_key(document))
        lang_ = tracked_lang(document, lang, source)
        if lang and not force:
            fits_language(document, lang, source)
        pending.append(Pending(source, order, document, slug, lang_, dict(document.meta), warning=warning))
    return pending


Job = tuple[Path, str | None, str | None, int, str | None, str, bool, Limits | None]


def _read_job(job: Job) -> tuple[Path, list[Pending] | str]:
    """One file's documents, or the reason it is refused (a string: exceptions with arguments do not pickle)."""
    path, story, lang, order, encoding, errors, force, allowed = job
    try:
        return path, read_documents(
            path, story=story, lang=lang, order=order, encoding=encoding, errors=errors, force=force, allowed=allowed
        )
    except TrackerError as exc:
        return path, getattr(exc, "problem", str(exc))


# Files from which an import counts as bulk: read over the worker pool (three CPUs or more), collector paused
BULK_FILES = 200


def read_all(
    paths: list[Path], options: tuple[str | None, str | None, str | None, str, bool], workers: int | None
) -> Iterator[tuple[Path, list[Pending] | str]]:
    """Each file's documents or refusal, in order; `options`: (story, lang, encoding, errors, force). Files are
    read in this process below three CPUs (or `workers` processes when given), else over one process per CPU
    from 200 files on. The limits are read once; when the configuration is bad, each file is refused for it."""
    try:
        allowed: Limits | None = limits()
    except TrackerError:
        allowed = None
    story, lang, encoding, errors, force = options
    jobs: list[Job] = [(path, story, lang, order, encoding, errors, force, allowed) for order, path in enumerate(paths)]
    cpus = os.cpu_count() or 1
    count = workers if workers is not None else cpus if len(jobs) >= BULK_FILES and cpus > 2 else 1
    if count <= 1:
        yield from map(_read_job, jobs)
        return
    with process_pool(count) as pool:
        yield from pool.map(_read_job, jobs, chunksize=32)
