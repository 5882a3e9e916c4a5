"""Start-up benchmark: whole processes of `tracker --help`, `stories`, `status` and `log` on a seeded database.

Goals: issue 17, each database command within 2x `tracker --help` plus the database's own work, that is its library
(`import sqlmodel` less `python -c pass`) and the command run again inside a process that has imported everything
(opening, queries, output); issue 23, `tracker stories` within 1.1x `python -c "import sqlmodel"`. The row
`storage` is `import tracker.storage`: sqlmodel, the table classes and the stores, which every reader imports.
Every figure is a median over interleaved rounds (each round runs every
command once, in a rotating order), so a busy machine slows the floors and the commands alike; CPU time (user +
system of the child) is the figure to judge, wall time is printed beside it. With `--against TREE` the same
commands of another checkout (e.g. the main branch) run in the same rounds, each tree on its own seeded database.

Sources and dependencies are byte-compiled first (these machines set PYTHONDONTWRITEBYTECODE, and an installed
tracker has .pyc files), so the figures are those of a `pip install .`. TREE is compiled too (its __pycache__ is
written): give a copy, e.g. `mkdir /tmp/base && git archive main | tar -x -C /tmp/base`.

    python tests/bench/bench_startup.py [--rounds N] [--against TREE]
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORY = "sochi-summit"
COMMANDS = {"stories": ["stories"], "status": ["status", STORY], "log": ["log", STORY]}
# Runs a command once (imports), then times it again in the same process: the command's own work.
WORK = """
import contextlib, io, sys, time
from tracker.cli import main
args = sys.argv[1:]
with contextlib.redirect_stdout(io.StringIO()):
    main(args)
    start = time.process_time()
    main(args)
    print(f"{(time.process_time() - start) * 1000:.3f}", file=sys.stderr)
"""


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(wall ms, CPU ms, stderr) of running argv to completion; exit 1 (findings: a stale row) is no failure."""
    start, start_cpu = time.perf_counter(), _child_cpu()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    wall, cpu = (time.perf_counter() - start) * 1000, _child_cpu() - start_cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"{argv} in {cwd}: exit {done.returncode}: {done.stderr}")
    return wall, cpu, done.stderr


class Tree:
    """A checkout whose commands run from its own sources, on its own seeded database."""

    def __init__(self, label: str, root: Path, data: Path) -> None:
        self.label, self.root = label, root
        self.env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHONPATH": str(root)}
        self.env.pop("TRACKER_DB", None)

    def tracker(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tracker", *args]


def _compile(trees: list[Tree]) -> None:
    for path in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        compileall.compile_dir(path, quiet=2, workers=0)
    for tree in trees:
        for package in ("tracker", "sources"):
            compileall.compile_dir(tree.root / package, quiet=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--against", type=Path, metavar="TREE", help="another checkout to measure in the same rounds")
    options = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        trees = [Tree("this", ROOT, Path(scratch, "this"))]
        if options.against:
            trees.append(Tree("against", options.against.resolve(), Path(scratch, "against")))
        _compile(trees)
        base = trees[0].env
        cases: dict[str, tuple[list[str], dict[str, str], Path]] = {
            "python -c pass": ([py, "-c", "pass"], base, ROOT),
            "import sqlmodel": ([py, "-c", "import sqlmodel"], base, ROOT),
        }
        for tree in trees:
            first = _run(tree.tracker("stories"), tree.env, tree.root)  # creates, seeds, derives the summaries
            print(f"[{tree.label}] first `tracker stories` (seeds): {first[1]:.0f} ms CPU, {first[0]:.0f} wall")
            cases[f"{tree.label}: --help"] = (tree.tracker("--help"), tree.env, tree.root)
            # the storage layer alone (sqlmodel, the twenty table classes, the stores): what no reader can skip
            cases[f"{tree.label}: storage"] = ([py, "-c", "import tracker.storage"], tree.env, tree.root)
            for name, args in COMMANDS.items():
                cases[f"{tree.label}: {name}"] = (tree.tracker(*args), tree.env, tree.root)
                cases[f"{tree.label}: {name} work"] = ([py, "-c", WORK, *args], tree.env, tree.root)
        walls: dict[str, list[float]] = {name: [] for name in cases}
        cpus: dict[str, list[float]] = {name: [] for name in cases}
        names = list(cases)
        for _ in range(2):  # warm the page cache
            for name in names:
                _run(*cases[name])
        for round_no in range(options.rounds):
            shift = round_no % len(names)
            for name in names[shift:] + names[:shift]:
                wall, cpu, err = _run(*cases[name])
                walls[name].append(wall)
                # the command's own work is what the child measured, not the child itself
                cpus[name].append(float(err.strip().splitlines()[-1]) if name.endswith(" work") else cpu)
        _report(trees, walls, cpus, options.rounds)


def _report(trees: list[Tree], walls: dict[str, list[float]], cpus: dict[str, list[float]], rounds: int) -> None:
    """Medians of the times, and ratios as medians of each round's own ratio (a round's commands ran close together,
    so a change of load between rounds cancels out)."""
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    wall = {name: statistics.median(values) for name, values in walls.items()}

    def ratio(times: dict[str, list[float]], key: str, floor: str) -> float:
        return statistics.median(a / b for a, b in zip(times[key], times[floor], strict=True))

    print(f"\nmedians of {rounds} interleaved rounds, ms; judge CPU (issue 23: stories/sqlmodel <= 1.1)")
    print(f"{'command':<22} {'cpu':>7} {'wall':>7} {'cpu/sqlmodel':>13} {'wall/sqlmodel':>14} {'cpu/--help':>11}")
    for name in ("python -c pass", "import sqlmodel"):
        print(f"{name:<22} {cpu[name]:>7.0f} {wall[name]:>7.0f} {ratio(cpus, name, 'import sqlmodel'):>13.2f}")
    for tree in trees:
        for name in ["--help", "storage", *COMMANDS]:
            key = f"{tree.label}: {name}"
            print(
                f"{key:<22} {cpu[key]:>7.0f} {wall[key]:>7.0f} {ratio(cpus, key, 'import sqlmodel'):>13.2f}"
                f" {ratio(walls, key, 'import sqlmodel'):>14.2f} {ratio(cpus, key, f'{tree.label}: --help'):>11.2f}"
            )
    print("\nissue 17: CPU against 2x --help + import sqlmodel (less `pass`) + the command's own work (goal <= 1)")
    for tree in trees:
        for name in COMMANDS:
            key = f"{tree.label}: {name}"
            budgets = [
                2 * h + s - p + w
                for h, s, p, w in zip(
                    cpus[f"{tree.label}: --help"],
                    cpus["import sqlmodel"],
                    cpus["python -c pass"],
                    cpus[f"{key} work"],
                    strict=True,
                )
            ]
            over = statistics.median(c / b for c, b in zip(cpus[key], budgets, strict=True))
            work = cpu[f"{key} work"]
            print(f"{key:<22} own work {work:6.1f} ms, budget {statistics.median(budgets):6.0f} ms: {over:.2f}x")


if __name__ == "__main__":
    main()
