"""The schema is Alembic's: a database upgraded from empty matches the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from tracker.storage import open_store, schema_status
from tracker.storage.engine import make_engine, resolve_url
from tracker.storage.migrate import HEAD, alembic_config
from tracker.storage.tables import METADATA

ROOT = Path(__file__).resolve().parents[1]


def _modelled(name: str | None, kind: str, parents: object) -> bool:
    from tracker.storage.memory_index import not_modelled

    return not not_modelled(name)


def test_the_known_head_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_database_upgraded_from_empty_matches_the_models(db_url: str) -> None:
    assert schema_status(db_url) == (None, HEAD)
    with open_store(db_url) as store, store.engine.connect() as conn:
        opts = {"compare_type": True, "compare_server_default": True, "include_name": _modelled}
        context = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(context, METADATA) == []
    assert schema_status(db_url) == (HEAD, HEAD)


def test_the_migrations_go_down_to_empty_and_up_again(db_url: str) -> None:
    engine = make_engine(resolve_url(db_url))
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}, "a downgrade left tables behind"
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= set(METADATA.tables)
    finally:
        engine.dispose()


def test_the_alembic_command_line_is_configured_from_pyproject(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    alembic = [sys.executable, "-m", "alembic", "-x", f"url={url}"]
    subprocess.run([*alembic, "upgrade", "head"], cwd=ROOT, check=True, capture_output=True)
    checked = subprocess.run([*alembic, "check"], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert schema_status(url)[0] == HEAD


def test_a_database_made_by_the_first_release_opens_with_its_facts_and_a_summary_cache(db_url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import DateTime, bindparam, text

    from tracker.model import Paragraph, content_hash
    from tracker.services.qa_config import load_qa_config
    from tracker.services.summaries import derivation_key, summaries

    engine = make_engine(resolve_url(db_url))
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0001")
    finally:
        engine.dispose()
    assert schema_status(db_url) == ("0001", HEAD)
    now, paragraph = datetime.now(UTC), Paragraph(0, "Un fait.")
    with engine.begin() as conn:  # what the first release wrote (its audit entries had no facts column)
        # typed, so SQLAlchemy writes the time as the tracker does (sqlite3's own datetime adapter is deprecated)
        at = bindparam("at", type_=DateTime(timezone=True))
        story = text("INSERT INTO story (id, slug, title, created_at) VALUES (1, 'kept', '', :at)").bindparams(at)
        conn.execute(story, {"at": now})
        conn.execute(
            text(
                "INSERT INTO revision (id, story_id, lang, number, created_at, author, origin, content_hash, status, "
                "meta) VALUES (1, 1, 'fr', 1, :at, 't', '', :h, 'usable', '[]')"
            ).bindparams(at),
            {"at": now, "h": content_hash((paragraph.hash,))},
        )
        conn.execute(
            text("INSERT INTO paragraph VALUES (1, 0, :t, :h, 0, 0, 'body')"),
            {"t": paragraph.text, "h": paragraph.hash},
        )
    engine.dispose()
    with open_store(db_url) as store:  # upgrades on open
        assert schema_status(db_url) == (HEAD, HEAD)
        assert [s.slug for s in summaries(store)] == ["kept"]
        assert set(store.cached_summaries(derivation_key(load_qa_config()))) == {"kept"}


def test_a_memory_stored_before_the_word_index_is_listed_by_it(pg_url: str) -> None:
    from tracker.memory import MemoryEntry
    from tracker.services.memory import matches_for

    engine = make_engine(resolve_url(pg_url))
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0010")
        from tracker.storage.store import Store

        old = Store(engine, resolve_url(pg_url))  # the schema as 0010 left it: no word index yet
        old.add_memory([MemoryEntry(f"Le ministre a annoncé mardi la mesure numéro{k} à Sotchi.", f"EN {k}", "t")
                        for k in range(50)])  # fmt: skip
    finally:
        engine.dispose()
    with open_store(pg_url) as store:  # upgrades: 0011 lists the stored entries under their words
        (first, *_) = matches_for(store, "Le ministre a annoncé mercredi la mesure numéro17 à Sotchi.")
        assert first.entry.en == "EN 17"


def test_a_memory_listed_before_the_word_counts_is_counted_on_upgrade(pg_url: str) -> None:
    from sqlalchemy import text

    from tracker.memory import MemoryEntry
    from tracker.services.memory import matches_for

    engine = make_engine(resolve_url(pg_url))
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0011")
        from tracker.storage.store import Store

        old = Store(engine, resolve_url(pg_url))  # the schema as 0011 left it: words listed, not counted
        old.add_memory([MemoryEntry(f"Le ministre a annoncé mardi la mesure numéro{k} à Sotchi.", f"EN {k}", "t")
                        for k in range(50)])  # fmt: skip
        assert matches_for(old, "Le ministre a annoncé mercredi la mesure numéro17 à Sotchi.")[0].entry.en == "EN 17"
    finally:
        engine.dispose()
    with open_store(pg_url) as store, store.engine.connect() as conn:  # upgrades: 0012 counts the listed words
        counts = dict(conn.execute(text("SELECT word, entries FROM memory_word_count")).all())
        assert counts["ministre"] == 50 and counts["numero17"] == 1
        (first, *_) = matches_for(store, "Le ministre a annoncé mercredi la mesure numéro17 à Sotchi.")
        assert first.entry.en == "EN 17"
