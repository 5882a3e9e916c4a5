"""Benchmark the revision diff: a 30-paragraph and a 5,000-paragraph revision pair, against naive difflib.

    python tests/bench/bench_diff.py

Prints median wall times and the ratio to a baseline measured in the same run (difflib over paragraphs,
then difflib over the words of each replaced pair). Targets: 30 paragraphs < 10 ms, 5,000 < 1 s.
Then the command: `tracker diff` of two 5,000-paragraph files in its own process, against a stdlib difflib
script doing the same in its own process (reading the files, paragraphs, then the words of replaced ones), over
interleaved rounds, medians of the processes' CPU time (`--cli-rounds`, 0 to skip).
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.diff import diff  # noqa: E402
from tracker.diff.words import tokens, words  # noqa: E402
from tracker.segment import segment  # noqa: E402


def _sample_paragraphs() -> list[str]:
    text = resources.files("tracker").joinpath("samples", "sochi-summit", "fr.r2.txt").read_text(encoding="utf-8")
    return [p for p in segment(text).texts if len(p) > 60]


def revision(n: int, rng: random.Random) -> list[str]:
    """n distinct French-looking paragraphs: sample sentences recombined, each with its own figure."""
    pool = [s.strip() + "." for p in _sample_paragraphs() for s in p.split(".") if len(s.strip()) > 30]
    return [f"{' '.join(rng.sample(pool, 2))} Bilan {i}: {rng.randint(10, 9999)} morts." for i in range(n)]


def revise(old: list[str], rng: random.Random, rate: float) -> list[str]:
    """A later revision: ~rate of the paragraphs get a punctuation fix, a changed figure, a moved, added,
    removed, split or merged paragraph."""
    new = list(old)
    for _ in range(max(6, int(len(old) * rate))):
        i = rng.randrange(len(new) - 1)
        edit = rng.choice(["comma", "figure", "move", "add", "remove", "split", "merge"])
        if edit == "comma":
            new[i] = new[i].replace(" ", ", ", 1)
        elif edit == "figure":
            new[i] = new[i].replace("morts", "morts et 12 blessés")
        elif edit == "move":
            new.insert(rng.randrange(len(new)), new.pop(i))
        elif edit == "add":
            new.insert(i, f"Paragraphe nouveau {rng.random():.6f} sur la situation, selon des sources locales.")
        elif edit == "remove":
            del new[i]
        elif edit == "split" and ". " in new[i]:
            head, tail = new[i].split(". ", 1)
            new[i : i + 1] = [head + ".", tail]
        elif edit == "merge":
            new[i : i + 2] = [new[i] + " " + new[i + 1]]
    return new


def baseline(old: Sequence[str], new: Sequence[str]) -> int:
    """Naive difflib: paragraphs as one sequence, then words of each replaced block."""
    count = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "replace":
            a = " ".join(old[i1:i2]).split()
            b = " ".join(new[j1:j2]).split()
            count += len(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    return count


def cold_diff(old: Sequence[str], new: Sequence[str]) -> object:
    """diff with the per-text caches emptied first, so repeats measure real work."""
    words.cache_clear()
    tokens.cache_clear()
    return diff(old, new)


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Median CPU time of `fn` in this process (ms): on a shared, loaded machine wall time mostly measures
    waiting for a core; the main loop prints wall time too."""
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def interleaved_ms(ours: Callable[[], object], floor: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median CPU ms of `ours` and of `floor`, run in alternation so that a change of load hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for fn, out in ((ours, times[0]), (floor, times[1])):
            t0 = time.process_time()
            fn()
            out.append((time.process_time() - t0) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def read_side_by_side(n: int, rounds: int = 9) -> None:
    """Reading a revision file into paragraphs in process, as `tracker diff` does (every check of untrusted files,
    segmentation, the spaces around paragraphs kept), against the difflib script's bare read and split."""
    from tracker.cli.diff_cmd import read_paragraphs

    text = "\n\n".join(revision(n, random.Random(3))) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "revision.txt"
        path.write_text(text, encoding="utf-8")

        def floor() -> object:
            content = open(path, encoding="utf-8").read()  # noqa: SIM115 - the floor script's own way
            return [" ".join(p.split()) for p in content.split("\n\n") if p.strip()]

        read_paragraphs(str(path))  # first-call costs
        ours, base = interleaved_ms(lambda: read_paragraphs(str(path)), floor, rounds)
    print(
        f"reading a {n}-paragraph file, in process: tracker {ours:.1f} ms CPU | floor (read, split on blank lines) "
        f"{base:.1f} ms | ratio {ours / base:.1f}x (median of {rounds} interleaved rounds)"
    )


def wall_ms(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


# The floor for `tracker diff` on files: the same reading and diffing with the standard library, no checks.
_DIFFLIB_SCRIPT = """
import difflib, sys
def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    return [" ".join(p.split()) for p in text.split("\\n\\n") if p.strip()]
old, new = paragraphs(sys.argv[1]), paragraphs(sys.argv[2])
out = []
for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
    if tag != "equal":
        a, b = " ".join(old[i1:i2]).split(), " ".join(new[j1:j2]).split()
        words = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        out.append(f"{tag} {i1}-{i2} -> {j1}-{j2}: {len(words)} word operations")
print("\\n".join(out))
"""


def child_cpu_ms(command: list[str]) -> float:
    """CPU time (user + system) of one child process, in ms; its output is discarded."""
    before = os.times()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    after = os.times()
    return (after.children_user + after.children_system - before.children_user - before.children_system) * 1000


def cli_side_by_side(rounds: int, n: int = 5000) -> None:
    """`tracker diff OLD NEW` (text output) against the stdlib difflib script, each a process, same files."""
    rng = random.Random(7)
    old = revision(n, rng)
    new = revise(old, rng, 0.05)
    # Bytecode compiled first, as a `pip install .` does: editable installs on PYTHONDONTWRITEBYTECODE machines
    # would otherwise compile every module in every process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tracker"), str(ROOT / "sources")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "old.txt").write_text("\n\n".join(old) + "\n", encoding="utf-8")
        (folder / "new.txt").write_text("\n\n".join(new) + "\n", encoding="utf-8")
        (folder / "floor.py").write_text(_DIFFLIB_SCRIPT, encoding="utf-8")
        files = [str(folder / "old.txt"), str(folder / "new.txt")]
        ours_cmd = [sys.executable, "-m", "tracker", "diff", *files]
        floor_cmd = [sys.executable, str(folder / "floor.py"), *files]
        ours: list[float] = []
        floor: list[float] = []
        for _ in range(rounds):
            ours.append(child_cpu_ms(ours_cmd))
            floor.append(child_cpu_ms(floor_cmd))
    mine, base = statistics.median(ours), statistics.median(floor)
    print(
        f"tracker diff, {n} paragraphs, a process: tracker {mine:.0f} ms CPU | floor (stdlib difflib script, a "
        f"process) {base:.0f} ms | ratio {mine / base:.1f}x (median of {rounds} interleaved rounds)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli-rounds", type=int, default=7, help="interleaved rounds of the command (0 to skip)")
    args = parser.parse_args()
    # A fixed pure-Python loop, so figures from a loaded or slower machine can be read in proportion.
    calibration = wall_ms(lambda: sum(range(100_000)), 20)
    print(f"calibration: sum(range(100_000)) {calibration:.2f} ms (about 1 ms on an idle 2-core machine)")
    rng = random.Random(7)
    for n, rate, repeats, target in ((30, 0.2, 50, 10.0), (5000, 0.05, 5, 1000.0)):
        old = revision(n, rng)
        new = revise(old, rng, rate)
        diff(old[:3], new[:3])  # warm the imports that every process pays once
        ours, base = interleaved_ms(lambda o=old, w=new: cold_diff(o, w), lambda o=old, w=new: baseline(o, w), repeats)
        wall = wall_ms(lambda o=old, w=new: cold_diff(o, w), repeats)
        changed = sum(1 for c in diff(old, new) if c.kind != "unchanged")
        print(
            f"diff {n:>5} paragraphs ({changed} changes): {ours:8.2f} ms CPU ({wall:8.2f} ms wall) median of {repeats}"
            f"  target < {target:.0f} ms  {'ok' if ours < target else 'SLOW'}"
            f"  | naive difflib {base:8.2f} ms  ratio {ours / base:5.2f}x"
        )
    old = revision(30, rng)
    rewritten = revision(30, random.Random(99))
    worst = median_ms(lambda: cold_diff(old, rewritten), 10)
    print(f"diff    30 paragraphs all rewritten (worst case): {worst:8.2f} ms median of 10")
    read_side_by_side(5000)
    if args.cli_rounds:
        cli_side_by_side(args.cli_rounds)


if __name__ == "__main__":
    main()
