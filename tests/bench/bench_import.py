"""Import 10,000 generated NewsML-G2 items into a SQLite file through the tracker, with a progress bar on stderr.

Prints the rate, the time spent parsing and storing, and the ratio against inserting the same paragraphs with
raw sqlite3 (same pragmas) measured in the same run: one transaction per item, and one per batch of as many
items as the tracker's import stores per transaction (the fair baseline for its batches).

    python tests/bench/bench_import.py [--items 10000] [--versions 5] [--pg postgresql+psycopg://HOST/DB]

With `--pg`, the same import also goes into a fresh schema on that PostgreSQL server, against raw psycopg in
the same run (executemany INSERTs, and COPY, one transaction per batch).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sources.detect import load  # noqa: E402
from tracker.services.formats import BATCH, import_paths  # noqa: E402
from tracker.storage import open_store  # noqa: E402

WORDS = [
    *("le", "la", "les", "un", "une", "des", "du", "de", "sommet", "accord", "président", "ministre", "Erevan"),
    *("Bakou", "Moscou", "lundi", "mardi", "force", "déclaration", "conflit", "frontière", "sécurité", "paix"),
    *("texte", "selon", "a", "été", "ont", "sont", "pour", "avec", "dans", "sur"),
]


def paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(15, 45))]
    return (" ".join(words) + f" {rng.randint(1, 9999)}.").capitalize()


def item(story: int, version: int, rng: random.Random) -> bytes:
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(8, 16)))
    signal = '<signal qcode="sig:update"/>' if version > 1 else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:bench.example:2026:story-{story}"
  version="{version}" standard="NewsML-G2" xml:lang="fr">
 <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-26T{version:02d}:00:00Z</versionCreated>
  <pubStatus qcode="stat:usable"/>{signal}</itemMeta>
 <contentMeta><language tag="fr"/><headline>Dépêche {story} version {version}</headline></contentMeta>
 <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
  <body><body.content>{body}<p>bur-abc/def</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>""".encode()


PHASE_ENDS: dict[str, float] = {}


