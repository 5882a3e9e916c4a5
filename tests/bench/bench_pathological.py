"""Benchmark of pathological inputs: each grows 1k -> 8k units and the slope of time against size is printed.

Run `python tests/bench/bench_pathological.py [--sizes 1000,2000,4000,8000] [--only NAME]`. For each input the
time at each size is shown as a ratio to the smallest size; the slope is log(time ratio) / log(size ratio):
about 1 is linear, about 2 quadratic. The baseline is the same input at the smallest size, in the same run.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.align import align  # noqa: E402
from tracker.model import Link  # noqa: E402
from tracker.qa import QAConfig, check  # noqa: E402
from tracker.segment import segment  # noqa: E402

Case = Callable[[int], None]


def _qa_one(fr: str, en: str) -> None:
    check([fr], [en], [Link((0,), (0,), 1.0)], QAConfig())


def spaces(n: int) -> None:
    """A run of n*10 spaces inside a line (segment's trailing-space handling)."""
    segment("a" + " " * (n * 10) + "b\n")


def groups(n: int) -> None:
    """`1 000 000 ...` with n groups of three digits."""
    _qa_one("Il y a 1" + " 000" * n + " personnes.", "There are 1" + ",000" * n + " people.")


def times(n: int) -> None:
    """`14h30` repeated n times in one paragraph."""
    _qa_one("À 14h30, " * n, "At 2:30 pm, " * n)


def days(n: int) -> None:
    """`31 octobre` repeated n times in one paragraph."""
    _qa_one("Le 31 octobre, " * n, "On October 31, " * n)


def units(n: int) -> None:
    """`5 % 6 km 7 €` repeated n/8 times (the slow one: fewer repetitions reach the same time)."""
    k = max(1, n // 8)
    _qa_one("5 % 6 km 7 € " * k, "5% 6 km €7 " * k)


def unmatched(n: int) -> None:
    """`1 000 000` repeated n/2 times opposite an English `1,000` (each French figure asks if the English has it)."""
    k = max(1, n // 2)
    _qa_one("Il y a 1 000 000 et " * k, "There are 1,000 and " * k)


def sentences(n: int) -> None:
    """n/4 French sentences with a figure each, the English half as long (was each sentence kept?)."""
    k = max(2, n // 4)
    _qa_one("Le ministre annonce 14h30 et 5 %. " * k, "The minister announces 2:30 pm. " * (k // 2))


def paragraphs(n: int) -> None:
    """QA over n/2 linked paragraph pairs."""
    k = max(1, n // 2)
    fr = [f"Le ministre {i} a annoncé 3 millions d'euros le 31 octobre." for i in range(k)]
    en = [f"Minister {i} announced 3 million euros on October 31." for i in range(k)]
    check(fr, en, [Link((i,), (i,), 1.0) for i in range(k)], QAConfig())


def moved(n: int) -> None:
    """Align n/4 paragraphs with every paragraph moved (the English in reverse order)."""
    k = max(2, n // 4)
    fr = [f"Paragraphe {i} sur la ville numéro {i * 7} et ses {i + 3} habitants." for i in range(k)]
    en = [f"Paragraph {i} about town number {i * 7} and its {i + 3} people." for i in reversed(range(k))]
    align(fr, en)


CASES: dict[str, Case] = {
    "spaces": spaces,
    "groups": groups,
    "times": times,
    "days": days,
    "units": units,
    "unmatched": unmatched,
    "sentences": sentences,
    "paragraphs": paragraphs,
    "moved": moved,
}


def _clear_caches() -> None:
    """Forget the facts memoised per text, so a repetition measures the work, not a cache hit (tables loaded
    once, like the bundled names, stay: they are not what grows)."""
    from tracker.facts import dates, figures, names, quotes

    for cached in (dates, figures, names, quotes):  # the package exports the memoised functions themselves
        cached.cache_clear()


def _time(case: Case, n: int) -> float:
    best = math.inf
    for _ in range(2):
        _clear_caches()
        start = time.perf_counter()
        case(n)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'input':<12}" + "".join(f"{n:>10}" for n in sizes) + "     slope  (time ratio to the smallest size)")
    for name, case in CASES.items():
        if args.only and name != args.only:
            continue
        times_ = [_time(case, n) for n in sizes]
        ratios = [t / times_[0] for t in times_]
        slope = math.log(ratios[-1]) / math.log(sizes[-1] / sizes[0]) if ratios[-1] > 0 else 0.0
        print(f"{name:<12}" + "".join(f"{r:>10.2f}" for r in ratios) + f"  {slope:8.2f}   ({times_[0] * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
