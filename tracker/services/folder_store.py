"""A stored story to a story folder and back: its latest texts and every decision on it (links, acknowledgements,
waivers, approvals), so a folder can leave the database for a repository and come back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.check import fixed_links, hash_links
from tracker.check.sidecar import Sidecar
from tracker.errors import InputError
from tracker.flags import written_in
from tracker.model import Approval, Document, Link, LinkDecision, Paragraph, Revision
from tracker.services.carry import carry_acks, carry_approvals, carry_waivers
from tracker.services.check import GitContext, base_french
from tracker.services.folders import Folder, load_folder, write_folder
from tracker.services.imports import import_document
from tracker.services.reading import Warn
from tracker.services.vetting import DEFAULT_SIGNERS, signers_at, why_unverified
from tracker.services.views import adaptations as adaptations_of
from tracker.services.views import load_view, pair_links

if TYPE_CHECKING:
    from tracker.storage import Store


EXCHANGE_SUFFIX = {"xliff": ".xlf", "xliff12": ".xliff12.xlf", "tmx": ".tmx", "newsml": ".newsml.xml"}


def exchange_file(store: Store, slug: str, fmt: str, *, at: datetime, by: str) -> bytes:
    """A stored story as one exchange file: XLIFF 2.1 or 1.2 or TMX for translators, NewsML-G2 of approved English."""
    view = load_view(store, slug)
    if fmt == "xliff":
        from sources.xliff import write_xliff

        return write_xliff(view)
    if fmt == "xliff12":
        from sources.xliff12 import write_xliff12

        return write_xliff12(view)
    if fmt == "tmx":
        from sources.tmx import write_tmx

        return write_tmx([view], at=at, by=by)
    if fmt != "newsml":
        raise ValueError(f"unknown exchange format {fmt!r}; expected one of {', '.join(EXCHANGE_SUFFIX)}")
    from sources.newsml_out import write_newsml

    if view.en is None:
        raise InputError(slug, "no English revision to export")
    approval = view.approval.approval if view.approval is not None and view.approval.valid else None
    return write_newsml(view.en, view.fr, approval=approval, at=at, by=by)


def export_folder(store: Store, slug: str, dest: str | Path, *, force: bool = False) -> Path:
    """Write a stored story's latest French and English and every decision on it as a story folder."""
    view = load_view(store, slug)
    if view.en is None:
        raise InputError(slug, "no English revision yet: a story folder needs both languages")
    en = view.en
    base = view.base or view.fr
    links = pair_links(store, slug, base.number, en.number)
    adapted = _adapted_from(store, slug, en, base, links)
    sidecar = Sidecar(
        story=slug,
        adapted_from=tuple(p.hash for p in adapted),
        links=hash_links(links, adapted, en.paragraphs),
        acknowledgements=tuple(store.acks(slug)),
        waivers=tuple(store.waivers(slug)),
        approvals=tuple(store.approvals(slug)),
    )
    texts = {p.hash: p.text for r in (view.fr, en, base) for p in r.paragraphs}
    texts.update({p.hash: p.text for p in adapted})
    fr_doc = Document(paragraphs=view.fr.paragraphs, label=view.fr.label)
    en_doc = Document(paragraphs=en.paragraphs, label=en.label)
    return write_folder(dest, fr_doc, en_doc, sidecar, texts=texts, force=force)


