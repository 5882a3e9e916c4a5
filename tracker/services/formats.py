"""Import wire and article files (any format sources.detect reads) and git histories as revisions of stories.

Files are read and parsed before anything is stored, so a refused file stores nothing; versions of one story
are stored in wire order (version, then time) whatever order the files were named in.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from types import EllipsisType
from typing import Literal

from tracker.errors import TrackerError
from tracker.model import Document, Revision, content_hash, text_hash
from tracker.services.file_reading import BULK_FILES, Pending, expand, number, read_all
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


def wire_status(document: Document) -> str:
    """The revision status a wire item asks for: usable, withheld or canceled (a kill)."""
    status = dict(document.meta).get("pubStatus", "usable")
    return status if status in STATUSES else "usable"


def _based_on(item: Pending, french: Sequence[Revision]) -> int | None:
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


def version_conflict(stored: Sequence[Revision], item: Pending, chash: str) -> str:
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


def _request(
    item: Pending, known: _Known, hashes: tuple[str, ...], expected_latest: int | None | EllipsisType = ...
) -> NewRevision:
    based_on = item.based_on or (_based_on(item, known.get(item.story, "fr")) if item.lang == "en" else None)
    document = item.document
    status = wire_status(document)
    return NewRevision(
        item.story, item.lang, document, document.label, item.source, based_on, status, document.meta, expected_latest,
        hashes,
    )  # fmt: skip


def _hashes(document: Document) -> tuple[tuple[str, ...], str]:
    """A document's paragraph hashes and content hash, computed once for every decision and row that needs them."""
    hashes = tuple(text_hash(p.text) for p in document.paragraphs)
    return hashes, content_hash(hashes)


def _result(item: Pending, revision: Revision, created: bool) -> FileResult:
    outcome: Outcome = "imported" if created else "skipped"
    label = revision.label or ""
    return FileResult(item.source, outcome, revision.story, revision.lang, revision.number, revision.status, label)


def store_document(store: Store, item: Pending, known: _Known, *, by: str, at: datetime) -> FileResult:
    """Store one read document unless it is old news or conflicts with a stored version; the result says which."""
    hashes, chash = _hashes(item.document)
    conflict = version_conflict(known.get(item.story, item.lang), item, chash)
    if conflict:
        return FileResult(item.source, "refused", item.story, item.lang, problem=conflict)
    old = already_stored(known.get(item.story, item.lang), item.document, chash)
    if old is not None:
        return _result(item, old, False)
    ((revision, created),) = store.add_revisions([_request(item, known, hashes)], by=by, at=at)
    if created:
        known.add(revision)
    return _result(item, revision, created)


def _store_each(store: Store, items: Sequence[Pending], known: _Known, *, by: str, at: datetime) -> list[FileResult]:
    results = []
    for item in items:
        try:
            results.append(store_document(store, item, known, by=by, at=at))
        except TrackerError as exc:
            results.append(FileResult(item.source, "refused", item.story, item.lang, problem=str(exc)))
    return results


def store_batch(store: Store, items: Sequence[Pending], known: _Known, *, by: str, at: datetime) -> list[FileResult]:
    """Store documents in one transaction, each decided as store_document would against what the batch stored
    before it. The batch insists the stories are as `known` says (else a conflict): when it fails, nothing of it
    is stored and its documents are stored one by one, so only the failing one is refused."""
    results: list[FileResult | None] = []
    requests: list[NewRevision] = []
    added: list[Revision] = []
    for item in items:
        latest = known.latest(item.story, item.lang)
        hashes, chash = _hashes(item.document)
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
        request = _request(item, known, hashes, expected_latest=number)
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
    store: Store, read: list[Pending], *, story: str | None, force: bool
) -> tuple[list[Pending], list[FileResult]]:
    """Returned XLIFF files checked against their exports: the documents they make, and the refusals."""
    from tracker.services.returns import checked_return

    kept: list[Pending] = []
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
    (default: one per CPU from 200 files on, on three CPUs or more; tracker.services.file_reading.read_all).
    `story`, `lang`, `label` and `based_on` override what the files say; `encoding` the encoding they declare. A
    returned XLIFF is checked against the export it names and refused when they differ, unless `force` (see
    tracker.services.returns). `errors="replace"` reads invalid bytes as U+FFFD, with a warning per file.

    Each file is decided on its own (a drop folder imports what it can), unless `all_or_nothing`: then every
    file is stored in one transaction, and nothing at all when any is refused (the others come back `unstored`).
    """
    files = expand(paths)
    with _gc_paused(len(files) >= BULK_FILES):
        return _import(store, files, by, at, (story, lang, label, based_on, encoding, errors, force), workers,
                       progress, all_or_nothing)  # fmt: skip


def _import(
    store: Store,
    files: list[Path],
    by: str,
    at: datetime,
    options: tuple[str | None, str | None, str | None, int | None, str | None, str, bool],
    workers: int | None,
    progress: Callable[[str, int, int], None] | None,
    all_or_nothing: bool,
) -> list[FileResult]:
    story, lang, label, based_on, encoding, errors, force = options
    results: list[FileResult] = []
    pending: list[Pending] = []
    known = _Known(store)
    for done, (path, read) in enumerate(read_all(files, (story, lang, encoding, errors, force), workers), start=1):
        if isinstance(read, str):
            results.append(FileResult(str(path), "refused", problem=read))
        else:
            read, refused = _checked(store, read, story=story, force=force)
            results.extend(refused)
            if label or based_on is not None:  # else each is as read (no based_on, its own label)
                read = [
                    replace(p, document=replace(p.document, label=label or p.document.label), based_on=based_on)
                    for p in read
                ]
            pending.extend(read)
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


@contextmanager
def _gc_paused(pause: bool) -> Iterator[None]:
    """The cyclic garbage collector off during a bulk import: each batch's tens of thousands of new objects made
    it walk every survivor again and again, and an import makes no cycles that must go before it returns."""
    enabled = pause and gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _store_all(
    store: Store,
    ordered: Sequence[Pending],
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
    ordered: Sequence[Pending],
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
