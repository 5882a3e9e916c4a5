"""The translation memory's rows: remembered pairs in, candidates out through the backend's search index.

Not facts: entries are derived from stories' links (or imported from TMX) and can be rebuilt; nothing here is
audited. Candidates are a short list the core scores (`tracker.memory.best`): exact by the folded French's hash,
fuzzy by one plan over FTS5 (SQLite) or the word index (PostgreSQL), in `memory_search`; pg_trgm or a bounded
scan for a PostgreSQL schema opened without upgrading to the word index.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, func, or_, select, text

from tracker.memory import MemoryEntry, accent_pattern, folded, search_terms
from tracker.model import text_hash
from tracker.storage.base import StoreBase, _dialect_insert, from_db_time, to_db_time
from tracker.storage.memory_index import FTS, has_words, list_words, trigram_schema
from tracker.storage.memory_search import candidates
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
        """SQLite: per word, how many entries hold it (up to RARE), while this store has not changed the memory;
        another process's additions make a count stale, which may change which words are read first (PostgreSQL
        reads the counts its triggers keep, in one query a story)."""
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
            # PostgreSQL counts what its insert returned: a count of the table before and after took in what
            # other desks committed meanwhile (and read a million rows twice in a large memory)
            words = has_words(conn)
            before = 0 if words else self._memory_count(conn)
            stored: Sequence[Any] = ()
            if values:  # one statement, executed for many rows: compiled once
                statement = _dialect_insert(conn, MEMORY_ENTRY)
                statement = statement.on_conflict_do_nothing(index_elements=["fr_key", "en_hash", "origin"])
                if words:  # the entries this statement stored, and only those, go in the word index
                    stored = conn.execute(statement.returning(MEMORY_ENTRY.c.id, MEMORY_ENTRY.c.fr_text), values).all()
                    list_words(conn, [(w, int(i)) for i, fr in stored for w in search_terms(str(fr), 64)])
                else:
                    conn.execute(statement, values)
            for slug, en_rev in sources:
                row = {"story_id": self._story_id(conn, slug), "en_rev": en_rev}
                insert = _dialect_insert(conn, MEMORY_SOURCE).values(row)
                conn.execute(insert.on_conflict_do_nothing(index_elements=["story_id", "en_rev"]))
            return len(stored) if words else self._memory_count(conn) - before

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
        """Entries worth scoring against the French paragraph `fr`: its exact ones, then the closest by the index."""
        return self.memory_candidates_many([fr], limit)[0]

    def memory_candidates_many(self, texts: Sequence[str], limit: int = 50) -> list[list[MemoryEntry]]:
        """`memory_candidates` for each paragraph of `texts` (a story's), in a few queries for them all."""
        with self._read() as conn:
            if conn.dialect.name == "sqlite" or has_words(conn):
                found = candidates(
                    conn, texts, _COLUMNS, limit, self._word_counts if conn.dialect.name == "sqlite" else None
                )
                return [[_entry(r) for r in rows] for rows in found]
            return [self._scanned(conn, fr, limit) for fr in texts]

    def _scanned(self, conn: Connection, fr: str, limit: int) -> list[MemoryEntry]:
        """PostgreSQL before schema 0011 (opened without upgrading): exact entries, then pg_trgm's or a scan's."""
        exact = conn.execute(select(*_COLUMNS).where(MEMORY_ENTRY.c.fr_key == fr_key(fr)).limit(limit)).all()
        return [_entry(r) for r in exact] + [_entry(r) for r in self._fuzzy(conn, fr, limit)]

    def _fuzzy(self, conn: Connection, fr: str, limit: int) -> Sequence[Sequence[Any]]:
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
