"""A stored story as people review it: alignment, flags since each English paragraph's base, QA, approval.

Everything here is derived on demand from stored facts (revisions, decisions), so it can never drift.
"""

from __future__ import annotations

from typing import cast

from tracker.approvals import approval_status, approved_paragraphs
from tracker.diff import diff
from tracker.flags import Adaptation, carry_links, flags, history_flags
from tracker.model import Flag, Link, Revision, alignment_hash
from tracker.qa import QAConfig, apply_waivers, check
from tracker.services.alignment import align_revisions
from tracker.services.derived import DerivedCache, cached_differ, cached_flagger, check_cached
from tracker.services.qa_config import load_qa_config
from tracker.services.row_decisions import with_decisions
from tracker.signals import signal_of
from tracker.storage import Store
from tracker.view import StoryView, build_rows
from tracker.wire_flags import kill_revision, wire_flags


def pair_links(store: Store, slug: str, fr_rev: int, en_rev: int) -> tuple[Link, ...]:
    """The alignment of a stored revision pair: the cache when present, else computed around confirmed links."""
    cached = store.alignment(slug, fr_rev, en_rev)
    if cached is not None:
        return cached
    return align_revisions(store, slug, fr_number=fr_rev, en_number=en_rev).links


class _Reads:
    """One view's reads of a story: the lineage, the base and the shown links ask for the same revisions and
    alignments again and again, so each is fetched from the store once."""

    def __init__(self, store: Store, slug: str, cache: DerivedCache | None = None) -> None:
        self.store, self.slug, self.cache = store, slug, cache
        # diffs of revision pairs, remembered by content when the caller keeps a cache
        self.diff = cached_differ(cache) if cache is not None else diff
        self.flagger = cached_flagger(cache) if cache is not None else None
        self._revisions: dict[tuple[str, int | None], Revision] = {}
        self._links: dict[tuple[int, int], tuple[Link, ...]] = {}
        self._numbers: dict[str, tuple[int, ...]] = {}
        self._hashes: dict[tuple[str, int], str] = {}
        self.listed: dict[str, tuple[Revision, ...]] = {}

    def numbers(self, lang: str) -> tuple[int, ...]:
        """The revision numbers of one language, oldest first."""
        if lang not in self._numbers:
            listed = self.store.revisions(self.slug, lang)
            self.listed[lang] = tuple(listed)
            self._numbers[lang] = tuple(r.number for r in listed)
            self._hashes.update({(lang, r.number): r.content_hash for r in listed})
        return self._numbers[lang]

    def revision(self, lang: str, number: int | None = None) -> Revision:
        if (lang, number) not in self._revisions:
            revision = self._remembered(lang, number) or self.store.revision(self.slug, lang, number)
            self._revisions[(lang, number)] = self._revisions[(lang, revision.number)] = revision
            if self.cache is not None:
                self.cache.remember_revision(revision)
        return self._revisions[(lang, number)]

    def _remembered(self, lang: str, number: int | None) -> Revision | None:
        """A revision this desk read before (revisions never change once stored: known by number and hash)."""
        if self.cache is None:
            return None
        numbers = self.numbers(lang)
        if number is None and numbers:
            number = numbers[-1]
        content = self._hashes.get((lang, number)) if number is not None else None
        return self.cache.revision(self.slug, lang, number, content) if content is not None else None

    def links(self, fr_rev: int, en_rev: int) -> tuple[Link, ...]:
        if (fr_rev, en_rev) not in self._links:
            self._links[(fr_rev, en_rev)] = pair_links(self.store, self.slug, fr_rev, en_rev)
        return self._links[(fr_rev, en_rev)]


def _adaptations(reads: _Reads, en: Revision) -> list[Adaptation]:
    """Every English revision up to `en`, oldest first, with the French it was based on and their alignment."""
    out: list[Adaptation] = []
    for number in reads.numbers("en"):
        if number > en.number:
            break
        english = reads.revision("en", number)
        base = reads.revision("fr", english.based_on)
        out.append(Adaptation(base.texts, english.texts, reads.links(base.number, english.number), base.number))
    return out


def adaptations(store: Store, slug: str, en: Revision) -> list[Adaptation]:
    """Every English revision up to `en`, oldest first, with the French it was based on and their alignment."""
    return _adaptations(_Reads(store, slug), en)


def _french_only(fr: Revision) -> tuple[Link, ...]:
    return tuple(Link((i,), ()) for i in range(len(fr.paragraphs)))


def _flags(reads: _Reads, fr: Revision, en: Revision | None) -> tuple[Flag, ...]:
    """Flags of `en` against `fr`, each English paragraph traced to the French it was written from; with no
    English yet, every French paragraph is untranslated. Then what the wire says (`tracker.wire_flags`): stale
    flags a correction caused become corrections, and a killed story's English has only to be withdrawn."""
    acks = reads.store.acks(reads.slug)
    if en is None:
        found = flags(fr.texts, fr.texts, (), _french_only(fr), acks)
    else:
        found = history_flags(fr.texts, _adaptations(reads, en), acks, reads.diff, reads.flagger)
    return _wire_flags(reads, fr, en, found)


