"""Benchmark of the aligner: one article in-process, and growth from 100 to 10,000 paragraphs.

Run `python tests/bench/bench_align.py [--max N]`. Prints times and peak memory, each against a baseline measured
in the same run (a plain Python loop over the same paragraphs), so figures compare across machines; and align +
diff of a 30-paragraph article side by side with the floor (rapidfuzz `cdist` scoring the same pairs), over
interleaved rounds, medians of CPU time.
Synthetic pairs: an "English" side made from the "French" one by replacing words, dropping, adding, merging and
moving paragraphs, as adaptations do.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tracker.align import align, features  # noqa: E402


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiou") for _ in range(rng.randint(2, 5)))


def synthetic_pair(n: int, seed: int = 7, sentences: int = 1) -> tuple[list[str], list[str]]:
    """n French-like paragraphs of 1 to `sentences` sentences and an adaptation of them (about n English ones)."""
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(max(2000, n * 4))]
    fr: list[str] = []
    for _ in range(n):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(15, 70))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 9)}.{rng.randint(100, 999)}")
        for k in sorted(rng.sample(range(1, len(words)), rng.randint(1, sentences) - 1)):  # sentence ends
            words[k - 1] += "."
            words[k] = words[k].capitalize()
        words[0] = words[0].capitalize()
        fr.append(" ".join(words) + ".")
    en: list[str] = []
    for text in fr:
        roll = rng.random()
        if roll < 0.05:
            continue  # dropped background paragraph
        words = [w if rng.random() < 0.6 or w.endswith(".") else rng.choice(vocabulary) for w in text[:-1].split()]
        words = [w.replace(".", ",") if w[0].isdigit() else w for w in words]
        if roll < 0.08 and en:
            en[-1] = en[-1] + " " + " ".join(words) + "."  # merged into the previous one
        else:
            en.append(" ".join(words) + ".")
        if rng.random() < 0.04:
            en.append(" ".join(rng.choice(vocabulary) for _ in range(4)).title())  # added subhead
    for _ in range(max(1, n // 100)):  # a few moved paragraphs
        a, b = rng.randrange(len(en)), rng.randrange(len(en))
        en.insert(b, en.pop(a))
    return fr, en


def _baseline(fr: list[str], en: list[str]) -> float:
    """A plain Python pass that splits and counts the words of every paragraph: the yardstick (CPU seconds)."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        counts: dict[str, int] = {}
        for text in (*fr, *en):
            for word in text.lower().split():
                counts[word] = counts.get(word, 0) + 1
        best = min(best, time.process_time() - start)
    return max(best, 1e-6)


