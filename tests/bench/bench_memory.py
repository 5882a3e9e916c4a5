"""Translation-memory benchmark: matches for one paragraph and for a 40-paragraph story in a memory of N pairs,
on SQLite (FTS5) and, given --pg URL, PostgreSQL (its word index), and whether both offer the same matches for
the same memory. How much of a later story the memory answers: `bench_memory_reuse.py`.

The floor printed beside each figure is rapidfuzz scoring the same candidates with nothing else (the part no
index can avoid). Goals on this machine: one paragraph <= 50 ms, a story <= 500 ms at 1,000,000 pairs.

    python tests/bench/bench_memory.py [--pairs 1000000] [--sqlite FILE] [--pg postgresql+psycopg://...]
        [--pg-pairs N] [--pg-copy] [--pg-reuse]

--pg-copy loads PostgreSQL's memory by COPY (minutes at a million: the indexes are built once, afterwards);
--pg-reuse and --sqlite FILE keep a memory of that size between runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.memory import NEAR, MemoryEntry, best  # noqa: E402
from tracker.storage import Store  # noqa: E402

SYLLABLES = [c + v for c in "bdflmnprstv" for v in "aeiou"]


def vocabulary(n: int, rng: random.Random) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def paragraph(words: list[str], rng: random.Random) -> str:
    chosen = [words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] for _ in range(rng.randint(25, 45))]
    return " ".join(chosen).capitalize() + f", {rng.randint(2, 9999)} morts."


def batches(n: int, rng: random.Random, words: list[str], kept: list[str]) -> Iterator[list[MemoryEntry]]:
    """The generated memory, 20,000 pairs at a time; a sample of the French stored goes to `kept`."""
    for first in range(0, n, 20_000):
        texts = [paragraph(words, rng) for _ in range(min(20_000, n - first))]
        kept += texts[:50]
        yield [MemoryEntry(fr, f"EN {i}", "bench") for i, fr in enumerate(texts, first)]


def fill(store: Store, n: int, rng: random.Random, words: list[str], *, copy: bool, reuse: bool) -> list[str]:
    """Store n pairs (by COPY with `copy`; not again with `reuse` when the memory holds them); returns a sample of
    the French stored. The same pairs whichever way, so SQLite's matches and PostgreSQL's can be compared."""
    kept: list[str] = []
    generated = batches(n, rng, words, kept)
    size = store.memory_size()
    if reuse and size == n:
        for _ in generated:  # the generator's draws, so the queries after are the same
            pass
        print(f"{store.display_url}: reusing its {n:,} pairs")
        return kept
    if size:
        raise SystemExit(f"{store.display_url} already holds {size:,} pairs (not {n:,}): give an empty database")
    start = time.perf_counter()
    if copy:
        from memory_bulk import copy_memory

        copy_memory(store, generated)
    else:
        for batch in generated:
            store.add_memory(batch)
    seconds = time.perf_counter() - start
    print(f"{store.display_url}: {n:,} pairs stored in {seconds:.1f} s ({n / seconds:,.0f}/s)", flush=True)
    return kept


def nearby(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(2):
        words[rng.randrange(len(words))] = "zorglub"
    return " ".join(words)


Found = list[tuple[tuple[str, int, str], ...]]


def timed(call: Callable[..., object], *args: object) -> float:
    """Milliseconds `call(*args)` took."""
    start = time.perf_counter()
    call(*args)
    return (time.perf_counter() - start) * 1000


def timed_queries(store: Store, queries: list[str], rounds: int = 3) -> tuple[list[float], Found]:
    """Medians over interleaved rounds, in ms: a paragraph, its floor (scoring its candidates alone); the first 40
    as a story a paragraph at a time, as a story at once (`matches_for_story`), its floor. And what each matched."""
    from tracker.services.memory import matches_for, matches_for_story

    times: list[list[float]] = [[] for _ in range(5)]
    story = queries[:40]
    for _ in range(rounds):
        for q in queries:
            times[0].append(timed(matches_for, store, q))
            times[1].append(timed(best, q, store.memory_candidates(q)))
        times[2].append(timed(lambda: [matches_for(store, q) for q in story]))
        times[3].append(timed(matches_for_story, store, story))
        candidates = store.memory_candidates_many(story)
        times[4].append(timed(lambda c: [best(q, found) for q, found in zip(story, c, strict=True)], candidates))
    matched = [tuple((m.entry.en, m.score, m.kind) for m in matches_for(store, q)) for q in queries]
    together = [tuple((m.entry.en, m.score, m.kind) for m in ms) for ms in matches_for_story(store, story)]
    assert together == matched[:40], "a story's matches differ from its paragraphs' one at a time"
    return [statistics.median(t) for t in times], matched


def run(url: str, n: int, label: str, *, copy: bool = False, reuse: bool = False) -> Found:
    from tracker.storage import open_store

    rng = random.Random(7)
    words = vocabulary(20_000, rng)
    with open_store(url) as store:
        kept = fill(store, n, rng, words, copy=copy, reuse=reuse)
        queries = [nearby(t, rng) for t in kept[:30]] + [paragraph(words, rng) for _ in range(30)]
        rng.shuffle(queries)
        store.memory_candidates(queries[0])  # connections and caches warm, as a running desk has them
        (one, floor, singly, story, story_floor), found = timed_queries(store, queries)
    hits = sum(1 for f in found if any(score >= NEAR for _, score, _ in f))
    print(f"{label} {n:,}: one paragraph {one:.1f} ms (scoring alone {floor:.2f} ms: {one / max(floor, 1e-3):.1f}x)")
    print(
        f"{label} {n:,}: a 40-paragraph story {story:.0f} ms at once, {singly:.0f} ms a paragraph at a time "
        f"({story / max(singly, 1e-3):.2f}x); scoring alone {story_floor:.0f} ms "
        f"({story / max(story_floor, 1e-3):.1f}x)"
    )
    print(f"{label} {n:,}: {hits} of 60 queries (30 near copies) matched >= {NEAR} %")
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--pg", default="")
    parser.add_argument("--pg-pairs", type=int, default=0, help="pairs on PostgreSQL (default: as --pairs)")
    parser.add_argument("--pg-copy", action="store_true", help="load PostgreSQL's memory by COPY (bench set-up)")
    parser.add_argument("--pg-reuse", action="store_true", help="keep a PostgreSQL memory of that size as it is")
    parser.add_argument("--sqlite", default="", help="SQLite file to keep (reused when it holds that many pairs)")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    pg_pairs = args.pg_pairs or args.pairs
    found = None
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{args.sqlite or Path(tmp) / 'memory.db'}"
            found = run(url, args.pairs, "SQLite", reuse=bool(args.sqlite))
    if args.pg:
        on_pg = run(args.pg, pg_pairs, "PostgreSQL", copy=args.pg_copy, reuse=args.pg_reuse)
        if found is not None and pg_pairs == args.pairs:
            same = sum(1 for a, b in zip(found, on_pg, strict=True) if a == b)
            print(f"PostgreSQL and SQLite: the same matches for {same} of {len(found)} queries")


if __name__ == "__main__":
    main()
