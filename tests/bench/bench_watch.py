"""A drop folder of 10,000 generated NewsML-G2 items through `watch --once`, against `tracker import` of the same.

Both run in the same process on fresh SQLite files, so the ratio is what the watcher adds to an import: listing
the folder, settling, hashing each file, the feed_file records, moving nothing. A second `watch --once` over the
same folder (everything recorded) measures what a restart costs.

    python tests/bench/bench_watch.py [--items 10000] [--versions 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from bench_import import item  # noqa: E402

from tracker.services.formats import import_paths  # noqa: E402
from tracker.services.watch import watch  # noqa: E402
from tracker.storage import open_store  # noqa: E402


def make_folder(folder: Path, items: int, versions: int) -> None:
    rng = random.Random(16)
    stories = max(1, items // versions)
    for number in range(items):
        story, version = number % stories, number // stories + 1
        (folder / f"{number % 100:02}").mkdir(exist_ok=True)
        (folder / f"{number % 100:02}" / f"s{story}-v{version}.xml").write_bytes(item(story, version, rng))


def timed_import(folder: Path, db: Path) -> float:
    with open_store(str(db)) as store:
        started = time.perf_counter()
        results = import_paths(store, [folder], by="bench", at=datetime.now(UTC))
        elapsed = time.perf_counter() - started
    assert all(r.outcome == "imported" for r in results), "the import refused or skipped items"
    return elapsed


def timed_watch(folder: Path, db: Path) -> tuple[float, int]:
    lines: list[str] = []
    with open_store(str(db)) as store:
        started = time.perf_counter()
        watch(store, folder, by="bench", log=lines.append, once=True, settle=0.1)
        elapsed = time.perf_counter() - started
    return elapsed, len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--versions", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drop"
        folder.mkdir()
        make_folder(folder, args.items, args.versions)
        time.sleep(0.2)  # older than --settle: complete, as a folder delivered before the watcher started
        baseline = timed_import(folder, Path(tmp) / "import.db")
        watched, logged = timed_watch(folder, Path(tmp) / "watch.db")
        restart, relogged = timed_watch(folder, Path(tmp) / "watch.db")
    n = args.items
    print(f"items                      {n} ({args.versions} versions per story)")
    print(f"tracker import             {baseline:7.2f} s  {n / baseline:7.0f} items/s  (baseline)")
    print(f"watch --once               {watched:7.2f} s  {n / watched:7.0f} items/s  ratio {watched / baseline:.2f}")
    print(f"watch --once again         {restart:7.2f} s  {n / restart:7.0f} files/s  ratio {restart / baseline:.2f}")
    print(f"log lines                  {logged} first run, {relogged} on restart")


if __name__ == "__main__":
    main()
