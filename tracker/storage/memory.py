"""The translation memory's rows: remembered pairs in, candidates out through the backend's search index.

Not facts: entries are derived from stories' links (or imported from TMX) and can be rebuilt; nothing here is
audited. Candidates are a short list the core scores (`tracker.memory.best`): exact by the folded French's hash,
fuzzy through FTS5 (SQLite) or pg_trgm (PostgreSQL), a bounded scan where neither exists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Integer, func, or_, select, text

from tracker.memory import MemoryEntry, accent_pattern, folded, search_terms
from tracker.model import text_hash
from tracker.storage.base import StoreBase, _dialect_insert, from_db_time, to_db_time
from tracker.storage.memory_index import FTS, WORDS, has_words, list_words, trigram_schema
from tracker.storage.tables import MEMORY_ENTRY, MEMORY_SOURCE, REVISION, STORY

_COLUMNS = (
    MEMORY_ENTRY.c.fr_text,
    MEMORY_ENTRY.c.en_text,
    MEMORY_ENTRY.c.origin,
    MEMORY_ENTRY.c.story,
    MEMORY_ENTRY.c.fr_rev,
    MEMORY_ENTRY.c.en_rev,
    MEMORY_ENTRY.c.author,
    MEMORY_ENTRY.c.at,
    MEMORY_ENTRY.c.approved,
)
SCAN_LIMIT = 20_000  # without an index, the newest entries scanned at most


# FTS5 candidates: a word found in fewer entries than RARE is rare; the rarest words are looked up until their
# entries reach BUDGET; the RERANK best of those by bm25 are ranked by the words they share with the paragraph.
RARE = 2_000
BUDGET = 4_000
RERANK = 1_000
SHORTLIST = 200


def _fts_count(conn: Connection, word: str) -> int:
    """How many entries hold `word`, counted up to RARE only: a common word costs no more than a rare one."""
    inner = select(text("rowid")).select_from(text(FTS)).where(text(f"{FTS} MATCH :q")).limit(RARE).subquery()
    return int(conn.execute(select(func.count()).select_from(inner), {"q": f'fr_text : "{word}"'}).scalar_one())


def _plan(words: Sequence[str], counts: dict[str, int]) -> tuple[list[str], bool, int] | None:
    """Which of a paragraph's words to look its candidates up by: (words, whether an entry must hold them all,
    how many entries to shortlist), or None when no word is in the memory. The rarest words are read until
    their entries reach BUDGET; when every word is common, the entries holding its five rarest at once."""
    ordered = sorted((w for w in words if counts[w]), key=lambda w: counts[w])
    if not ordered:
        return None
    if counts[ordered[0]] >= RARE:
        return ordered[:5], True, RERANK
    picked: list[str] = []
    total = 0
    for word in ordered:
        if picked and (counts[word] >= RARE or total + counts[word] > BUDGET):
            break
        picked.append(word)
        total += counts[word]
    # one word cannot tell its entries apart: all of them (up to RERANK) are re-ranked; of several, a shortlist
    return picked, False, RERANK if len(picked) == 1 else SHORTLIST


def _counted(conn: Connection, words: Sequence[str], known: dict[str, int], count: Any) -> dict[str, int]:
    # a story's paragraphs share most of their words: each is counted once while the memory stays as it is
    if len(known) > 100_000:
        known.clear()
    return {w: known[w] if w in known else known.setdefault(w, count(conn, w)) for w in words}


def _reranked(conn: Connection, ids: Any, words: Sequence[str], limit: int, params: dict[str, Any]) -> list[Any]:
    """The entries `ids` selects, best first by how many of the paragraph's words they share."""
    query = select(MEMORY_ENTRY.c.id, *_COLUMNS).where(MEMORY_ENTRY.c.id.in_(ids))
    rows = list(conn.execute(query, params))
    wanted = set(words)
    shared = {int(r[0]): len(wanted.intersection(folded(str(r[1])).split())) for r in rows}
    rows.sort(key=lambda r: (-shared[int(r[0])], -int(r[0])))
    return [r[1:] for r in rows[:limit]]


