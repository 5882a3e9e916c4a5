"""Benchmark the desk at scale: opening a story and saving one row, on the sample and on long stories.

Run: python tests/bench/bench_desk_scale.py [--sizes 500,2000,10000] [--rounds 3]
Real desk on a SQLite file; every figure is also printed as a ratio against the sample story measured in the same
run, and each size against the one before it (growth). Figures (medians):
- first open: a story never opened before (its alignment and every link's QA derived, then cached);
- open, new desk: a fresh desk (nothing in memory) on a database whose derived cache is warm, as the next start
  or another desk member finds it;
- open, same desk: the view read again by the desk that has it in memory (what a reload costs);
- save row: `save_english` of one row plus the view read again (what Ctrl+S waits for before the row shows);
- TUI save (Pilot): from Ctrl+S in the row editor to the row on screen showing the new text.
Goals on this machine (idle): 2,000 paragraphs open in <= 1 s, 10,000 in <= 3 s, a save in <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bigstory import build_story  # noqa: E402
from tracker.services.desk import Desk  # noqa: E402
from tracker.services.seed import SAMPLE_SLUG, seed_sample  # noqa: E402
from tracker.storage import Store, open_store  # noqa: E402


def _median(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _save_one(desk: Desk, slug: str, k: int) -> float:
    """Seconds to save one row and read the view again (the view the person was looking at is read before)."""
    view = desk.view(slug)
    assert view.en is not None
    rows = [r for r in view.rows if r.fr and len(r.en) == 1]
    row = rows[(k * 37) % len(rows)]
    start = time.perf_counter()
    desk.save_english(
        slug,
        row.link.en,
        f"{row.en[0].text} ({k})",
        fr_rev=view.fr.number,
        expected_en_rev=view.en.number,
        fr=row.link.fr,
    )
    desk.view(slug)
    return time.perf_counter() - start


def measure(store: Store, slug: str, rounds: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    start = time.perf_counter()
    Desk(store, "ana").view(slug)
    figures["first open"] = time.perf_counter() - start
    figures["open, new desk"] = _median(lambda: Desk(store, "ana").view(slug), rounds)
    desk = Desk(store, "ana")
    desk.view(slug)
    figures["open, same desk"] = _median(lambda: desk.view(slug), rounds)
    figures["save row"] = statistics.median(_save_one(desk, slug, k) for k in range(rounds))
    figures["TUI save (Pilot)"] = asyncio.run(_tui_save(desk, slug, rounds))
    return figures


async def _tui_save(desk: Desk, slug: str, rounds: int) -> float:
    """From the row editor's save (what Ctrl+S calls) to the row on screen showing the new text; the editor itself
    is left out (it is not ours to time), its save callback is called directly."""
    from tests.tui.conftest import settle
    from tracker.tui.app import TrackerApp
    from tracker.tui.widgets.sidebyside import SideBySide

    app = TrackerApp(desk, story=slug)
    times = []
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        sbs = screen.query_one(SideBySide)
        captured: list[Callable[[str], None]] = []
        screen.edit_in_row = lambda text, title, saved: captured.append(saved)
        for k in range(rounds):
            while not (sbs.rows[sbs.cursor].fr and len(sbs.rows[sbs.cursor].en) == 1):
                await pilot.press("down")
            screen.action_edit()
            cursor, mark = sbs.cursor, f"[tui {k}]"
            start = time.perf_counter()
            captured.pop()(f"{sbs.rows[cursor].en[0].text} {mark}")
            for _ in range(20000):
                row = sbs.rows[cursor] if cursor < len(sbs.rows) else None
                if row is not None and row.en and row.en[0].text.endswith(mark):
                    break
                await asyncio.sleep(0.002)
            times.append(time.perf_counter() - start)
            await settle(pilot)
            await pilot.press("down", "down")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    results: list[tuple[str, dict[str, float]]] = []
    with open_store(str(folder / "sample.db")) as store:
        seed_sample(store)
        results.append(("sample story", measure(store, SAMPLE_SLUG, args.rounds)))
    for n in (int(s) for s in args.sizes.split(",")):
        with open_store(str(folder / f"long{n}.db")) as store:
            start = time.perf_counter()
            build_story(store, "long", n)
            print(f"  (built a {n}-paragraph story in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
            results.append((f"{n:,} paragraphs", measure(store, "long", args.rounds)))
    base = results[0][1]
    print("== desk at scale (real desk, SQLite file; medians; ratio to the sample story; growth from the size before)")
    for (name, figures), before in zip(results, [None, *results[:-1]], strict=True):
        print(f"  {name}")
        for label, value in figures.items():
            growth = ""
            if before is not None and before[0] != "sample story":
                growth = f"  {value / before[1][label]:5.2f}x {before[0]}"
            print(f"    {label:20s} {value * 1000:9.1f} ms  {value / base[label]:7.2f}x sample{growth}")


if __name__ == "__main__":
    main()
