"""QA on stored stories: check the latest revisions (or the ones named) and record waivers bound to the texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.errors import InputError
from tracker.model import Finding, Waiver, text_hash
from tracker.qa import QAConfig, apply_waivers
from tracker.qa.links import check
from tracker.services.alignment import StoredAlignment
from tracker.services.views import shown_links

if TYPE_CHECKING:
    from tracker.storage import Store


@dataclass(frozen=True, slots=True)
class StoredQA(StoredAlignment):
    """The findings on a stored revision pair, waivers applied, with the texts and links they were raised on."""

    findings: tuple[Finding, ...]


def qa_revisions(
    store: Store,
    slug: str,
    *,
    config: QAConfig | None = None,
    fr_number: int | None = None,
    en_number: int | None = None,
) -> StoredQA:
    """Check two stored revisions (None = latest) on the links a view of them shows (`shown_links`: when the French
    moved on since the English was written, the links made on that French, carried over), so the command line
    lists, and lets a person waive, exactly the findings the terminal UI shows."""
    fr_rev = store.revision(slug, "fr", fr_number)
    en_rev = store.revision(slug, "en", en_number)
    links = shown_links(store, slug, fr_rev.number, en_rev.number)
    fr, en = fr_rev.texts, en_rev.texts
    findings = apply_waivers(check(fr, en, links, config), store.waivers(slug), fr, en)
    return StoredQA(slug, fr_rev.number, en_rev.number, fr, en, tuple(links), findings)


def waive(
    store: Store,
    slug: str,
    check_id: str,
    fr: Sequence[int],
    en: Sequence[int] | None,
    reason: str,
    *,
    by: str,
    at: datetime,
    config: QAConfig | None = None,
) -> tuple[Waiver, Finding]:
    """Set aside the current finding of `check_id` on French paragraphs `fr` (and English `en`, when given).

    The waiver is bound to the texts of the paragraphs involved: it lapses as soon as either side changes.
    Raises InputError when there is no such finding on the latest revisions.
    """
    if not reason.strip():
        raise InputError("waive", "a waiver needs a reason")
    from tracker.services.writers import require_member

    require_member(store, by, at=at)
    result = qa_revisions(store, slug, config=config)
    wanted_fr = tuple(fr)
    matches = [
        f for f in result.findings if f.check == check_id and f.fr == wanted_fr and (en is None or f.en == tuple(en))
    ]
    if not matches:
        where = f"fr {', '.join(map(str, fr)) or '-'}" + (f" / en {', '.join(map(str, en))}" if en is not None else "")
        raise InputError(slug, f"no {check_id} finding on {where} of fr.r{result.fr_rev} / en.r{result.en_rev}")
    finding = matches[0]
    waiver = Waiver(
        story=slug,
        check=check_id,
        fr_hashes=tuple(text_hash(result.fr[i]) for i in finding.fr),
        en_hashes=tuple(text_hash(result.en[j]) for j in finding.en),
        by=by,
        at=at,
        reason=reason.strip(),
    )
    store.add_waiver(waiver)
    return waiver, finding