def _adapted_from(
    store: Store, slug: str, en: Revision, base: Revision, links: Sequence[Link]
) -> tuple[Paragraph, ...]:
    """The French each English paragraph was really written against, paragraph by paragraph.

    An English paragraph carried over word for word from an earlier English revision was written against that
    revision's French base (see tracker.flags.history_flags), so a folder records that older French text in its
    place; otherwise a check of the folder would miss a staleness the database shows.
    """
    adaptations = adaptations_of(store, slug, en)
    if len(adaptations) < 2:
        return base.paragraphs
    texts = list(base.texts)
    latest = adaptations[-1]
    for e, (k, idx) in written_in(adaptations).items():
        if k == len(adaptations) - 1:
            continue
        old = next((lk for lk in adaptations[k].links if idx in lk.en), None)
        new = next((lk for lk in links if e in lk.en), None)
        if old is None or new is None or len(old.fr) != len(new.fr) or len(new.en) != 1:
            continue
        for i, j in zip(new.fr, old.fr, strict=True):
            if i < len(texts) and j < len(adaptations[k].base_fr) and latest.base_fr[i] == texts[i]:
                texts[i] = adaptations[k].base_fr[j]
    return tuple(replace(p, text=t) for p, t in zip(base.paragraphs, texts, strict=True))


def import_folder(
    store: Store,
    path: str | Path,
    *,
    by: str,
    at: datetime,
    slug: str | None = None,
    errors: str = "strict",
    warn: Warn | None = None,
) -> list[str]:
    """Store a story folder: the adapted-from French (when known), the English based on it, the current French,
    then the decisions not stored yet, re-made by `by` (tracker.services.carry); returns one line per thing done.

    All in one transaction: a folder that fails part way (a decision the store refuses, a busy database) stores
    nothing, so importing it again after the fix starts from what the database held before. `errors`, `warn`: how
    invalid bytes in the texts are read (tracker.services.reading.mended)."""
    folder = load_folder(path, errors=errors, warn=warn)
    with store.atomic():
        return _store_folder(store, folder, by=by, at=at, slug=slug)


def _store_folder(store: Store, folder: Folder, *, by: str, at: datetime, slug: str | None) -> list[str]:
    name = slug or folder.slug
    base, note = base_french(folder.sidecar, folder.fr, folder.fr_path, GitContext(folder.path))
    done: list[str] = []
    base_rev = None
    if base is not None and not note:
        result = import_document(
            store, base, f"{folder.path} (adapted from)", slug=name, lang="fr", by=by, at=at, once=True
        )
        base_rev = result.revision
        done.append(result.message)
    elif note:
        done.append(f"{name}: the French the English was adapted from is unknown; English based on the current French")
    # once: a folder read again finds each text already stored, whichever revision holds it, and stores nothing
    fr_result = import_document(store, folder.fr, str(folder.fr_path), slug=name, lang="fr", by=by, at=at, once=True)
    base_rev = base_rev or fr_result.revision
    en_result = import_document(
        store, folder.en, str(folder.en_path), slug=name, lang="en", by=by, at=at, based_on=base_rev.number, once=True
    )
    done += [en_result.message, fr_result.message]
    en_rev = en_result.revision
    where = str(folder.path)
    done += carry_acks(store, name, where, folder.sidecar.acknowledgements, by=by, at=at)
    done += carry_waivers(store, name, where, folder.sidecar.waivers, by=by, at=at)
    confirmed = fixed_links(folder.sidecar.links, base_rev.paragraphs, en_rev.paragraphs)
    if confirmed and not store.link_decisions(name, base_rev.number, en_rev.number):
        store.add_link_decision(LinkDecision(name, base_rev.number, en_rev.number, confirmed, by, at))
        done.append(f"{name}: {len(confirmed)} confirmed links stored on fr r{base_rev.number} / en r{en_rev.number}")
    verdicts = [(a, _verified(folder, a)) for a in folder.sidecar.approvals]
    done += carry_approvals(store, name, where, verdicts, fr_result.revision, en_rev, by=by, at=at)
    return done


def _verified(folder: Folder, approval: Approval) -> bool:
    """Whether the approval's signature verifies against the allowed signers committed in the folder's repository
    (.tracker/allowed_signers at HEAD): said in the carried approval's note, never a reason to carry it."""
    root = GitContext(folder.path).root
    signers = None if root is None else signers_at(root, "HEAD", DEFAULT_SIGNERS, required=False)
    return signers is not None and why_unverified(folder.sidecar, approval, signers) is None
