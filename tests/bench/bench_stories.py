"""`tracker stories` on a big desk: N small stories (French and English each), listed by a new process.

Prints, as CPU time of whole processes (medians of interleaved rounds), the first listing (every summary derived and
written to the summary cache), a later listing in a new process (read from the cache), the same with --filter
needs-work --format json, and the floors measured in the same run: `tracker --help`, `tracker stories` on a desk
of one story (the imports and the opening every listing pays) and a raw sqlite3 read of the N cache rows. The ratio
that matters is the cached listing of N stories against the one-story listing plus that raw read.

    python tests/bench/bench_stories.py [--stories 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def timed(argv: list[str], env: dict[str, str]) -> float:
    before = _cpu()
    subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)
    return _cpu() - before


def build(url: str, n: int) -> float:
    """Store n stories (2 French, 2 English paragraphs each); returns seconds taken."""
    from tracker.services.imports import import_bytes
    from tracker.storage import open_store

    start, at = time.perf_counter(), datetime(2026, 11, 1, tzinfo=UTC)
    with open_store(url) as store:
        for i in range(n):
            slug, when = f"brief-{i:05d}", at + timedelta(seconds=i)
            fr = f"Le conseil {i} a voté le budget de {i} euros.\n\nLa séance a duré trois heures.".encode()
            en = f"Council {i} passed a budget of {i} euros.\n\nThe session lasted three hours.".encode()
            import_bytes(store, fr, "fr.txt", slug=slug, lang="fr", by="AFP", at=when)
            if i % 3:
                import_bytes(store, en, "en.txt", slug=slug, lang="en", by="tina", at=when)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tracker"), str(ROOT / "sources")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "desk.db"
        url = f"sqlite:///{db}"
        print(f"building {args.stories} stories: {build(url, args.stories):.1f} s")
        one = f"sqlite:///{Path(tmp) / 'one.db'}"
        build(one, 1)
        env = os.environ | {"TRACKER_DB": url, "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env_one = env | {"TRACKER_DB": one}
        tracker = [sys.executable, "-m", "tracker"]
        timed([*tracker, "stories"], env_one)
        first = timed([*tracker, "stories"], env)
        print(f"first listing (derives and caches every summary): {first / 1000:.1f} s CPU")
        figures: dict[str, list[float]] = {"help": [], "one story": [], "raw": [], "cached": [], "filtered json": []}
        for _ in range(args.rounds):
            figures["help"].append(timed([*tracker, "--help"], env))
            figures["one story"].append(timed([*tracker, "stories"], env_one))
            start = time.process_time()
            with sqlite3.connect(db) as raw:
                rows = raw.execute("SELECT * FROM summary_cache").fetchall()
            figures["raw"].append((time.process_time() - start) * 1000)
            figures["cached"].append(timed([*tracker, "stories"], env))
            figures["filtered json"].append(
                timed([*tracker, "stories", "--filter", "needs-work", "--format", "json"], env)
            )
        med = {k: statistics.median(v) for k, v in figures.items()}
        floor = med["one story"] + med["raw"]
        print(f"cache rows read raw: {len(rows)}")
        for name in figures:
            print(f"{name:>14}: {med[name]:8.1f} ms CPU")
        print(f"cached listing of {args.stories} / (one-story listing + raw read): {med['cached'] / floor:.2f}x")
        print(f"per story, cached: {(med['cached'] - med['one story']) / args.stories * 1000:.1f} µs")


if __name__ == "__main__":
    main()
