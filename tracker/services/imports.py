"""Import a paragraph file's bytes as a new revision of one language of a story, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import EllipsisType

from sources.text import read_text
from tracker.model import Document, Revision
from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: a new revision (`created`), or nothing because the content was already the latest."""

    revision: Revision
    created: bool
    source: str

    @property
    def message(self) -> str:
        r = self.revision
        if not self.created:
            return f"{r.story} {r.lang}: {self.source} is identical to r{r.number}; nothing stored"
        label = f", label {r.label!r}" if r.label else ""
        based = f", based on fr r{r.based_on}" if r.based_on is not None else ""
        return (
            f"stored {r.story} {r.lang} r{r.number} from {self.source}: "
            f"{len(r.paragraphs)} paragraphs{label}{based}, hash {r.content_hash[:12]}"
        )


def import_document(
    store: Store,
    document: Document,
    source: str,
    *,
    slug: str,
    lang: str,
    by: str,
    at: datetime,
    label: str | None = None,
    based_on: int | None = None,
    origin: str | None = None,
    expected_latest: int | None | EllipsisType = ...,
    once: bool = False,
) -> ImportResult:
    """Store an already-read document; identical content to the latest revision stores nothing, and with `once`
    neither does content identical to any revision of that language (a file or folder imported again)."""
    if once:
        stored = stored_as(store, slug, lang, document)
        if stored is not None:
            return ImportResult(stored, False, source)
    revision, created = store.add_revision(
        slug,
        lang,
        document,
        by=by,
        at=at,
        label=label,
        origin=source if origin is None else origin,
        based_on=based_on,
        expected_latest=expected_latest,
    )
    return ImportResult(revision, created, source)


def stored_as(store: Store, slug: str, lang: str, document: Document) -> Revision | None:
    """The revision of the story holding exactly this content in this language, if any."""
    from tracker.errors import NotFoundError

    try:
        revisions = store.revisions(slug, lang)
    except NotFoundError:
        return None
    wanted = document.content_hash
    found = next((r for r in revisions if r.content_hash == wanted), None)
    return None if found is None else store.revision(slug, lang, found.number)


def import_bytes(
    store: Store,
    data: bytes,
    source: str,
    *,
    slug: str,
    lang: str,
    by: str,
    at: datetime,
    label: str | None = None,
    based_on: int | None = None,
    expected_latest: int | None | EllipsisType = ...,
) -> ImportResult:
    """Decode and segment a plain-text file's bytes (errors name `source`), then store them as a revision."""
    document = read_text(data, source)
    return import_document(
        store,
        document,
        source,
        slug=slug,
        lang=lang,
        by=by,
        at=at,
        label=label,
        based_on=based_on,
        expected_latest=expected_latest,
    )
