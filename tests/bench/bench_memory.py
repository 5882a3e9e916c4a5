"""Translation-memory benchmark: matches for one paragraph and for a 40-paragraph story in a memory of N pairs,
on SQLite (FTS5) and, given --pg URL, PostgreSQL (pg_trgm); then how often a later version's paragraphs find an
exact or >= 75 % match when the earlier version is remembered (the dev set's real write-throughs, if present).

The floor printed beside each figure is rapidfuzz scoring the same candidates with nothing else (the part no
index can avoid). Goals on this machine: one paragraph <= 50 ms, a story <= 500 ms at 1,000,000 pairs.

    python tests/bench/bench_memory.py [--pairs 1000000] [--pg postgresql+psycopg://...] [--pg-pairs 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.memory import NEAR, MemoryEntry, best  # noqa: E402

SYLLABLES = [c + v for c in "bdflmnprstv" for v in "aeiou"]


def vocabulary(n: int, rng: random.Random) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def paragraph(words: list[str], rng: random.Random) -> str:
    chosen = [words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] for _ in range(rng.randint(25, 45))]
    return " ".join(chosen).capitalize() + f", {rng.randint(2, 9999)} morts."


def fill(store: object, n: int, rng: random.Random, words: list[str]) -> tuple[float, list[str]]:
    """Store n pairs; returns seconds taken and a sample of the French stored."""
    from tracker.storage import Store

    assert isinstance(store, Store)
    kept: list[str] = []
    start = time.perf_counter()
    for first in range(0, n, 20_000):
        batch = [paragraph(words, rng) for _ in range(min(20_000, n - first))]
        kept += batch[:50]
        store.add_memory(MemoryEntry(fr, f"EN {i}", "bench") for i, fr in enumerate(batch, first))
    return time.perf_counter() - start, kept


def nearby(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(2):
        words[rng.randrange(len(words))] = "zorglub"
    return " ".join(words)


def timed_queries(store: object, queries: list[str]) -> tuple[float, float, float]:
    """(median ms per paragraph, ms for the first 40 as a story, median floor ms: scoring the candidates alone)."""
    from tracker.services.memory import matches_for
    from tracker.storage import Store

    assert isinstance(store, Store)
    per, floors = [], []
    for q in queries:
        start = time.perf_counter()
        matches_for(store, q)
        per.append((time.perf_counter() - start) * 1000)
        candidates = store.memory_candidates(q)
        start = time.perf_counter()
        best(q, candidates)
        floors.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    for q in queries[:40]:
        matches_for(store, q)
    return statistics.median(per), (time.perf_counter() - start) * 1000, statistics.median(floors)


def run(url: str, n: int, label: str) -> None:
    from tracker.storage import open_store

    rng = random.Random(7)
    words = vocabulary(20_000, rng)
    with open_store(url) as store:
        seconds, kept = fill(store, n, rng, words)
        print(f"{label}: {n} pairs stored in {seconds:.1f} s ({n / seconds:,.0f}/s)")
        queries = [nearby(t, rng) for t in kept[:30]] + [paragraph(words, rng) for _ in range(30)]
        rng.shuffle(queries)
        one, story, floor = timed_queries(store, queries)
        hits = sum(1 for q in queries[:60] if any(m.score >= NEAR for m in best(q, store.memory_candidates(q))))
    print(f"{label}: one paragraph {one:.1f} ms (floor, scoring alone: {floor:.2f} ms, {one / max(floor, 1e-3):.0f}x)")
    print(f"{label}: a 40-paragraph story {story:.0f} ms; {hits} of 60 queries (30 near copies) matched >= {NEAR} %")


def write_throughs() -> None:
    """On the dev set's real revision pairs: remember v1, ask for each v2 paragraph."""
    folder = ROOT.parent / "shared" / "eval" / "revisions"
    if not folder.is_dir():
        print("dev set not found: write-through match rates skipped")
        return
    exact = near = total = 0
    for case in sorted(folder.glob("*.json")):
        data = json.loads(case.read_text("utf-8"))
        remembered = [MemoryEntry(p, f"EN {i}", "dev") for i, p in enumerate(data["v1"])]
        for p in data["v2"]:
            total += 1
            found = best(p, remembered, limit=1)
            if found and found[0].kind == "exact":
                exact += 1
            elif found and found[0].score >= NEAR:
                near += 1
    print(f"dev write-throughs: of {total} later paragraphs, {exact} exact and {near} near (>= {NEAR} %) matches")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--pg", default="")
    parser.add_argument("--pg-pairs", type=int, default=200_000)
    args = parser.parse_args()
    write_throughs()
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'memory.db'}", args.pairs, "SQLite")
    if args.pg:
        run(args.pg, args.pg_pairs, "PostgreSQL")


if __name__ == "__main__":
    main()
