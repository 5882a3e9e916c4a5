"""The translation memory's search index, which SQLAlchemy cannot model: an FTS5 table kept by triggers on SQLite,
trigram GIN indexes on PostgreSQL (pg_trgm, made trusted since PostgreSQL 13: a database owner can create it).

Where pg_trgm cannot be had, the memory still works, by a slower scan; `trigram_schema` says which it is.
"""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

FTS = "memory_fts"
PG_INDEXES = ("ix_memory_entry_fr_trgm", "ix_memory_entry_en_trgm")
# PostgreSQL: each entry's French words (folded, as `tracker.memory.search_terms` gives them), looked up by word
WORDS = "memory_word"
WORDS_INDEX = "ix_memory_word_word"
# PostgreSQL: per word, how many entries hold it, kept by the word index's statement triggers (schema 0012)
COUNTS = "memory_word_count"
_COUNTING = """
CREATE FUNCTION tracker_memory_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- in word order, so concurrent writers lock the rows they share in the same order (no deadlock)
  INSERT INTO {counts} AS c (word, entries) SELECT word, count(*) FROM added GROUP BY word ORDER BY word
  ON CONFLICT (word) DO UPDATE SET entries = c.entries + excluded.entries;
  RETURN NULL;
END $$;

CREATE FUNCTION tracker_memory_words_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE {counts} AS c SET entries = c.entries - gone.n
  FROM (SELECT word, count(*) AS n FROM removed GROUP BY word) AS gone WHERE c.word = gone.word;
  RETURN NULL;
END $$;

CREATE FUNCTION tracker_memory_words_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM {counts};
  RETURN NULL;
END $$;

CREATE TRIGGER memory_word_added AFTER INSERT ON {words} REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_memory_words_added();
CREATE TRIGGER memory_word_removed AFTER DELETE ON {words} REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_memory_words_removed();
CREATE TRIGGER memory_word_cleared AFTER TRUNCATE ON {words}
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_memory_words_cleared();
"""
_COUNTING_FUNCTIONS = ("tracker_memory_words_added", "tracker_memory_words_removed", "tracker_memory_words_cleared")
_SQLITE = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(fr_text, en_text, content='memory_entry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER memory_entry_fts_insert AFTER INSERT ON memory_entry BEGIN"
    f" INSERT INTO {FTS}(rowid, fr_text, en_text) VALUES (new.id, new.fr_text, new.en_text); END",
    f"CREATE TRIGGER memory_entry_fts_delete AFTER DELETE ON memory_entry BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, fr_text, en_text) VALUES ('delete', old.id, old.fr_text, old.en_text); END",
)


def not_modelled(name: str | None) -> bool:
    """True for the index's own tables and indexes, which a comparison with the models must leave alone."""
    return bool(name) and (str(name).startswith(FTS) or str(name) in (*PG_INDEXES, WORDS, WORDS_INDEX, COUNTS))


def trigram_schema(conn: Connection) -> str | None:
    """The schema pg_trgm lives in (its operators are qualified with it), None where it is not installed."""
    found = conn.execute(text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"))
    value = found.scalar()
    return str(value) if value is not None else None


def _ensure_trigrams(conn: Connection) -> str | None:
    schema = trigram_schema(conn)
    if schema is not None:
        return schema
    public = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")).scalar() is not None
    # a role that may not create it (or a concurrent creator that won) leaves what exists; the upgrade goes on
    with contextlib.suppress(DBAPIError), conn.begin_nested():
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" WITH SCHEMA public" if public else "")))
    return trigram_schema(conn)


def create_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for statement in _SQLITE:
            conn.execute(text(statement))
        return
    schema = _ensure_trigrams(conn)
    if schema is None:
        return
    for name, column in zip(PG_INDEXES, ("fr_text", "en_text"), strict=True):
        conn.execute(text(f'CREATE INDEX {name} ON memory_entry USING gin ({column} "{schema}".gin_trgm_ops)'))


def drop_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER IF EXISTS memory_entry_fts_insert"))
        conn.execute(text("DROP TRIGGER IF EXISTS memory_entry_fts_delete"))
        conn.execute(text(f"DROP TABLE IF EXISTS {FTS}"))
        return
    for name in PG_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


def create_words(conn: Connection) -> None:
    """PostgreSQL's word index of the memory: which entries hold which French word. A trigram search for a whole
    paragraph matches nearly every entry of a large memory (its trigrams are everywhere) and took seconds at
    200,000 pairs; a word's entries are one index range, and the rarest words of a paragraph find its near copies."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {WORDS} (word text NOT NULL,"
            " entry_id integer NOT NULL REFERENCES memory_entry (id) ON DELETE CASCADE)"
        )
    )
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {WORDS_INDEX} ON {WORDS} (word, entry_id)"))


def drop_words(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP TABLE IF EXISTS {WORDS}"))


def has_words(conn: Connection) -> bool:
    """Whether this database keeps the word index (PostgreSQL from schema 0011)."""
    if conn.dialect.name != "postgresql":
        return False
    return conn.execute(text("SELECT to_regclass(:name)"), {"name": WORDS}).scalar() is not None


def create_counts(conn: Connection) -> None:
    """PostgreSQL: per word, how many entries hold it, counted from the word index and kept by its triggers (one
    statement's rows at a time, COPY included): a story's counts are then one query, where counting each word's
    range of the index took a query per word, hundreds a story."""
    if not has_words(conn):
        return
    quote = conn.dialect.identifier_preparer.quote
    schema = quote(str(conn.execute(text("SELECT current_schema()")).scalar_one()))
    counts, words = f"{schema}.{COUNTS}", f"{schema}.{WORDS}"
    conn.execute(text(f"CREATE TABLE {counts} (word text PRIMARY KEY, entries integer NOT NULL)"))
    conn.execute(text(f"INSERT INTO {counts} SELECT word, count(*) FROM {words} GROUP BY word"))
    conn.exec_driver_sql(_COUNTING.format(counts=counts, words=words))


def drop_counts(conn: Connection) -> None:
    if not has_words(conn):
        return
    for trigger in ("memory_word_added", "memory_word_removed", "memory_word_cleared"):
        conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger} ON {WORDS}"))
    for function in _COUNTING_FUNCTIONS:
        conn.execute(text(f"DROP FUNCTION IF EXISTS {function}()"))
    conn.execute(text(f"DROP TABLE IF EXISTS {COUNTS}"))


def has_counts(conn: Connection) -> bool:
    """Whether this database keeps the word counts (PostgreSQL from schema 0012)."""
    if conn.dialect.name != "postgresql":
        return False
    return conn.execute(text("SELECT to_regclass(:name)"), {"name": COUNTS}).scalar() is not None


def list_words(conn: Connection, rows: list[tuple[str, int]]) -> None:
    """PostgreSQL: add (word, entry id) rows to the word index by COPY, in the connection's transaction: tens of
    rows an entry, which INSERTs one by one took minutes to store at 200,000 entries."""
    if not rows:
        return
    driver: Any = conn.connection.driver_connection  # the psycopg connection itself
    with driver.cursor() as cursor, cursor.copy(f"COPY {WORDS} (word, entry_id) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
