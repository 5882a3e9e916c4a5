"""Import wire and article files (any format sources.detect reads) and git histories as revisions of stories.

Files are read and parsed before anything is stored, so a refused file stores nothing; versions of one story
are stored in wire order (version, then time) whatever order the files were named in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import EllipsisType
from typing import Literal

from sources.detect import MAX_BYTES, kind_of, story_key, story_slug
from sources.encoding import lying_declaration, reencoded
from sources.xliff_units import Returned
from tracker.errors import InputError, TrackerError
from tracker.model import LANGS, Document, Revision
from tracker.services.pools import process_pool
from tracker.services.reading import mended, parse_documents, read_bytes, walk
from tracker.storage import Store
from tracker.storage.bulk import NewRevision, planned
from tracker.wire_flags import wire_key

# unstored: read fine, but not stored because the import is all or nothing and another file was refused
Outcome = Literal["imported", "skipped", "refused", "unstored"]
STATUSES = frozenset({"usable", "withheld", "canceled"})
# Revisions stored per transaction: large enough that a batch costs a few statements, small enough that a
# batch failing (and then stored file by file to name the culprit) loses little.
BATCH = 250


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one document of one file: imported (new revision), skipped (unchanged) or refused."""

    source: str
    outcome: Outcome
    story: str = ""
    lang: str = ""
    revision: int | None = None
    status: str = ""
    label: str = ""
    problem: str = ""
    warning: str = ""  # read, but something about it needs a person's eye (a declared encoding that lies)

    @property
    def message(self) -> str:
        if self.outcome == "refused":
            return f"refused  {self.source}: {self.problem}"
        if self.outcome == "unstored":
            return f"unstored {self.source}: read, but nothing is stored when another file is refused"
        where = f"{self.story} {self.lang} r{self.revision}"
        status = f" [{self.status}]" if self.status and self.status != "usable" else ""
        label = f" ({self.label})" if self.label and self.label != self.status else ""
        return f"{self.outcome:<8} {self.source} -> {where}{status}{label}"


@dataclass(slots=True)
class _Pending:
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


def wire_status(document: Document) -> str:
    """The revision status a wire item asks for: usable, withheld or canceled (a kill)."""
    status = dict(document.meta).get("pubStatus", "usable")
    return status if status in STATUSES else "usable"


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
    if kind_of(data, source) != "xml" or b"xliff" not in data[:4096].lower():
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
) -> list[_Pending]:
    """The documents of one file; `encoding` reads it as that encoding whatever it declares, `errors="replace"`
    with U+FFFD for invalid bytes (each document's warning says how many; tracker.services.reading.mended). A
    document forced into `lang` must read as that language, unless `force`."""
    source = str(path)
    replacements: list[str] = []
    data = mended(read_source(path), source, errors, lambda _name, warning: replacements.append(warning))
    returned = _returned(data, source)
    if returned is not None:
        slug = story or (returned.export or (story_slug(Path(source).stem),))[0]
        return [_Pending(source, order, Document(()), slug, "en", warning="; ".join(replacements), returned=returned)]
    warning = "; ".join([*replacements, *([] if encoding else [lying_declaration(data) or ""])]).strip("; ")
    if encoding:
        data = reencoded(data, encoding, source)
    pending = []
    for document in parse_documents(data, source):
        slug = story or story_slug(story_key(document))
        lang_ = tracked_lang(document, lang, source)
        if lang and not force:
            fits_language(document, lang, source)
        pending.append(_Pending(source, order, document, slug, lang_, dict(document.meta), warning=warning))
    return pending


_Job = tuple[Path, str | None, str | None, int, str | None, str, bool]


def _read_job(job: _Job) -> tuple[Path, list[_Pending] | str]:
    """One file's documents, or the reason it is refused (a string: exceptions with arguments do not pickle)."""
    path, story, lang, order, encoding, errors, force = job
    try:
        return path, read_documents(
            path, story=story, lang=lang, order=order, encoding=encoding, errors=errors, force=force
        )
    except TrackerError as exc:
        return path, getattr(exc, "problem", str(exc))


