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
- TUI open (Pilot): from Enter on the story in the list (what it calls) to the first frame handed to the terminal
  that shows the story's rows, a new desk;
- TUI save (Pilot): from Ctrl+S in the row editor to the first frame showing the row's new text;
- TUI relayout: from a terminal width change (140 <-> 120 columns) to the first frame showing the rows rewrapped;
  also as a ratio against the same width change in an empty Textual app (one Static), measured in the same run.
Goals on this machine (idle): 2,000 paragraphs open in <= 1 s, 10,000 in <= 3 s, a save in <= 300 ms, a
relayout in <= 50 ms at any size.
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
    relayout, empty = asyncio.run(_tui_relayout(desk, slug, max(rounds, 5)))
    figures["TUI relayout"] = relayout
    figures["empty app relayout"] = empty
    return figures


class Frames:
    """Every frame an app hands its driver (headless: then dropped), with what `probe` saw on screen then."""

    def __init__(self, app: Any, probe: Callable[[], object]) -> None:
        self.seen: list[tuple[float, object]] = []
        display = app._display

        def timed(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.seen.append((time.perf_counter(), probe()))
            display(screen, renderable)

        app._display = timed

    async def first(self, after: float, wanted: Callable[[object], bool], limit: float = 60.0) -> float:
        """Seconds from `after` to the first frame since whose probe is `wanted`."""
        while time.perf_counter() - after < limit:
            found = next((t for t, seen in self.seen if t > after and wanted(seen)), None)
            if found is not None:
                return found - after
            await asyncio.sleep(0.001)
        raise AssertionError("no such frame")


async def _tui_relayout(desk: Desk, slug: str, rounds: int) -> tuple[float, float]:
    """A width change, 140 <-> 120 columns, to the first frame showing the rows at the new width; and the same in an
    empty app (a Static and nothing else) in alternate rounds, the floor of a relayout."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from tests.tui.conftest import settle
    from tracker.tui.app import TrackerApp
    from tracker.tui.widgets.sidebyside import SideBySide

    class Empty(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("nothing")

    async def resize(pilot: Any, width: int) -> None:
        # what Pilot.resize_terminal does, without its wait for the app to be idle (the rows beyond sight are
        # wrapped in the background: the figure is the frame a person sees)
        pilot.app._driver._size = Size(width, 40)
        pilot.app.post_message(Resize(Size(width, 40), Size(width, 40)))

    from textual.events import Resize
    from textual.geometry import Size

    ours, empty = [], []
    app = TrackerApp(desk, story=slug)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sbs = app.screen.query_one(SideBySide)
        frames = Frames(app, lambda: (sbs._width, bool(sbs._starts)))
        bare = Empty()
        async with bare.run_test(size=(140, 40)) as bare_pilot:
            await bare_pilot.pause()
            bare_frames = Frames(bare, lambda: bare.size.width)
            for k in range(rounds):
                width = 120 if k % 2 == 0 else 140
                before = sbs._width
                start = time.perf_counter()
                await resize(pilot, width)
                ours.append(await frames.first(start, lambda seen, was=before: seen[1] and seen[0] != was))  # type: ignore[index]
                await settle(pilot)
                start = time.perf_counter()
                await resize(bare_pilot, width)
                empty.append(await bare_frames.first(start, lambda seen, w=width: seen == w))
                await bare_pilot.pause()
    return statistics.median(ours), statistics.median(empty)


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

            def shown(app: TrackerApp = app) -> bool:
                found = app.screen.query(SideBySide)
                return bool(found and found.first().rows and found.first()._starts)

            frames = Frames(app, shown)
            start = time.perf_counter()
            lister.open_story(slug)
            times.append(await frames.first(start, bool))
            await settle(pilot)
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

            def saved(cursor: int = cursor, mark: str = mark) -> bool:
                row = sbs.rows[cursor] if cursor < len(sbs.rows) else None
                return row is not None and bool(row.en) and row.en[0].text.endswith(mark) and not screen._editing

            frames = Frames(app, saved)
            start = time.perf_counter()
            editor.action_save()
            times.append(await frames.first(start, bool))
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
            floor = ""
            if label == "TUI relayout":  # against the same width change in an app with nothing to lay out
                floor = f"  {value / figures['empty app relayout']:5.2f}x empty app"
            print(f"    {label:20s} {value * 1000:9.1f} ms  {value / base[label]:7.2f}x sample{growth}{floor}")


if __name__ == "__main__":
    main()
