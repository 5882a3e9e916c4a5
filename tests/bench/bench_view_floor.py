"""Benchmark: load a 1,000-paragraph story view against the floor, a raw sqlite3 read of its rows (issue #23).

Run: python tests/bench/bench_view_floor.py [--paragraphs 1000] [--rounds 7]
Real desk on a SQLite file whose derived cache is warm (the story opened once before). Interleaved rounds, medians:
- raw sqlite3: every paragraph row of the revisions the view shows (the latest French and English, and the French
  the English was based on), with the revision rows, through the stdlib driver: no tracker code at all;
- view, new desk: `Desk.view` on a desk with nothing in memory (the next start, another desk member);
- view, same desk: the view read again by the desk that read it (a reload).
Each is printed with its ratio to the floor measured in the same round (goal: <= 5x).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bigstory import build_story  # noqa: E402
from tracker.services.desk import Desk  # noqa: E402
from tracker.storage import open_store  # noqa: E402


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _raw(path: Path) -> Callable[[], object]:
    def read() -> object:
        conn = sqlite3.connect(path)
        try:
            revisions = conn.execute(
                "SELECT r.id, r.lang, r.number, r.based_on, r.content_hash FROM revision r JOIN story s"
                " ON s.id = r.story_id WHERE s.slug = ? ORDER BY r.id",
                ("long",),
            ).fetchall()
            ids = [r[0] for r in revisions]
            marks = ",".join("?" * len(ids))
            return conn.execute(
                f"SELECT revision_id, idx, text, hash, line_start, line_end, role FROM paragraph"
                f" WHERE revision_id IN ({marks}) ORDER BY revision_id, idx",
                ids,
            ).fetchall()
        finally:
            conn.close()

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "view.db"
    with open_store(str(path)) as store:
        build_story(store, "long", args.paragraphs)
        Desk(store, "ana").view("long")  # alignment and derived cache stored, as after a first open
        desk = Desk(store, "ana")
        desk.view("long")
        raw = _raw(path)
        figures: dict[str, list[float]] = {"raw sqlite3": [], "view, new desk": [], "view, same desk": []}
        for _ in range(args.rounds):
            figures["raw sqlite3"].append(_timed(raw))
            figures["view, new desk"].append(_timed(lambda: Desk(store, "ana").view("long")))
            figures["view, same desk"].append(_timed(lambda: desk.view("long")))
    floor = statistics.median(figures["raw sqlite3"])
    print(f"== a {args.paragraphs:,}-paragraph story view vs a raw sqlite3 read of its rows ({args.rounds} rounds)")
    for label, times in figures.items():
        value = statistics.median(times)
        print(f"  {label:18s} {value * 1000:8.1f} ms  {value / floor:6.1f}x floor")


if __name__ == "__main__":
    main()