def _wire_flags(reads: _Reads, fr: Revision, en: Revision | None, found: tuple[Flag, ...]) -> tuple[Flag, ...]:
    reads.numbers("fr")
    french = [r for r in reads.listed["fr"] if r.number <= fr.number]
    kinds = [signal_of(r, n == 0).kind for n, r in enumerate(french)]
    if "correction" not in kinds and "kill" not in kinds:
        return found
    # the listing carries no paragraphs: only a correction, the version before it and the shown one need them
    needed = {len(french) - 1} | {m for n, k in enumerate(kinds) if k == "correction" for m in (n - 1, n)}
    full = [reads.revision("fr", r.number) if n in needed else r for n, r in enumerate(french)]
    withdrawals = reads.store.withdrawals(reads.slug) if kill_revision(french) is not None else ()
    n_en = len(en.paragraphs) if en is not None else 0
    return wire_flags(found, full, n_en, withdrawals, reads.diff)


def latest_flags(
    store: Store, slug: str, cache: DerivedCache | None = None
) -> tuple[Revision, Revision | None, tuple[Flag, ...]]:
    """The latest French revision, the latest English one (None before the first) and the flags between them."""
    reads = _Reads(store, slug, cache)
    fr = reads.revision("fr")
    en = reads.revision("en") if reads.numbers("en") else None
    return fr, en, _flags(reads, fr, en)


def _base(reads: _Reads, fr: Revision, en: Revision) -> Revision:
    return reads.revision("fr", en.based_on) if en.based_on else fr


def _shown_links(reads: _Reads, fr: Revision, en: Revision, base: Revision) -> tuple[Link, ...]:
    """Links between the shown French and English: corrections made on this very pair win; otherwise the
    English's own alignment with its base, carried onto the shown French through the French lineage."""
    if base.number == fr.number or reads.store.link_decisions(reads.slug, fr.number, en.number):
        return reads.links(fr.number, en.number)
    base_links = reads.links(base.number, en.number)

    def carried() -> tuple[Link, ...]:
        return carry_links(base_links, reads.diff(base.texts, fr.texts), len(fr.paragraphs), len(en.paragraphs))

    if reads.cache is None:
        return carried()
    # a function of the base alignment and of the French texts on both sides (the English only counts)
    content = (base_links, base.content_hash, fr.content_hash, len(fr.paragraphs), len(en.paragraphs))
    return cast("tuple[Link, ...]", reads.cache.memo("carry", content, carried))


def shown_links(
    store: Store, slug: str, fr_rev: int, en_rev: int, cache: DerivedCache | None = None
) -> tuple[Link, ...]:
    """The links a view of these two revisions shows (see `load_view`), without its flags, QA or approval."""
    reads = _Reads(store, slug, cache)
    fr, en = reads.revision("fr", fr_rev), reads.revision("en", en_rev)
    return _shown_links(reads, fr, en, _base(reads, fr, en))


def load_view(
    store: Store,
    slug: str,
    fr_rev: int | None = None,
    en_rev: int | None = None,
    config: QAConfig | None = None,
    cache: DerivedCache | None = None,
) -> StoryView:
    """The story's rows for the given revisions (None = latest), with flags, findings and approval status.

    With a `cache`, each link's findings and each revision pair's diff are derived once per content (the same
    values, found instead of computed)."""
    reads = _Reads(store, slug, cache)
    story = store.story(slug)
    fr = reads.revision("fr", fr_rev)
    fr_numbers, en_numbers = reads.numbers("fr"), reads.numbers("en")
    en = reads.revision("en", en_rev) if en_numbers else None
    row_flags = _flags(reads, fr, en)
    if en is None:
        rows = with_decisions(build_rows(fr.paragraphs, (), _french_only(fr), row_flags), store.acks(slug), (), (), ())
        listed = reads.listed["fr"] + reads.listed["en"]
        return StoryView(story, fr, None, None, rows, None, fr_numbers, en_numbers, revision_list=listed)
    base = _base(reads, fr, en)
    links = _shown_links(reads, fr, en, base)
    config = config if config is not None else load_qa_config(store)
    raw = (
        check(fr.texts, en.texts, links, config)
        if cache is None
        else check_cached(fr.texts, en.texts, links, config, cache)
    )
    waivers, approvals = store.waivers(slug), store.approvals(slug)
    findings = apply_waivers(raw, waivers, fr.texts, en.texts)
    rows = build_rows(fr.paragraphs, en.paragraphs, links, row_flags, findings)
    decided = store.link_decisions(slug, fr.number, en.number)
    rows = with_decisions(rows, store.acks(slug), waivers, decided, [a for a in approvals if a.en_rev == en.number])
    approval = approval_status(approvals, fr, en, alignment_hash(links))
    approved_en = approved_paragraphs(approvals, rows)
    listed = reads.listed["fr"] + reads.listed["en"]
    by_paragraph = tuple(a for a in approvals if a.paragraph is not None)
    return StoryView(
        story,
        fr,
        en,
        base,
        rows,
        approval,
        fr_numbers,
        en_numbers,
        approved_en=approved_en,
        revision_list=listed,
        paragraph_approvals=by_paragraph,
    )
