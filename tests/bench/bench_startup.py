"""Start-up benchmark: whole-process wall time of `tracker --help` and `tracker stories` on a seeded database.

Goals on the reference machine: `--help` under 150 ms (it must import neither sqlmodel nor textual), `stories`
under 500 ms (sqlmodel, never textual). Each figure is printed beside `python -c pass` measured in the same run,
and beside `python -c "import sqlmodel"` for scale. CPU time (user + system) is printed too: on a loaded machine it
stays near what wall time would be on an idle one, where wall time does not.

    python tests/bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IDLE_SQLMODEL_IMPORT = 305.0


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: list[str], env: dict[str, str]) -> None:
    # `tracker status` exits 1 on the sample (a stale row): findings, not a failure
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{argv}: exit {done.returncode}: {done.stderr.decode(errors='replace')}")


def wall(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """(median wall, best wall, median CPU) in ms of running argv to completion, after one warm-up run."""
    _run(argv, env)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _child_cpu()
        _run(argv, env)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((_child_cpu() - start_cpu) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    py = sys.executable
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "XDG_DATA_HOME": data}
        env.pop("TRACKER_DB", None)
        start = time.perf_counter()
        subprocess.run([py, "-m", "tracker", "stories"], env=env, cwd=ROOT, check=True, capture_output=True)
        first = (time.perf_counter() - start) * 1000
        cases = [
            ("python -c pass (baseline)", [py, "-c", "pass"], None),
            ("python -c 'import sqlmodel'", [py, "-c", "import sqlmodel"], None),
            ("tracker --help", [py, "-m", "tracker", "--help"], 150.0),
            ("tracker stories (seeded)", [py, "-m", "tracker", "stories"], 500.0),
            ("tracker status (seeded)", [py, "-m", "tracker", "status", "sochi-summit"], None),
            ("tracker log (seeded)", [py, "-m", "tracker", "log", "sochi-summit"], None),
        ]
        baseline = 0.0
        results = [(name, goal, *wall(argv, env, runs)) for name, argv, goal in cases]
        # DESIGN.md measured `import sqlmodel` at ~305 ms on an idle machine of this kind; its CPU time here says how
        # much slower this machine runs now (other jobs slow even CPU time), and scales the rest to an idle estimate
        load = max(1.0, results[1][4] / IDLE_SQLMODEL_IMPORT)
        sqlmodel_cpu = results[1][4]
        print(f"calibration: import sqlmodel CPU {sqlmodel_cpu:.0f} ms / {IDLE_SQLMODEL_IMPORT:.0f} idle = {load:.1f}x")
        print(
            f"{'command':<30} {'median ms':>10} {'best ms':>8} {'cpu ms':>8} {'x baseline':>10} {'idle est':>9}"
            "  goal (wall; judged on the idle estimate from CPU)"
        )
        for name, goal, median, best, cpu in results:
            baseline = baseline or median
            idle = cpu / load
            verdict = "" if goal is None else f"< {goal:.0f} ms: {'met' if idle < goal else 'MISSED'}"
            ratio = median / baseline
            print(f"{name:<30} {median:>10.1f} {best:>8.1f} {cpu:>8.1f} {ratio:>10.2f} {idle:>9.0f}  {verdict}")
        print(f"{'tracker stories (first run, seeds)':<30} {first:>10.1f}")
        # issue 17's goal: a database command within 2x `tracker --help` (CPU, so the machine's load cancels out)
        help_cpu = results[2][4]
        for name, _goal, _median, _best, cpu in results[3:]:
            print(f"{name:<30} CPU {cpu / help_cpu:4.1f}x tracker --help (goal: 2x plus the database's own work)")


if __name__ == "__main__":
    main()