def _timed(fr: list[str], en: list[str], repeat: int, by_sentence: bool = True) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of `repeat` runs (CPU time is steadier on a busy machine)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        align(fr, en, by_sentence=by_sentence)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def _calibration() -> float:
    """CPU milliseconds of `sum(range(10**6))`: about 10-15 ms on an idle 2-core machine; scale figures by it."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        sum(range(10**6))
        best = min(best, time.process_time() - start)
    return best * 1000


def _peak_mb(fr: list[str], en: list[str]) -> float:
    tracemalloc.start()
    align(fr, en)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=10_000, help="largest document, in paragraphs")
    parser.add_argument(
        "--articles",
        type=Path,
        help="a folder of evaluation cases (JSON with `fr` and `en` paragraph lists) for the many-articles figure; "
        "default: 36 synthetic articles of 8 to 60 paragraphs",
    )
    parser.add_argument(
        "--hunalign",
        type=Path,
        help="a hunalign binary (github.com/danielvarga/hunalign, `make` in src/hunalign): the many-articles figure "
        "is then also set against `hunalign -batch` over the same articles (its process's CPU time), the C++ "
        "aligner of the literature",
    )
    parser.add_argument("--only-floors", action="store_true", help="print only the side-by-side figures")
    args = parser.parse_args()
    if args.only_floors:
        _side_by_side()
        _many_articles(args.articles, args.hunalign)
        return

    sample = ROOT / "tracker" / "samples" / "sochi-summit"
    from sources.text import read_text

    fr = list(read_text((sample / "fr.r2.txt").read_bytes(), "fr").texts)
    en = list(read_text((sample / "en.r1.txt").read_bytes(), "en").texts)
    print(f"calibration: sum(range(10**6)) {_calibration():.1f} ms CPU (about 10-15 ms on an idle machine)")
    wall, cpu = _timed(fr, en, 20)
    print(f"sochi sample {len(fr)}x{len(en)} paragraphs: {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU")
    fr30, en30 = synthetic_pair(30)
    wall, cpu = _timed(fr30, en30, 20)
    base = _baseline(fr30, en30)
    print(f"synthetic 30 paragraphs: {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU ({cpu / base:.0f}x baseline)")

    print(f"{'paragraphs':>10} {'wall ms':>9} {'CPU ms':>9} {'CPU us/para':>11} {'x baseline':>10} {'peak MB':>8}")
    previous: tuple[int, float] | None = None
    for n in (100, 300, 1000, 3000, 5000, 10_000):
        if n > args.max:
            break
        fr_n, en_n = synthetic_pair(n)
        wall, cpu = _timed(fr_n, en_n, 1 if n >= 3000 else 3)
        base = _baseline(fr_n, en_n)
        peak = _peak_mb(fr_n, en_n) if n <= 5000 else float("nan")
        growth = f"  CPU x{cpu / previous[1]:.1f} for size x{n / previous[0]:.1f}" if previous else ""
        print(
            f"{n:>10} {wall * 1000:>9.0f} {cpu * 1000:>9.0f} {cpu * 1e6 / n:>11.0f} {cpu / base:>10.0f} {peak:>8.0f}"
            + growth
        )
        previous = (n, cpu)
    _sentence_pass(min(args.max, 5000))
    _side_by_side()
    _many_articles(args.articles, args.hunalign)


def _many_articles(folder: Path | None, hunalign: Path | None = None, rounds: int = 9) -> None:
    """Every article of a set aligned in process against rapidfuzz `cdist` over each article's pairs (the floor),
    and against `hunalign -batch` over the same articles when given; interleaved rounds of the whole set, medians
    of CPU time."""
    import tempfile

    from rapidfuzz import fuzz, process

    if folder is not None:
        import json

        cases = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.json"))]
        articles = [(list(c["fr"]), list(c["en"])) for c in cases]
        what = f"{len(articles)} articles of {folder}"
    else:
        rng = random.Random(36)
        articles = [synthetic_pair(rng.randint(8, 60), seed=k) for k in range(36)]
        what = f"{len(articles)} synthetic articles"
    for fr, en in articles[:2]:
        align(fr, en)  # first-call costs every process pays once

    def ours() -> None:
        for fr, en in articles:
            align(fr, en)

    def ours_afresh() -> None:
        # as a process aligning these articles once would: no text's features kept from a previous round
        features._text_features.cache_clear()
        for fr, en in articles:
            align(fr, en)

    def floor() -> None:
        for fr, en in articles:
            process.cdist(fr, en, scorer=fuzz.ratio)

    with tempfile.TemporaryDirectory() as tmp:
        runs = [("ours", ours), ("afresh", ours_afresh), ("floor", floor)]
        if hunalign is not None:
            runs.append(("hunalign", _hunalign_batch(hunalign, articles, Path(tmp))))
        times: dict[str, list[float]] = {name: [] for name, _ in runs}
        for _ in range(rounds):
            for name, fn in runs:
                before = os.times()
                start = time.process_time()
                fn()
                after = os.times()
                child = after.children_user + after.children_system - before.children_user - before.children_system
                times[name].append((time.process_time() - start + child) * 1000)
    median = {name: statistics.median(values) for name, values in times.items()}
    mine = median["ours"]
    paragraphs = sum(len(fr) + len(en) for fr, en in articles)
    print(
        f"align, {what} ({paragraphs} paragraphs), in process: tracker {mine:.1f} ms CPU | floor (rapidfuzz cdist, "
        f"same pairs) {median['floor']:.1f} ms | ratio {mine / median['floor']:.1f}x (median of {rounds} interleaved "
        "rounds)"
    )
    afresh = median["afresh"]
    print(
        f"align, the same articles, each text's features read afresh: tracker {afresh:.1f} ms CPU | floor "
        f"{median['floor']:.1f} ms | ratio {afresh / median['floor']:.1f}x"
    )
    if hunalign is not None:
        print(
            f"align, the same articles: tracker {mine:.1f} ms CPU ({afresh:.1f} afresh) | hunalign -batch (a process, "
            f"empty dictionary) {median['hunalign']:.1f} ms | ratio {mine / median['hunalign']:.1f}x "
            f"({afresh / median['hunalign']:.1f}x afresh) (median of {rounds} interleaved rounds)"
        )


def _hunalign_batch(binary: Path, articles: list[tuple[list[str], list[str]]], folder: Path) -> Callable[[], None]:
    """A function running hunalign over every article in one `-batch` process (a paragraph a line, no dictionary:
    length and identical tokens, as the tracker's features are offline too)."""
    (folder / "null.dic").write_text("", encoding="utf-8")
    jobs = []
    for k, (fr, en) in enumerate(articles):
        for side, texts in (("fr", fr), ("en", en)):
            lines = (" ".join(t.split()) for t in texts)
            (folder / f"{k}.{side}").write_text("\n".join(lines) + "\n", encoding="utf-8")
        jobs.append(f"{folder / f'{k}.fr'}\t{folder / f'{k}.en'}\t{folder / f'{k}.out'}")
    (folder / "batch.txt").write_text("\n".join(jobs) + "\n", encoding="utf-8")
    command = [str(binary), "-batch", str(folder / "null.dic"), str(folder / "batch.txt")]

    def run() -> None:
        # in its folder: hunalign writes a translate.txt where it runs
        subprocess.run(command, check=True, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return run


def _side_by_side(rounds: int = 15) -> None:
    """align + diff of a 30-paragraph article against rapidfuzz `cdist` over the same pairs: the floor, since
    every aligner and diff must at least compare the paragraphs. Interleaved rounds; medians of CPU time."""
    from bench_diff import cold_diff, revise, revision
    from rapidfuzz import fuzz, process

    from tracker.diff import diff

    fr, en = synthetic_pair(30)
    rng = random.Random(7)
    old = revision(30, rng)
    new = revise(old, rng, 0.2)
    align(fr, en)
    diff(old[:3], new[:3])  # imports and first-call costs every process pays once

    def ours() -> None:
        align(fr, en)
        cold_diff(old, new)

    def floor() -> None:
        process.cdist(fr, en, scorer=fuzz.ratio)
        process.cdist(old, new, scorer=fuzz.ratio)

    def align_only() -> None:
        align(fr, en)

    def align_floor() -> None:
        process.cdist(fr, en, scorer=fuzz.ratio)

    runs = (("ours", ours), ("floor", floor), ("align", align_only), ("align floor", align_floor))
    times: dict[str, list[float]] = {name: [] for name, _ in runs}
    for _ in range(rounds):
        for name, fn in runs:
            start = time.process_time()
            fn()
            times[name].append((time.process_time() - start) * 1000)
    median = {name: statistics.median(values) for name, values in times.items()}
    for label, mine, base in (("align + diff", "ours", "floor"), ("align alone", "align", "align floor")):
        print(
            f"{label}, 30 paragraphs: tracker {median[mine]:.2f} ms CPU | floor (rapidfuzz cdist, same pairs) "
            f"{median[base]:.2f} ms | ratio {median[mine] / median[base]:.1f}x (median of {rounds} interleaved rounds)"
        )


def _sentence_pass(n: int) -> None:
    """The sentence pass's cost: paragraphs of one to four sentences, aligned with and without it."""
    fr_n, en_n = synthetic_pair(n, seed=11, sentences=4)
    _, without = _timed(fr_n, en_n, 1, by_sentence=False)
    _, with_it = _timed(fr_n, en_n, 1)
    print(
        f"{n} paragraphs of 1-4 sentences: paragraph pass {without * 1000:.0f} ms CPU, with the sentence pass "
        f"{with_it * 1000:.0f} ms CPU (x{with_it / without:.2f})"
    )


if __name__ == "__main__":
    main()
