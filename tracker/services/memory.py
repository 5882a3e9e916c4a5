"""The desk's translation memory: every pair of French and the English a person wrote for it, taken in story by
story (only English revisions not taken in before), and offered again for French that has no up-to-date English.

Taking in is incremental and idempotent, so any face may do it before searching, and a background worker after
imports; it never blocks a save (it reads, then writes the memory in one short transaction of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.errors import NotFoundError
from tracker.flags import needs_action
from tracker.memory import MemoryEntry, MemoryMatch, best, concordance
from tracker.model import Approval, Revision
from tracker.services.views import adaptations, load_view
from tracker.storage import Store
from tracker.view import StoryView


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The memory's matches for one French paragraph of the story's latest French revision."""

    fr: int
    text: str
    matches: tuple[MemoryMatch, ...]


def _approved(approvals: list[Approval], en: Revision) -> set[str]:
    """Hashes of the English paragraphs of `en` an editor approved (the whole revision, or the paragraph)."""
    whole = [a for a in approvals if a.paragraph is None and a.en_hash == en.content_hash]
    if whole and max(whole, key=lambda a: a.at).verdict == "approved":
        return {p.hash for p in en.paragraphs}
    return {a.paragraph for a in approvals if a.paragraph is not None and a.verdict == "approved"}


def _story_entries(store: Store, slug: str, taken: set[tuple[str, int]]) -> tuple[list[MemoryEntry], list[int]]:
    """The new entries of a story's English revisions not yet taken in, and those revisions' numbers.

    An English paragraph counts once, in the revision that first has it: carried over unchanged into a later
    revision it would pair a newer French with English written for the older one.
    """
    english = store.revisions(slug, "en")
    fresh = [r.number for r in english if (slug, r.number) not in taken]
    if not fresh:
        return [], []
    approvals = store.approvals(slug)
    entries: list[MemoryEntry] = []
    written: set[str] = set()
    for meta, step in zip(english, adaptations(store, slug, store.revision(slug, "en")), strict=True):
        new = meta.number in fresh
        en = store.revision(slug, "en", meta.number) if new else None
        approved = _approved(approvals, en) if en is not None else set()
        for link in step.links:
            texts = [step.en[j] for j in link.en]
            if en is not None and link.fr and texts and not all(t in written for t in texts):
                hashes = {en.paragraphs[j].hash for j in link.en}
                fr = "\n\n".join(step.base_fr[i] for i in link.fr)
                entries.append(
                    MemoryEntry(fr, "\n\n".join(texts), "story", slug, step.base, en.number, en.author,
                                en.created_at, hashes <= approved)
                )  # fmt: skip
            written.update(texts)
    return entries, fresh


def take_in(store: Store) -> int:
    """Take every English revision not yet in the memory into it; returns how many entries were new. One query
    when nothing is new, so any face may call it before it searches."""
    pending = store.untaken_english()
    if not pending:
        return 0
    taken = store.memory_sources()
    added = 0
    for slug in pending:
        entries, numbers = _story_entries(store, slug, taken)
        if numbers:
            added += store.add_memory(entries, [(slug, n) for n in numbers])
    return added


def remember(store: Store, entries: list[MemoryEntry]) -> int:
    """Add imported pairs (a TMX file's, say) to the memory; returns how many were new."""
    return store.add_memory(entries)


def matches_for(store: Store, text: str, limit: int = 5) -> tuple[MemoryMatch, ...]:
    """The memory's best matches for one French paragraph."""
    return tuple(best(text, store.memory_candidates(text), limit))


def matches_for_story(store: Store, texts: list[str], limit: int = 5) -> list[tuple[MemoryMatch, ...]]:
    """`matches_for` each of a story's French paragraphs, their candidates looked up together (a few queries for
    the story, where a paragraph at a time took a few each)."""
    found = store.memory_candidates_many(texts)
    return [tuple(best(text, candidates, limit)) for text, candidates in zip(texts, found, strict=True)]


def _wanting(view: StoryView) -> list[int]:
    """French paragraphs that want English: stale or untranslated, not acknowledged (every one with no English)."""
    if view.en is None:
        return [p.index for p in view.fr.paragraphs]
    kinds = ("correction", "stale", "untranslated")
    return sorted({i for row in view.rows for f in row.flags if f.kind in kinds and needs_action(f) for i in f.fr})


def suggest(store: Store, slug: str, fr_index: int | None = None, limit: int = 5) -> list[Suggestion]:
    """Matches for the French paragraphs of the latest French revision with no up-to-date English, or for
    paragraph `fr_index` alone."""
    take_in(store)
    view = load_view(store, slug)
    texts = view.fr.texts
    if fr_index is not None and not 0 <= fr_index < len(texts):
        raise NotFoundError(f"{slug}: French revision {view.fr.number} has no paragraph {fr_index}")
    wanted = [fr_index] if fr_index is not None else _wanting(view)
    found = matches_for_story(store, [texts[i] for i in wanted], limit)
    return [Suggestion(i, texts[i], matches) for i, matches in zip(wanted, found, strict=True)]


def search(store: Store, phrase: str, limit: int = 20) -> list[MemoryEntry]:
    """A concordance: remembered pairs whose French or English contains the phrase."""
    take_in(store)
    return concordance(phrase, store.memory_containing(phrase), limit)