def progress_bar(phase: str, done: int, total: int) -> None:
    if done == total:
        PHASE_ENDS[phase] = time.perf_counter()
    if done == total or done % 100 == 0:
        filled = int(30 * done / max(total, 1))
        sys.stderr.write(f"\r{phase:<6} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def raw_sqlite(path: Path, items: list[tuple[str, int, list[str]]], batch: int = 1) -> float:
    """Seconds to insert the same paragraphs with raw sqlite3: revision rows and their paragraphs, `batch` items
    per commit."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE revision (id INTEGER PRIMARY KEY, story TEXT, number INTEGER, hash TEXT);"
        "CREATE TABLE paragraph (revision_id INTEGER, idx INTEGER, text TEXT, hash TEXT);"
    )
    started = time.perf_counter()
    for start in range(0, len(items), batch):
        with conn:
            for story, number, texts in items[start : start + batch]:
                hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
                cursor = conn.execute(
                    "INSERT INTO revision (story, number, hash) VALUES (?, ?, ?)",
                    (story, number, hashlib.sha256("\n".join(hashes).encode()).hexdigest()),
                )
                rows = [(cursor.lastrowid, i, t, h) for i, (t, h) in enumerate(zip(texts, hashes, strict=True))]
                conn.executemany("INSERT INTO paragraph VALUES (?, ?, ?, ?)", rows)
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def raw_psycopg(url: str, items: list[tuple[str, int, list[str]]], batch: int, copy: bool) -> float:
    """Seconds to store the same paragraphs with raw psycopg in a scratch schema, `batch` items a transaction."""
    import uuid

    import psycopg

    schema = f"bench_raw_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'SET search_path TO "{schema}"')
        conn.execute("CREATE TABLE revision (id SERIAL PRIMARY KEY, story TEXT, number INTEGER, hash TEXT)")
        conn.execute("CREATE TABLE paragraph (revision_id INTEGER, idx INTEGER, text TEXT, hash TEXT)")
        conn.commit()
        started = time.perf_counter()
        for start in range(0, len(items), batch):
            with conn.transaction(), conn.cursor() as cur:
                rows = []
                for story, number, texts in items[start : start + batch]:
                    hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
                    cur.execute(
                        "INSERT INTO revision (story, number, hash) VALUES (%s, %s, %s) RETURNING id",
                        (story, number, hashlib.sha256("\n".join(hashes).encode()).hexdigest()),
                    )
                    rid = cur.fetchone()[0]  # type: ignore[index]
                    rows += [(rid, i, t, h) for i, (t, h) in enumerate(zip(texts, hashes, strict=True))]
                if copy:
                    with cur.copy("COPY paragraph (revision_id, idx, text, hash) FROM STDIN") as stream:
                        for row in rows:
                            stream.write_row(row)
                else:
                    cur.executemany("INSERT INTO paragraph VALUES (%s, %s, %s, %s)", rows)
        elapsed = time.perf_counter() - started
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.commit()
    return elapsed


def tracker_pg(url: str, folder: Path) -> float:
    """Seconds the tracker spends storing (after reading) an import into a fresh schema of `url`."""
    import uuid
    from urllib.parse import quote

    import psycopg

    schema = f"bench_tracker_{uuid.uuid4().hex[:10]}"
    plain = url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in url else "?"
        with open_store(f"{url}{sep}options={quote(f'-csearch_path={schema}')}") as store:
            import_paths(store, [folder], by="bench", at=datetime.now(UTC), progress=progress_bar)
        return PHASE_ENDS["store"] - PHASE_ENDS["read"]
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--versions", type=int, default=5, help="versions per story (items / versions stories)")
    parser.add_argument("--pg", help="also import into this PostgreSQL server (postgresql+psycopg://...)")
    args = parser.parse_args()
    rng = random.Random(20261126)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "wire"
        folder.mkdir()
        for n in range(args.items):
            story, version = divmod(n, args.versions)
            (folder / f"item-{n:05d}.xml").write_bytes(item(story, version + 1, rng))
        files = sorted(folder.iterdir())
        cpu = time.process_time()
        documents = [load(f.read_bytes(), str(f))[0] for f in files]  # the paragraphs raw sqlite3 inserts below
        parse_cpu = time.process_time() - cpu
        paragraphs = sum(len(d.paragraphs) for d in documents)

        with open_store(f"sqlite:///{Path(tmp) / 'tracker.db'}") as store:
            started, cpu = time.perf_counter(), time.process_time()
            results = import_paths(store, [folder], by="bench", at=datetime.now(UTC), progress=progress_bar)
            tracker_time, tracker_cpu = time.perf_counter() - started, time.process_time() - cpu
            read_time = PHASE_ENDS["read"] - started
            store_time = PHASE_ENDS["store"] - PHASE_ENDS["read"]
        imported = sum(r.outcome == "imported" for r in results)
        raw_items = [
            (f"story-{i // args.versions}", i % args.versions + 1, list(d.texts)) for i, d in enumerate(documents)
        ]
        raw_time = raw_sqlite(Path(tmp) / "raw.db", raw_items)
        raw_batched = raw_sqlite(Path(tmp) / "raw-batched.db", raw_items, BATCH)
        if args.pg:
            pg_store = tracker_pg(args.pg, folder)
            pg_insert = raw_psycopg(args.pg, raw_items, BATCH, copy=False)
            pg_copy = raw_psycopg(args.pg, raw_items, BATCH, copy=True)

    print(f"items: {args.items} ({imported} imported), paragraphs: {paragraphs}")
    print(f"tracker import, total:                 {tracker_time:.1f} s = {args.items / tracker_time:.0f} items/s")
    print(f"  reading + parsing (worker processes): {read_time:.1f} s")
    print(f"  storing through the Store:            {store_time:.1f} s = {args.items / store_time:.0f} items/s")
    print(
        f"  CPU of the importing process:         {tracker_cpu:.1f} s (parsing alone, one process: {parse_cpu:.1f} s)"
    )
    print(f"raw sqlite3, same paragraphs:          {raw_time:.2f} s = {args.items / raw_time:.0f} items/s")
    print(f"ratio tracker import / raw sqlite3:    {tracker_time / raw_time:.1f}x")
    print(f"ratio storing only / raw sqlite3:      {store_time / raw_time:.1f}x")
    batched = f"raw sqlite3, {BATCH} items a transaction:"
    print(f"{batched:<39}{raw_batched:.2f} s = {args.items / raw_batched:.0f} items/s")
    print(f"ratio storing only / raw batched:      {store_time / raw_batched:.1f}x")
    if args.pg:
        print(f"PostgreSQL, storing through the Store: {pg_store:.2f} s = {args.items / pg_store:.0f} items/s")
        print(f"  raw psycopg, {BATCH} items a transaction: INSERT {pg_insert:.2f} s, COPY {pg_copy:.2f} s")
        print(
            f"  ratio storing / raw psycopg INSERT:  {pg_store / pg_insert:.2f}x; / raw COPY {pg_store / pg_copy:.2f}x"
        )
    print(f"load average during the run:           {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