def _read_all(jobs: list[_Job], workers: int | None) -> Iterator[tuple[Path, list[_Pending] | str]]:
    """Read files in order; parsing is CPU-bound, so many files are spread over processes."""
    count = workers if workers is not None else (os.cpu_count() or 1) if len(jobs) >= 200 else 1
    if count <= 1:
        yield from map(_read_job, jobs)
        return
    with process_pool(count) as pool:
        yield from pool.map(_read_job, jobs, chunksize=32)


def _based_on(item: _Pending, french: Sequence[Revision]) -> int | None:
    """The French revision an English item names as its source (guid@version), if stored."""
    fr_revision = number(item.meta.get("frRevision", ""))
    if item.lang == "en" and fr_revision is not None:  # a returned XLIFF names it
        return fr_revision if any(r.number == fr_revision for r in french) else None
    wanted = item.meta.get("derivedFrom", "").split()
    if item.lang != "en" or not wanted or "@" not in wanted[0]:
        return None
    guid, version = wanted[0].rsplit("@", 1)
    matches = [r.number for r in french if dict(r.meta).get("guid") == guid and dict(r.meta).get("version") == version]
    return matches[-1] if matches else None


class _Known:
    """Revisions per (story, language) as stored before and during one import: one query per story at most."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.existing = {story.slug for story in store.stories()}
        self.revisions: dict[tuple[str, str], list[Revision]] = {}

    def get(self, slug: str, lang: str) -> list[Revision]:
        if (slug, lang) not in self.revisions:
            self.revisions[slug, lang] = self.store.revisions(slug, lang) if slug in self.existing else []
        return self.revisions[slug, lang]

    def add(self, revision: Revision) -> None:
        self.get(revision.story, revision.lang).append(replace(revision, paragraphs=()))

    def latest(self, slug: str, lang: str) -> Revision | None:
        stored = self.get(slug, lang)
        return stored[-1] if stored else None

    def undo(self, added: Sequence[Revision]) -> None:
        """Forget revisions added provisionally (newest last), after their batch failed."""
        for revision in reversed(added):
            self.revisions[revision.story, revision.lang].pop()


def already_stored(stored: Sequence[Revision], document: Document, chash: str = "") -> Revision | None:
    """A stored revision that makes this document old news: the same wire guid and version (or a later
    version of that guid), or the same content; None when the document is new. `chash`: its content hash,
    if already computed."""
    meta = dict(document.meta)
    guid, version = meta.get("guid"), meta.get("version", "")
    chash, status = chash or document.content_hash, wire_status(document)
    # the revision that holds this very item first, so a `skipped` line names it; a later version second
    for revision in reversed(stored):
        other = dict(revision.meta)
        if guid and other.get("guid") == guid and other.get("version", "") == version:
            return revision
        if other.get("commit") and other.get("commit") == meta.get("commit"):
            return revision
    for n, revision in enumerate(reversed(stored)):
        # a new wire version with an earlier version's text is news when it says something else: a reissue
        # after a kill, an embargo lifted, a withhold (so only the latest, with the same signal, makes it old)
        wire_news = bool(guid and version) and (n > 0 or wire_key(revision.meta) != wire_key(document.meta))
        if revision.content_hash == chash and revision.status == status and not wire_news:
            return revision
    for revision in reversed(stored):
        other = dict(revision.meta)
        if guid and other.get("guid") == guid and (number(other.get("version", "")) or 0) > (number(version) or 10**9):
            return revision
    return None


def version_conflict(stored: Sequence[Revision], item: _Pending, chash: str) -> str:
    """Why a document conflicts with what is stored: another file gave the same wire guid and version with other
    text (a wire never resends a version changed); '' when it does not. The same file read again is no conflict."""
    meta = dict(item.document.meta)
    guid, version = meta.get("guid"), meta.get("version", "")
    if not guid or not version:
        return ""
    for revision in stored:
        other = dict(revision.meta)
        if other.get("guid") == guid and other.get("version", "") == version and revision.content_hash != chash:
            if revision.origin == item.source:
                continue
            return (
                f"conflict: {guid} version {version} is stored as {revision.story} {revision.lang} r{revision.number}"
                f" (from {revision.origin or 'an earlier import'}) with different text; nothing stored"
            )
    return ""


def _request(item: _Pending, known: _Known, expected_latest: int | None | EllipsisType = ...) -> NewRevision:
    based_on = item.based_on or (_based_on(item, known.get(item.story, "fr")) if item.lang == "en" else None)
    document = item.document
    status = wire_status(document)
    return NewRevision(
        item.story, item.lang, document, document.label, item.source, based_on, status, document.meta, expected_latest
    )


def _result(item: _Pending, revision: Revision, created: bool) -> FileResult:
    outcome: Outcome = "imported" if created else "skipped"
    label = revision.label or ""
    return FileResult(item.source, outcome, revision.story, revision.lang, revision.number, revision.status, label)


def store_document(store: Store, item: _Pending, known: _Known, *, by: str, at: datetime) -> FileResult:
    """Store one read document unless it is old news or conflicts with a stored version; the result says which."""
    conflict = version_conflict(known.get(item.story, item.lang), item, item.document.content_hash)
    if conflict:
        return FileResult(item.source, "refused", item.story, item.lang, problem=conflict)
    old = already_stored(known.get(item.story, item.lang), item.document)
    if old is not None:
        return _result(item, old, False)
    ((revision, created),) = store.add_revisions([_request(item, known)], by=by, at=at)
    if created:
        known.add(revision)
    return _result(item, revision, created)


def _store_each(store: Store, items: Sequence[_Pending], known: _Known, *, by: str, at: datetime) -> list[FileResult]:
    results = []
    for item in items:
        try:
            results.append(store_document(store, item, known, by=by, at=at))
        except TrackerError as exc:
            results.append(FileResult(item.source, "refused", item.story, item.lang, problem=str(exc)))
    return results


def store_batch(store: Store, items: Sequence[_Pending], known: _Known, *, by: str, at: datetime) -> list[FileResult]:
    """Store documents in one transaction, each decided as store_document would against what the batch stored
    before it. The batch insists the stories are as `known` says (else a conflict): when it fails, nothing of it
    is stored and its documents are stored one by one, so only the failing one is refused."""
    results: list[FileResult | None] = []
    requests: list[NewRevision] = []
    added: list[Revision] = []
    for item in items:
        latest = known.latest(item.story, item.lang)
        chash = item.document.content_hash
        conflict = version_conflict(known.get(item.story, item.lang), item, chash)
        if conflict:
            results.append(FileResult(item.source, "refused", item.story, item.lang, problem=conflict))
            continue
        old = already_stored(known.get(item.story, item.lang), item.document, chash)
        same_signal = latest is not None and latest.status == wire_status(item.document)
        same_signal = same_signal and latest is not None and wire_key(latest.meta) == wire_key(item.document.meta)
        if old is None and latest is not None and latest.content_hash == chash and same_signal:
            old = latest  # the store keeps identical content (saying the same) as the latest revision
        if old is not None:
            results.append(_result(item, old, False))
            continue
        number = None if latest is None else latest.number
        request = _request(item, known, expected_latest=number)
        provisional = planned(request, (number or 0) + 1, request.based_on, by=by, at=at, chash=chash)
        known.get(item.story, item.lang).append(provisional)
        added.append(provisional)
        requests.append(request)
        results.append(None)
    try:
        stored = iter(store.add_revisions(requests, by=by, at=at))
    except TrackerError:
        known.undo(added)
        return _store_each(store, items, known, by=by, at=at)
    return [result or _result(item, *next(stored)) for item, result in zip(items, results, strict=True)]


def _checked(
    store: Store, read: list[_Pending], *, story: str | None, force: bool
) -> tuple[list[_Pending], list[FileResult]]:
    """Returned XLIFF files checked against their exports: the documents they make, and the refusals."""
    from tracker.services.returns import checked_return

    kept: list[_Pending] = []
    refused: list[FileResult] = []
    for item in read:
        if item.returned is None:
            kept.append(item)
            continue
        try:
            slug, document = checked_return(store, item.returned, story=story, force=force)
        except TrackerError as exc:
            refused.append(
                FileResult(item.source, "refused", item.story, "en", problem=getattr(exc, "problem", str(exc)))
            )
            continue
        kept.append(replace(item, document=document, story=slug, meta=dict(document.meta), returned=None))
    return kept, refused


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    by: str,
    at: datetime,
    story: str | None = None,
    lang: str | None = None,
    label: str | None = None,
    based_on: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
    encoding: str | None = None,
    force: bool = False,
    errors: str = "strict",
    all_or_nothing: bool = False,
) -> list[FileResult]:
    """Import every file under `paths`; each file is imported, skipped (unchanged) or refused with the reason.

    `progress(phase, done, total)` is called after each file read (phase "read") and each document stored
    ("store", once its batch of `BATCH` documents is committed). Large imports parse in `workers` processes
    (default: one per CPU from 200 files on).
    `story`, `lang`, `label` and `based_on` override what the files say; `encoding` the encoding they declare. A
    returned XLIFF is checked against the export it names and refused when they differ, unless `force` (see
    tracker.services.returns). `errors="replace"` reads invalid bytes as U+FFFD, with a warning per file.

    Each file is decided on its own (a drop folder imports what it can), unless `all_or_nothing`: then every
    file is stored in one transaction, and nothing at all when any is refused (the others come back `unstored`).
    """
    results: list[FileResult] = []
    pending: list[_Pending] = []
    files = expand(paths)
    known = _Known(store)
    jobs = [(path, story, lang, order, encoding, errors, force) for order, path in enumerate(files)]
    for done, (path, read) in enumerate(_read_all(jobs, workers), start=1):
        if isinstance(read, str):
            results.append(FileResult(str(path), "refused", problem=read))
        else:
            read, refused = _checked(store, read, story=story, force=force)
            results.extend(refused)
            pending.extend(
                replace(p, document=replace(p.document, label=label or p.document.label), based_on=based_on)
                for p in read
            )
        if progress:
            progress("read", done, len(files))
    ordered = sorted(pending, key=lambda p: p.sort_key)
    if not all_or_nothing:
        results.extend(_store_all(store, ordered, known, by=by, at=at, progress=progress))
    elif results:  # a file was refused already: nothing is stored
        results.extend(FileResult(p.source, "unstored", p.story, p.lang) for p in ordered)
    else:
        results = _store_atomically(store, ordered, known, by=by, at=at, progress=progress)
    position = {str(path): order for order, path in enumerate(files)}
    warnings = {p.source: p.warning for p in pending if p.warning}
    results = [replace(r, warning=warnings.get(r.source, "")) if r.source in warnings else r for r in results]
    return sorted(results, key=lambda r: position.get(r.source, len(files)))  # stable: wire order within a file


def _store_all(
    store: Store,
    ordered: Sequence[_Pending],
    known: _Known,
    *,
    by: str,
    at: datetime,
    progress: Callable[[str, int, int], None] | None,
) -> list[FileResult]:
    """Store documents in batches of BATCH, each batch one transaction."""
    results: list[FileResult] = []
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        results.extend(store_batch(store, batch, known, by=by, at=at))
        if progress:
            for done in range(start + 1, start + len(batch) + 1):
                progress("store", done, len(ordered))
    return results


class _Refused(Exception):
    """A document of an all-or-nothing import was refused: the transaction is rolled back."""


def _store_atomically(
    store: Store,
    ordered: Sequence[_Pending],
    known: _Known,
    *,
    by: str,
    at: datetime,
    progress: Callable[[str, int, int], None] | None,
) -> list[FileResult]:
    """Store documents in one transaction; when any is refused (a conflict, a revision the store refuses) the
    transaction is rolled back and the rest come back `unstored`."""
    results: list[FileResult] = []
    try:
        with store.atomic():
            results = _store_all(store, ordered, known, by=by, at=at, progress=progress)
            if any(r.outcome == "refused" for r in results):
                raise _Refused
    except _Refused:
        return [r if r.outcome == "refused" else replace(r, outcome="unstored", revision=None) for r in results]
    return results