def _fts_candidates(conn: Connection, fr: str, limit: int, known: dict[str, int]) -> list[Sequence[Any]]:
    """SQLite: the entries sharing the most words with `fr`, found through its rarest words (FTS5). Ranking
    every entry holding any of its words (bm25 over an OR of them all) reads the postings of its commonest words,
    a whole memory's worth at a million pairs; a near copy shares the rare words too, so only theirs are read."""
    words = search_terms(fr, 64)
    counts = _counted(conn, words, known, _fts_count)
    plan = _plan(words, counts)
    if plan is None:
        return []
    picked, every, shortlist = plan
    match = "fr_text : (" + (" AND " if every else " OR ").join(f'"{w}"' for w in picked) + ")"
    ids = select(text("rowid")).select_from(text(FTS)).where(text(f"{FTS} MATCH :q"))
    # unranked, the index stops at the first entries found; bm25 (over the words read) only when they are many
    rank = not every and sum(counts[w] for w in picked) > shortlist
    ids = (ids.order_by(text("rank")) if rank else ids).limit(shortlist)
    return _reranked(conn, ids.scalar_subquery(), words, limit, {"q": match})


def _word_count(conn: Connection, word: str) -> int:
    """PostgreSQL: how many entries hold `word`, counted up to RARE only (one range of the word index)."""
    query = text(f"SELECT count(*) FROM (SELECT 1 FROM {WORDS} WHERE word = :w LIMIT {RARE}) AS found")
    return int(conn.execute(query, {"w": word}).scalar_one())


def _word_candidates(conn: Connection, fr: str, limit: int, known: dict[str, int]) -> list[Sequence[Any]]:
    """PostgreSQL: as `_fts_candidates`, through the word index; the shortlist is the entries holding the most
    of the words read."""
    words = search_terms(fr, 64)
    plan = _plan(words, _counted(conn, words, known, _word_count))
    if plan is None:
        return []
    picked, every, shortlist = plan
    having = f"HAVING count(*) = {len(picked)} " if every else ""
    ids = text(
        f"SELECT entry_id FROM {WORDS} WHERE word = ANY(:words) GROUP BY entry_id {having}"
        f"ORDER BY count(*) DESC, entry_id DESC LIMIT {shortlist}"
    ).columns(entry_id=Integer)
    return _reranked(conn, ids.scalar_subquery(), words, limit, {"words": picked})


def fr_key(fr: str) -> str:
    """The exact-match key: the hash of the folded French."""
    return hashlib.sha256(folded(fr).encode("utf-8")).hexdigest()


def _entry(row: Sequence[Any]) -> MemoryEntry:
    fr, en, origin, story, fr_rev, en_rev, author, at, approved = row
    return MemoryEntry(
        str(fr),
        str(en),
        str(origin),
        str(story),
        fr_rev if isinstance(fr_rev, int) else None,
        en_rev if isinstance(en_rev, int) else None,
        str(author),
        from_db_time(at) if at is not None else None,
        bool(approved),
    )


def _values(e: MemoryEntry) -> dict[str, object]:
    return {
        "fr_key": fr_key(e.fr),
        "en_hash": text_hash(e.en),
        "fr_text": e.fr,
        "en_text": e.en,
        "origin": e.origin,
        "story": e.story,
        "fr_rev": e.fr_rev,
        "en_rev": e.en_rev,
        "author": e.by,
        "at": to_db_time(e.at) if e.at is not None else None,
        "approved": e.approved,
    }


