"""What the database's trust rules cost on PostgreSQL: a desk member imports revisions and acknowledges paragraphs
in a schema with the triggers of migration 0003, and in one where they were dropped, in the same run.

    python tests/bench/bench_trust.py [--revisions 40] [--paragraphs 200] [--url postgresql+psycopg://postgres@127.0.0.1/test]

Prints seconds for each schema and the ratio with triggers / without, then the cost of `tracker audit --verify`
(chain and fact rows) against reading the audit log alone.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.audit import verify  # noqa: E402
from tracker.model import Document, Paragraph  # noqa: E402
from tracker.services.approvals import grant  # noqa: E402
from tracker.services.status import acknowledge  # noqa: E402
from tracker.storage import open_store  # noqa: E402

_TRIGGERS = ("tracker_append_only", "tracker_stamp", "tracker_admins")


def _url(base: str, schema: str, role: str | None = None) -> str:
    url = base if role is None else base.replace("postgres@", f"{role}@")
    return f"{url}?options={quote(f'-csearch_path={schema}')}"


def _work(url: str, revisions: int, paragraphs: int, who: str) -> float:
    with open_store(url) as store:
        start = time.perf_counter()
        for n in range(revisions):
            texts = [f"Paragraphe {i} de la version {n}, avec 1.500 mots." for i in range(paragraphs)]
            doc = Document(tuple(Paragraph(i, t) for i, t in enumerate(texts)))
            store.add_revision("bench", "fr", doc, by=who, at=datetime.now(UTC))
            acknowledge(store, "bench", 0, "no-change", "ok", by=who, at=datetime.now(UTC))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--revisions", type=int, default=40)
    parser.add_argument("--paragraphs", type=int, default=200)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    plain = args.url.replace("+psycopg", "")
    tag = uuid.uuid4().hex[:8]
    role, schemas = f"bench_{tag}", {"with": f"bt_with_{tag}", "without": f"bt_without_{tag}"}
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        for schema in schemas.values():
            conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        for kind, schema in schemas.items():
            with open_store(_url(args.url, schema)) as owner:
                grant(owner, role, "editor", by="owner", at=datetime.now(UTC))
                if kind == "without":
                    with owner.engine.begin() as conn:
                        query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                        tables = [r[0] for r in conn.exec_driver_sql(query)]
                        for table in tables:
                            for trigger in _TRIGGERS:
                                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        seconds = {k: _work(_url(args.url, s, role), args.revisions, args.paragraphs, role) for k, s in schemas.items()}
        print(f"{args.revisions} revisions of {args.paragraphs} paragraphs + one acknowledgement each, as a desk role:")
        for kind, value in seconds.items():
            print(f"  {kind + ' triggers:':<18} {value:6.2f} s")
        print(f"  ratio with / without: {seconds['with'] / seconds['without']:.2f}x")
        with open_store(_url(args.url, schemas["with"], role)) as store:
            start = time.perf_counter()
            entries = store.audit()
            read = time.perf_counter() - start
            start = time.perf_counter()
            problems = [*verify(entries), *store.fact_problems(entries)]
            checked = time.perf_counter() - start
        print(f"audit --verify of {len(entries)} entries: {checked:.3f} s, {checked / read:.1f}x reading the log "
              f"({'intact' if not problems else problems[:2]})")  # fmt: skip
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            for schema in schemas.values():
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


if __name__ == "__main__":
    main()
