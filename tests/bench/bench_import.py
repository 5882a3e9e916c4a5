"""Import 10,000 generated NewsML-G2 items through the tracker against the floor, measured in the same run.

The floor is what any importer of these files must do: parse each file with lxml (nothing else), then insert the
same paragraphs with the raw driver, as many items a transaction as the tracker's import stores per transaction.
Rounds interleave the tracker and the floor (order alternating), and the figures printed are medians: on a busy
machine a ratio measured side by side travels, an absolute time does not.

    python tests/bench/bench_import.py [--items 10000] [--versions 5] [--rounds 3] [--pg postgresql+psycopg://HOST/DB]

With `--pg`, each round also imports into a fresh schema on that PostgreSQL server, against the same parse plus
raw psycopg (executemany INSERTs, and COPY) in a scratch schema.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

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
Round = dict[str, float]
LAST_CPU = [0.0]  # CPU seconds of this process in the last measure (the client's alone, for PostgreSQL)


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
    started, cpu = time.perf_counter(), time.process_time()
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
    LAST_CPU[0] = time.process_time() - cpu
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
        started, cpu = time.perf_counter(), time.process_time()
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
        LAST_CPU[0] = time.process_time() - cpu
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.commit()
    return elapsed


def lxml_parse(files: list[Path]) -> float:
    """Seconds to read every file and parse it with lxml, doing nothing with the tree (the floor's parse)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    started, cpu = time.perf_counter(), time.process_time()
    for file in files:
        etree.fromstring(file.read_bytes(), parser)
    LAST_CPU[0] = time.process_time() - cpu
    return time.perf_counter() - started


def tracker_import(url: str, folder: Path) -> tuple[float, float]:
    """Seconds the tracker takes to import the folder into `url`: in all, and storing (after reading) alone."""
    PHASE_ENDS.clear()
    with open_store(url) as store:
        started, cpu = time.perf_counter(), time.process_time()
        results = import_paths(store, [folder], by="bench", at=datetime.now(UTC), progress=progress_bar)
        total = time.perf_counter() - started
        LAST_CPU[0] = time.process_time() - cpu
    assert all(r.outcome == "imported" for r in results), "every generated item is new"
    return total, PHASE_ENDS["store"] - PHASE_ENDS["read"]


def tracker_pg(url: str, folder: Path) -> tuple[float, float]:
    """tracker_import into a fresh schema of `url`, dropped afterwards."""
    import uuid
    from urllib.parse import quote

    import psycopg

    schema = f"bench_tracker_{uuid.uuid4().hex[:10]}"
    plain = url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in url else "?"
        return tracker_import(f"{url}{sep}options={quote(f'-csearch_path={schema}')}", folder)
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def one_round(n: int, args: argparse.Namespace, folder: Path, raw_items: list[tuple[str, int, list[str]]]) -> Round:
    """Each measure once, in an order that alternates between rounds (so neither side always runs first)."""
    files = sorted(folder.iterdir())
    tmp = folder.parent
    measures: dict[str, Callable[[], float | tuple[float, float]]] = {
        "parse": lambda: lxml_parse(files),
        "sqlite": lambda: raw_sqlite(tmp / f"raw-{n}.db", raw_items, BATCH),
        "tracker": lambda: tracker_import(f"sqlite:///{tmp / f'tracker-{n}.db'}", folder),
    }
    if args.pg:
        measures |= {
            "pg_insert": lambda: raw_psycopg(args.pg, raw_items, BATCH, copy=False),
            "pg_copy": lambda: raw_psycopg(args.pg, raw_items, BATCH, copy=True),
            "tracker_pg": lambda: tracker_pg(args.pg, folder),
        }
    names = list(measures) if n % 2 == 0 else list(reversed(measures))
    found: Round = {}
    for name in names:
        value = measures[name]()
        found[f"{name}_cpu"] = LAST_CPU[0]
        if isinstance(value, tuple):
            found[name], found[f"{name}_store"] = value
        else:
            found[name] = value
    return found


def median_of(rounds: list[Round], key: Callable[[Round], float]) -> float:
    return statistics.median(key(r) for r in rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--versions", type=int, default=5, help="versions per story (items / versions stories)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are printed")
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
        documents = [load(f.read_bytes(), str(f))[0] for f in files]  # the paragraphs the floor inserts
        paragraphs = sum(len(d.paragraphs) for d in documents)
        raw_items = [
            (f"story-{i // args.versions}", i % args.versions + 1, list(d.texts)) for i, d in enumerate(documents)
        ]
        rounds = [one_round(n, args, folder, raw_items) for n in range(args.rounds)]

    def med(key: Callable[[Round], float]) -> float:
        return median_of(rounds, key)

    def show(label: str, text: str) -> None:
        print(f"{label + ':':<40}{text}")

    tracker = med(lambda r: r["tracker"])
    print(f"items: {args.items}, paragraphs: {paragraphs}; {args.rounds} interleaved rounds, medians")
    show("floor, lxml parse alone", f"{med(lambda r: r['parse']):.2f} s")
    show(f"floor, raw sqlite3, {BATCH} items a commit", f"{med(lambda r: r['sqlite']):.2f} s")
    show("tracker import into SQLite", f"{tracker:.2f} s = {args.items / tracker:.0f} items/s")
    show("  of which storing", f"{med(lambda r: r['tracker_store']):.2f} s")
    show("ratio tracker / (parse + raw sqlite3)", f"{med(lambda r: r['tracker'] / (r['parse'] + r['sqlite'])):.2f}x")
    show("ratio storing / raw sqlite3", f"{med(lambda r: r['tracker_store'] / r['sqlite']):.2f}x")
    cpu = med(lambda r: r["tracker_cpu"] / (r["parse_cpu"] + r["sqlite_cpu"]))
    show("  the same in CPU seconds", f"{cpu:.2f}x (all of it in this process)")
    if args.pg:
        show(
            "floor, raw psycopg INSERT / COPY",
            f"{med(lambda r: r['pg_insert']):.2f} s / {med(lambda r: r['pg_copy']):.2f} s",
        )
        show("tracker import into PostgreSQL", f"{med(lambda r: r['tracker_pg']):.2f} s")
        show("  of which storing", f"{med(lambda r: r['tracker_pg_store']):.2f} s")
        insert = med(lambda r: r["tracker_pg"] / (r["parse"] + r["pg_insert"]))
        copy = med(lambda r: r["tracker_pg"] / (r["parse"] + r["pg_copy"]))
        show("ratio tracker / (parse + raw INSERT)", f"{insert:.2f}x; / (parse + raw COPY) {copy:.2f}x")
        insert = med(lambda r: r["tracker_pg_store"] / r["pg_insert"])  # wall: the server works in its own process
        copy = med(lambda r: r["tracker_pg_store"] / r["pg_copy"])
        show("ratio storing / raw INSERT", f"{insert:.2f}x; / raw COPY {copy:.2f}x")
    show("load average after the run", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
