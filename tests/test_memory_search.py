"""The memory's candidates by one plan on both databases: the same memory offers the same matches on SQLite and
PostgreSQL, a story's paragraphs looked up together match as one at a time, and PostgreSQL's word counts follow
every insert, delete and truncation of the word index."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import text

from tracker.memory import MemoryEntry
from tracker.services.memory import matches_for, matches_for_story
from tracker.storage import Store, memory_search, open_store

COMMON = "le gouvernement annonce mardi une nouvelle mesure pour les habitants de la région"
RARE_WORDS = ["élection", "Sotchi", "Erevan", "frontière", "ministère", "accord", "Bakou", "sommet", "défaite"]


def _memory(count: int) -> list[MemoryEntry]:
    """A memory where the common words are in more entries than RARE (the path where every word is common) and
    rare words in hundreds (shortlists longer than they keep), accents included: which entries each database
    keeps then decides the matches."""
    rng = random.Random(3)
    entries = []
    for k in range(count):
        extra = " ".join(f"{rng.choice(RARE_WORDS)}{rng.randrange(40)}" for _ in range(rng.randint(1, 4)))
        entries.append(MemoryEntry(f"{COMMON} {extra} numéro{k % 700} à {rng.choice(RARE_WORDS)}", f"EN {k}", "t"))
    return entries


def _queries(entries: list[MemoryEntry]) -> list[str]:
    rng = random.Random(5)
    near = [e.fr.replace("mardi", "mercredi") for e in rng.sample(entries, 15)]
    exact = [e.fr for e in rng.sample(entries, 5)]
    loose = [f"{COMMON} {rng.choice(RARE_WORDS)}{rng.randrange(40)} ÉLECTION{rng.randrange(40)}" for _ in range(10)]
    return near + exact + loose + [COMMON, "rien de commun ici", "Sotchi"]


def _found(store: Store, queries: list[str]) -> list[list[tuple[str, int, str]]]:
    one = [[(m.entry.en, m.score, m.kind) for m in matches_for(store, q)] for q in queries]
    together = [[(m.entry.en, m.score, m.kind) for m in ms] for ms in matches_for_story(store, queries)]
    assert together == one, "a story's paragraphs looked up together matched otherwise than one at a time"
    return one


@pytest.mark.postgres
def test_the_same_memory_offers_the_same_matches_on_sqlite_and_postgresql(tmp_path: Path, pg_url: str) -> None:
    entries = _memory(memory_search.RARE + 600)
    queries = _queries(entries)
    found = []
    for url in (f"sqlite:///{tmp_path / 'tm.db'}", pg_url):
        with open_store(url) as store:
            store.add_memory(entries)
            found.append(_found(store, queries))
    on_sqlite, on_pg = found
    assert sum(1 for f in on_sqlite if f) >= 25  # the queries do find matches
    assert [i for i, (a, b) in enumerate(zip(on_sqlite, on_pg, strict=True)) if a != b] == []


def test_a_story_looked_up_at_once_matches_as_its_paragraphs_one_at_a_time(store: Store) -> None:
    entries = _memory(400)
    store.add_memory(entries)
    assert any(_found(store, _queries(entries)))


def _counts(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """PostgreSQL's kept word counts (non-zero), and the word index counted afresh."""
    with store.engine.connect() as conn:
        kept = dict(conn.execute(text("SELECT word, entries FROM memory_word_count WHERE entries > 0")).all())
        fresh = dict(conn.execute(text("SELECT word, count(*) FROM memory_word GROUP BY word")).all())
    return kept, fresh


@pytest.mark.postgres
def test_postgresql_word_counts_follow_inserts_deletes_and_truncation(pg_url: str) -> None:
    with open_store(pg_url) as store:
        store.add_memory(_memory(300))
        store.add_memory(_memory(350))  # 300 already remembered: only the 50 new ones counted
        kept, fresh = _counts(store)
        assert kept == fresh and kept["gouvernement"] == 350
        with store.engine.begin() as conn:  # the word index's rows go by cascade
            gone = conn.execute(text("DELETE FROM memory_entry WHERE id % 7 = 0")).rowcount
        kept, fresh = _counts(store)
        assert gone > 0 and kept == fresh and kept["gouvernement"] == 350 - gone
        with store.engine.begin() as conn:
            conn.execute(text("TRUNCATE memory_entry CASCADE"))
        assert _counts(store) == ({}, {})
        store.add_memory(_memory(10))
        kept, fresh = _counts(store)
        assert kept == fresh and kept["gouvernement"] == 10


@pytest.mark.postgres
def test_postgresql_word_counts_stay_right_when_two_desks_take_in_at_once(pg_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    batches = [[MemoryEntry(e.fr, f"{e.en} desk {d}", e.origin) for e in _memory(200)] for d in range(4)]

    def take_in(batch: list[MemoryEntry]) -> int:
        with open_store(pg_url) as store:
            return store.add_memory(batch)

    with open_store(pg_url):  # upgraded once, before the writers race
        pass
    with ThreadPoolExecutor(4) as pool:  # the same words in every batch: the writers queue on the same count rows
        assert list(pool.map(take_in, batches)) == [200] * 4
    with open_store(pg_url) as store:
        kept, fresh = _counts(store)
    assert kept == fresh and kept["gouvernement"] == 800
