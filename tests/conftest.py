"""Shared fixtures: stores on a real SQLite file and on the real PostgreSQL server, each test in a fresh database.

PostgreSQL tests run in their own schema (search_path set through the connection options), dropped afterwards,
so concurrent runs never collide. When the server is unreachable they skip with the reason, unless
TRACKER_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from tracker.storage import Store

PG_URL = os.environ.get("TRACKER_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_pg_problem: list[str] = []  # filled once: "" when reachable, else why not


def _pg_unreachable() -> str:
    """Why the test server cannot be used ("" when it can); asked once per run."""
    if not _pg_problem:
        import psycopg

        try:
            with psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3) as conn:
                conn.execute("SELECT 1")
            _pg_problem.append("")
        except Exception as exc:  # any failure to reach the server is a reason to skip, reported as such
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            _pg_problem.append(f"PostgreSQL at {PG_URL} unreachable: {first}")
    return _pg_problem[0]


def _require_pg() -> None:
    problem = _pg_unreachable()
    if problem:
        if os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1":
            pytest.fail(problem + " (TRACKER_REQUIRE_POSTGRES=1)")
        pytest.skip(problem)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file database."""
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty schema on the PostgreSQL test server, as a URL whose search_path selects it."""
    _require_pg()
    import psycopg

    schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    plain = PG_URL.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL, once on a SQLite file and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, empty, upgraded Store, once on SQLite and once on PostgreSQL."""
    from tracker.storage import open_store

    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def memory_store() -> Iterator[Store]:
    """An in-memory SQLite Store (shared across threads): the fastest, for tests that need no second process."""
    from tracker.storage import open_store

    with open_store("sqlite://") as opened:
        yield opened


@pytest.fixture
def sample_store(store: Store) -> Store:
    """The `store` fixture (SQLite and PostgreSQL) holding the sample story `sochi-summit`: FR r1-3, EN r1-2."""
    from tracker.services.seed import seed_sample

    assert seed_sample(store)
    return store
