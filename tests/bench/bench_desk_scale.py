"""Benchmark the desk at scale: opening a story and saving one row, on the sample and on long stories.

Run: python tests/bench/bench_desk_scale.py [--sizes 500,2000,10000] [--rounds 3] [--baseline DIR]
Real desk on a SQLite file; every figure is also printed as a ratio against the sample story measured in the same
run, and each size against the one before it (growth). With `--baseline DIR` (another checkout, e.g. a `git
worktree` of main), the same measurements run in child processes alternately on that tree and on this one, and each
figure is printed for both with the ratio this/baseline (medians over the passes; the machine's load falls on both).
Figures (medians):
- first open: a story never opened before (its alignment and every link's QA derived, then cached);
- open, new desk: a fresh desk (nothing in memory) on a database whose derived cache is warm, as the next start
  or another desk member finds it;
- open, same desk: the view read again by the desk that has it in memory (what a reload costs);
- save row: `save_english` of one row plus the view read again (what Ctrl+S waits for before the row shows);
- TUI open (Pilot): from Enter on the story in the list (what it calls) to the story's rows on screen, a new desk;
- TUI save (Pilot): from Ctrl+S in the row editor to the row on screen showing the new text.
Goals on this machine (idle): 2,000 paragraphs open in <= 1 s, 10,000 in <= 3 s, a save in <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# the tree whose tracker is measured: this checkout, or the baseline's when a `--baseline` run starts a child there
sys.path.insert(0, os.environ.get("BENCH_TREE", str(ROOT)))

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
    figures["TUI open (Pilot)"] = asyncio.run(_tui_open(store, slug, rounds))
    figures["TUI save (Pilot)"] = asyncio.run(_tui_save(desk, slug, rounds))
    return figures


async def _tui_open(store: Store, slug: str, rounds: int) -> float:
    """From Enter on the story in the list (`open_story`, what Enter calls) to its rows painted, each round on a
    new desk (nothing in memory) over the warm database."""
    import tracker.layout
    from tests.tui.conftest import settle
    from tracker.tui.app import TrackerApp
    from tracker.tui.widgets.sidebyside import SideBySide

    times = []
    for _ in range(rounds):
        # as a new process would: nothing laid out yet either (the layout remembers wrapped paragraphs)
        wrapped = getattr(tracker.layout, "_wrapped", None)
        if wrapped is not None:
            wrapped.cache_clear()
        app = TrackerApp(Desk(store, "ana"))
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            lister: Any = app.screen
            start = time.perf_counter()
            lister.open_story(slug)
            for _ in range(20000):
                found = app.screen.query(SideBySide)
                if found and found.first().rows:
                    break
                await asyncio.sleep(0.002)
            await pilot.pause()  # the frame with the rows
            times.append(time.perf_counter() - start)
    return statistics.median(times)


async def _tui_save(desk: Desk, slug: str, rounds: int) -> float:
    """From the row editor's save (what Ctrl+S calls) to the row on screen showing the new text."""
    from tests.tui.conftest import settle
    from tracker.tui.app import TrackerApp
    from tracker.tui.widgets.roweditor import RowEditor
    from tracker.tui.widgets.sidebyside import SideBySide

    app = TrackerApp(desk, story=slug)
    times = []
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen: Any = app.screen
        sbs = screen.query_one(SideBySide)
        for k in range(rounds):
            while not (sbs.rows[sbs.cursor].fr and len(sbs.rows[sbs.cursor].en) == 1):
                await pilot.press("down")
            screen.action_edit()
            await settle(pilot)
            editor = screen.query_one(RowEditor)
            cursor, mark = sbs.cursor, f"[tui {k}]"
            editor.load_text(f"{sbs.rows[cursor].en[0].text} {mark}")
            start = time.perf_counter()
            editor.action_save()
            for _ in range(20000):
                row = sbs.rows[cursor] if cursor < len(sbs.rows) else None
                if row is not None and row.en and row.en[0].text.endswith(mark):
                    break
                await asyncio.sleep(0.002)
            await pilot.pause()
            times.append(time.perf_counter() - start)
            await settle(pilot)
            await pilot.press("down", "down")
    return statistics.median(times)


def _child(tree: str, args: argparse.Namespace) -> list[tuple[str, dict[str, float]]]:
    """One measuring run in a child process on `tree`'s tracker; its figures as JSON."""
    env = {**os.environ, "BENCH_TREE": tree, "PYTHONPATH": tree}
    command = [sys.executable, __file__, "--sizes", args.sizes, "--rounds", str(args.rounds), "--json"]
    out = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True, check=True).stdout
    return [(name, figures) for name, figures in json.loads(out.splitlines()[-1])]


def _compare(args: argparse.Namespace) -> None:
    runs: dict[str, list[list[tuple[str, dict[str, float]]]]] = {"baseline": [], "this": []}
    for n in range(args.passes):
        for which, tree in (("baseline", args.baseline), ("this", str(ROOT))):
            print(f"  (pass {n + 1}: {which})", file=sys.stderr)
            runs[which].append(_child(tree, args))

    def med(which: str, i: int, label: str) -> float:
        return statistics.median(run[i][1][label] for run in runs[which])

    first = runs["this"][0]
    print(f"== desk at scale, baseline {args.baseline} vs this tree ({args.passes} alternate passes, medians)")
    for i, (name, figures) in enumerate(first):
        print(f"  {name}")
        for label in figures:
            before, after = med("baseline", i, label), med("this", i, label)
            sample = med("this", 0, label)
            print(
                f"    {label:20s} {before * 1000:9.1f} -> {after * 1000:9.1f} ms  {after / before:5.2f}x baseline"
                f"  {after / sample:7.2f}x sample"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="another checkout to measure alternately with this one")
    parser.add_argument("--passes", type=int, default=2, help="alternate passes with --baseline")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        _compare(args)
        return
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
    if args.json:
        print(json.dumps(results))
        return
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