class MemoryStore(StoreBase):
    """Translation-memory entries and which English revisions they were taken from."""

    @property
    def _word_counts(self) -> dict[str, int]:
        """Per word, how many entries hold it (up to RARE), while this store has not changed the memory; another
        process's additions make a count stale, which changes which words are read first, never what matches."""
        counts: dict[str, int] | None = self.__dict__.get("_tm_word_counts")
        if counts is None:
            counts = self.__dict__["_tm_word_counts"] = {}
        return counts

    def add_memory(self, entries: Iterable[MemoryEntry], sources: Sequence[tuple[str, int]] = ()) -> int:
        """Store entries not yet remembered (same folded French, English and origin) and mark `sources`
        (story, English revision) as taken in, in one transaction; returns how many entries were new."""
        values = [_values(e) for e in entries]
        self._word_counts.clear()
        with self._write() as conn:
            before = self._memory_count(conn)
            if values:  # one statement, executed for many rows: compiled once
                statement = _dialect_insert(conn, MEMORY_ENTRY)
                statement = statement.on_conflict_do_nothing(index_elements=["fr_key", "en_hash", "origin"])
                if has_words(conn):  # the entries this statement stored, and only those, go in the word index
                    stored = conn.execute(statement.returning(MEMORY_ENTRY.c.id, MEMORY_ENTRY.c.fr_text), values)
                    list_words(conn, [(w, int(i)) for i, fr in stored for w in search_terms(str(fr), 64)])
                else:
                    conn.execute(statement, values)
            for slug, en_rev in sources:
                row = {"story_id": self._story_id(conn, slug), "en_rev": en_rev}
                insert = _dialect_insert(conn, MEMORY_SOURCE).values(row)
                conn.execute(insert.on_conflict_do_nothing(index_elements=["story_id", "en_rev"]))
            return self._memory_count(conn) - before

    def _memory_count(self, conn: Connection) -> int:
        return int(conn.execute(select(func.count()).select_from(MEMORY_ENTRY)).scalar() or 0)

    def memory_size(self) -> int:
        with self._read() as conn:
            return self._memory_count(conn)

    def memory_sources(self) -> set[tuple[str, int]]:
        """The (story, English revision) pairs already taken into the memory."""
        query = select(STORY.c.slug, MEMORY_SOURCE.c.en_rev).join(STORY, STORY.c.id == MEMORY_SOURCE.c.story_id)
        with self._read() as conn:
            return {(str(slug), int(rev)) for slug, rev in conn.execute(query)}

    def untaken_english(self) -> dict[str, list[int]]:
        """Per story, the English revision numbers not yet taken into the memory (one query for the whole desk)."""
        taken = (MEMORY_SOURCE.c.story_id == REVISION.c.story_id) & (MEMORY_SOURCE.c.en_rev == REVISION.c.number)
        query = (
            select(STORY.c.slug, REVISION.c.number)
            .join(STORY, STORY.c.id == REVISION.c.story_id)
            .outerjoin(MEMORY_SOURCE, taken)
            .where(REVISION.c.lang == "en", MEMORY_SOURCE.c.en_rev.is_(None))
            .order_by(STORY.c.slug, REVISION.c.number)
        )
        out: dict[str, list[int]] = {}
        with self._read() as conn:
            for slug, number in conn.execute(query):
                out.setdefault(str(slug), []).append(int(number))
        return out

    def memory_candidates(self, fr: str, limit: int = 50) -> list[MemoryEntry]:
        """Entries worth scoring against the French paragraph `fr`: every exact one, then the closest by the index."""
        with self._read() as conn:
            exact = conn.execute(select(*_COLUMNS).where(MEMORY_ENTRY.c.fr_key == fr_key(fr)).limit(limit)).all()
            return [_entry(r) for r in exact] + [_entry(r) for r in self._fuzzy(conn, fr, limit)]

    def _fuzzy(self, conn: Connection, fr: str, limit: int) -> Sequence[Sequence[Any]]:
        if conn.dialect.name == "sqlite":
            return _fts_candidates(conn, fr, limit, self._word_counts)
        if has_words(conn):
            return _word_candidates(conn, fr, limit, self._word_counts)
        schema = trigram_schema(conn)
        if schema is None:
            newest = select(*_COLUMNS).order_by(MEMORY_ENTRY.c.id.desc()).limit(SCAN_LIMIT)
            return conn.execute(newest).all()
        similar = text(f'fr_text OPERATOR("{schema}".%) :q')
        order = text(f'"{schema}".similarity(fr_text, :q) DESC')
        query = select(*_COLUMNS).where(similar).order_by(order).limit(limit)
        return conn.execute(query, {"q": fr}).all()

    def memory_containing(self, phrase: str, limit: int = 200) -> list[MemoryEntry]:
        """Entries whose French or English may contain `phrase` (the core checks exactly), for a concordance."""
        words = folded(phrase).split()
        if not words:
            return []
        with self._read() as conn:
            if conn.dialect.name == "sqlite":
                quoted = '"' + " ".join(w.replace('"', "") for w in words) + '"'
                ids = select(text("rowid")).select_from(text(FTS)).where(text(f"{FTS} MATCH :q")).limit(limit)
                query = select(*_COLUMNS).where(MEMORY_ENTRY.c.id.in_(ids.scalar_subquery()))
                return [_entry(r) for r in conn.execute(query, {"q": quoted})]
            # accents and spacing ignored as the core ignores them (ILIKE ignores case only); the trigram indexes
            # serve case-insensitive regular expressions too
            pattern = accent_pattern(phrase)
            query = select(*_COLUMNS).where(
                or_(
                    MEMORY_ENTRY.c.fr_text.regexp_match(pattern, "i"), MEMORY_ENTRY.c.en_text.regexp_match(pattern, "i")
                )
            )
            return [_entry(r) for r in conn.execute(query.limit(limit))]
