"""A returned XLIFF (1.2 or 2.x) checked against the export it names before it becomes an English revision.

The export is derived again from the stored revisions the file names (story, French and English revision), so
a unit missing, a unit added, a source changed or a file tracker never wrote is caught and listed, and nothing
is stored; `force` takes the file anyway, putting back every missing unit's English as it was exported.
"""

from __future__ import annotations

from dataclasses import replace

from sources import xmlsafe
from sources.xliff_units import Returned, compare, english_document
from tracker.errors import InputError, NotFoundError
from tracker.model import Document, Link
from tracker.services.views import load_view
from tracker.storage import Store
from tracker.view import StoryView, build_rows

# at most this many differences are listed in the one-line refusal; the count says how many there are
LISTED = 12


def exported_view(store: Store, slug: str, fr: int, en: int) -> StoryView:
    """The view a file exported from French r`fr` and English r`en` (0 = none yet) was written from."""
    if en:
        return load_view(store, slug, fr, en)
    french = store.revision(slug, "fr", fr)
    rows = build_rows(french.paragraphs, (), [Link((i,), ()) for i in range(len(french.paragraphs))])
    return StoryView(store.story(slug), french, None, None, rows)


def _export_units(view: StoryView, fmt: str, source: str) -> Returned:
    if fmt == "xliff12":
        from sources.xliff12 import read_returned12, write_xliff12

        return read_returned12(xmlsafe.parse(write_xliff12(view), source), source)
    from sources.xliff import read_returned, write_xliff

    return read_returned(xmlsafe.parse(write_xliff(view), source), source)


def _foreign(returned: Returned, story: str | None, force: bool) -> tuple[str, Document]:
    """A file tracker did not write: refused, or with `force` and a story named, its targets taken as they are."""
    if not force:
        raise InputError(
            returned.source,
            f"not an XLIFF tracker exported (its file original {returned.original!r} names no tracker export):"
            " refused; `--force --story SLUG` imports its targets as that story's next English",
        )
    if not story:
        raise InputError(returned.source, "an XLIFF tracker did not write needs --story SLUG to be imported")
    return story, english_document(returned.units, label="XLIFF return", fmt=returned.fmt)


def checked_return(store: Store, returned: Returned, *, story: str | None, force: bool) -> tuple[str, Document]:
    """(story, English document) of a returned file that matches its export, else InputError listing every
    difference; with `force`, differences are passed over and missing units keep their exported English."""
    export = returned.export
    if export is None:
        return _foreign(returned, story, force)
    slug, fr, en = export
    differences: list[str] = []
    if story and story != slug:
        differences.append(f"the file is story {slug!r}, not {story!r}")
    try:
        exported = _export_units(exported_view(store, slug, fr, en), returned.fmt, returned.source)
    except NotFoundError as exc:
        raise InputError(returned.source, f"names an export tracker cannot find ({returned.original}): {exc}") from exc
    comparison = compare(returned.units, exported.units)
    differences += comparison.differences
    if differences and not force:
        listed = "; ".join(differences[:LISTED]) + ("; ..." if len(differences) > LISTED else "")
        raise InputError(
            returned.source,
            f"does not match export {returned.original} ({len(differences)} differences, nothing stored;"
            f" --force keeps missing paragraphs as they were): {listed}",
        )
    # the returned units, with tracker's metadata where a CAT tool dropped it; a tool that renamed every unit
    # shares nothing to merge on, so forcing it takes its targets as they are (never the export's twice over)
    known = {u.id for u in exported.units}
    units = comparison.units if any(u.id in known for u in returned.units) else returned.units
    document = english_document(units, label="XLIFF return", fmt=returned.fmt)
    if not document.paragraphs:
        raise InputError(returned.source, "XLIFF file without any English target")
    meta = dict(document.meta) | {"slug": slug, "frRevision": str(fr), "enRevision": str(en)}
    if returned.file_notes:
        meta["fileNotes"] = "\n".join(returned.file_notes)
    return story or slug, replace(document, meta=tuple(sorted(meta.items())))
