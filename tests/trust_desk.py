"""A real team desk on the PostgreSQL test server for the trust tests: one login role per person, made for the test
(unique names) and dropped after it, granted with `tracker db grant` by the schema's owner."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from tracker.services.approvals import grant
from tracker.services.seed import seed_sample
from tracker.storage import Store, open_store

DESK_ROLES = ("admin", "editor", "translator")


@dataclass(frozen=True)
class TeamDesk:
    """The schema's URL as its owner, and each person's role name (admin, editor, translator, stranger)."""

    owner_url: str
    names: dict[str, str]

    @property
    def schema(self) -> str:
        return self.owner_url.rsplit("search_path%3D", 1)[1]

    def url(self, who: str) -> str:
        """The URL connecting as `who` (a key of names) to the same schema."""
        head, tail = self.owner_url.split("@", 1)
        return f"{head.rsplit('//', 1)[0]}//{self.names[who]}@{tail}"

    def store(self, who: str) -> Store:
        return open_store(self.url(who))

    def connect(self, who: str) -> psycopg.Connection[Any]:
        """A plain driver connection as `who`, outside the tracker (what an insider with psql has)."""
        from urllib.parse import unquote

        url = self.url(who).replace("+psycopg", "")
        base, _, query = url.partition("?")
        options = unquote(query.removeprefix("options="))
        return psycopg.connect(base, options=options, autocommit=True)


def _plain(url: str) -> str:
    return url.replace("+psycopg", "").split("?", 1)[0]


@pytest.fixture
def team(pg_url: str) -> Iterator[TeamDesk]:
    """The sample story on a desk of four people: admin, editor and translator granted, a stranger not."""
    tag = uuid.uuid4().hex[:8]
    names = {who: f"trust_{who}_{tag}" for who in (*DESK_ROLES, "stranger")}
    with psycopg.connect(_plain(pg_url), autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'CREATE ROLE "{name}" LOGIN')
    try:
        with open_store(pg_url) as owner:
            seed_sample(owner)
            for who in DESK_ROLES:
                grant(owner, names[who], who, by="owner", at=datetime.now(UTC))
        yield TeamDesk(pg_url, names)
    finally:
        with psycopg.connect(_plain(pg_url), autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP OWNED BY "{name}"')
                conn.execute(f'DROP ROLE "{name}"')
