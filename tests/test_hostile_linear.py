"""Linear time on generated pathological text, measured without a clock: the work of segment, QA's figure, date
and time facts, and align on moved paragraphs is counted (Python lines and calls executed, C functions called)
at sizes n, 2n, 4n, 8n of a Hypothesis-drawn input.

The growth from 4n to 8n is compared with the growth from n to 2n, so fixed costs (tables loaded, lazy imports)
cancel out: a linear path grows 4 times as much, n log n a little more, a quadratic one 16 times. Where the first
doubling is uneven (an aligner's anchors fall differently at its smallest size), the growth from 2n to 4n stands
in: a linear path then grows twice as much from 4n to 8n, a quadratic one 4 times. Counting is
deterministic, so a busy machine changes nothing. Work inside one C call (a regex's own backtracking) is not
counted; tests/test_hostile_text.py bounds that at sizes where a quadratic path would take hours.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.align import align
from tracker.align.dp import FULL_GRID
from tracker.model import Link
from tracker.qa import QAConfig, check
from tracker.segment import segment

# linear grows 4x from (n -> 2n) to (4n -> 8n); n log n up to ~5x here; quadratic 16x
GROWTH_BOUND = 8
# and from (2n -> 4n) to (4n -> 8n): linear 2x, n log n up to ~2.5x, quadratic 4x
NEXT_GROWTH_BOUND = 3
PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clear_caches() -> None:
    """Forget the facts memoised per text, so each size counts its own work, not a cache hit."""
    from tracker.facts import dates, figures, names, quotes

    for cached in (dates, figures, names, quotes):
        cached.cache_clear()


def work(run: Callable[[], Any], skip: str | None = None) -> int:
    """Operations `run` executes: Python lines, calls and returns, and calls of C functions; none of those made
    in the code of files whose path contains `skip` (a part whose own growth is tested on its own)."""
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if skip is not None and skip in frame.f_code.co_filename:
            return None
        count += 1
        return tracer

    def profiler(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "c_call" and (skip is None or skip not in frame.f_code.co_filename):
            count += 1

    _clear_caches()
    previous_trace, previous_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(tracer)
    sys.setprofile(profiler)
    try:
        run()
    finally:
        sys.settrace(previous_trace)
        sys.setprofile(previous_profile)
    return count


def assert_linear(cost: Callable[[int], Callable[[], Any]], n: int, skip: str | None = None) -> None:
    """`cost(m)` makes the run at size m; its work grows linearly in m (see the module docstring)."""
    cost(n)()  # warm: whatever is loaded once is loaded before counting
    c1, c2, c4, c8 = (work(cost(n * m), skip) for m in (1, 2, 4, 8))
    small, middle, large = c2 - c1, c4 - c2, c8 - c4
    assert large <= GROWTH_BOUND * max(small, c1 // 10, 1) or large <= NEXT_GROWTH_BOUND * max(middle, 1), (
        f"work at n, 2n, 4n, 8n = {c1}, {c2}, {c4}, {c8}: grew {large / max(small, 1):.1f}x and "
        f"{large / max(middle, 1):.1f}x where linear grows 4x and 2x"
    )


# ---------------------------------------------------------------- segment: runs of spaces, blank lines, labels

BITS = [" ", "\t", "\u00a0", "\u202f", " " * 64, "\t \t", "\n", "\n\n", "\n \n", "\r\n", "a", "é", "Le sommet.",
        "Première modification:", "« ", " »", "x" * 30]  # fmt: skip
units = st.lists(st.sampled_from(BITS), min_size=1, max_size=24).map("".join).filter(lambda u: u.strip() != "")


@PROPERTY
@given(units)
def test_segment_is_linear_on_runs_of_spaces_and_lines(unit: str) -> None:
    assert_linear(lambda m: lambda: segment("Le sommet. " + unit * m + "\n"), 20)


@PROPERTY
@given(units)
def test_a_run_inside_one_line_is_linear(unit: str) -> None:
    flat = unit.replace("\n", " ").replace("\r", " ")
    assert_linear(lambda m: lambda: segment("a" + flat * m + "b   \n"), 20)


# ---------------------------------------------------------------- QA: figures, dates and times, repeated

FACTS = [
    ("1 000 000", "1,000,000"), ("1 000 000", "1,000"), ("6.500", "6,500"), ("6 500", "6,500"), ("1,5", "1.5"),
    ("5 %", "5%"), ("6 km", "6 km"), ("7 €", "€7"), ("3 millions d'euros", "3 million euros"), ("8 M€", "$8m"),
    ("14h30", "2:30 pm"), ("14h30", "3 pm"), ("31 octobre", "October 31"), ("31 octobre", "November 30"),
    ("le 1er mai 2026", "on May 1, 2026"), ("années 1990", "1990s"), ("huit mois", "eight months"),
    ("9" * 40, "9" * 40), ("1" + " 000" * 12, "1" + ",000" * 12),
]  # fmt: skip
facts = st.lists(st.sampled_from(FACTS), min_size=1, max_size=6)
keep = st.lists(st.booleans(), min_size=6, max_size=6)


def _sides(drawn: list[tuple[str, str]], kept: list[bool]) -> tuple[str, str]:
    """A French unit of facts and its English, some figures left out of it (unmatched: the worst case)."""
    fr = " et ".join(f for f, _ in drawn) + ", "
    en = " and ".join(e for (_, e), k in zip(drawn, kept, strict=False) if k) + ", "
    return fr, en


@PROPERTY
@given(facts, keep)
def test_qa_is_linear_on_facts_repeated_in_one_paragraph(drawn: list[tuple[str, str]], kept: list[bool]) -> None:
    fr, en = _sides(drawn, kept)
    link = [Link((0,), (0,), 1.0)]
    assert_linear(lambda m: lambda: check([fr * m], [en * m], link, QAConfig()), 8)


@PROPERTY
@given(facts, keep)
def test_qa_is_linear_on_facts_in_many_sentences(drawn: list[tuple[str, str]], kept: list[bool]) -> None:
    # each French sentence asks whether the English kept it (its other facts, else the lengths)
    fr, en = _sides(drawn, kept)
    fr, en = f"Le ministre annonce {fr.rstrip(', ')}. ", f"The minister announces {en.rstrip(', ')}. "
    link = [Link((0,), (0,), 1.0)]
    # QA's own work: the sentence aligner it calls scores the whole grid up to FULL_GRID sentences on purpose
    # (8 to 64 here), and its growth beyond is tested below, with every paragraph moved
    run = lambda m: lambda: check([fr * m], [en * (m // 2)], link, QAConfig())  # noqa: E731
    assert_linear(run, 8, skip="/tracker/align/")


def test_qa_is_linear_on_many_sentences_past_the_full_grid() -> None:
    # 48 to 384 sentences, past the aligner's full grid: a figure is looked for in nearby sentences only, and
    # each sentence's place is found by bisection (a scan per figure grew 11x here where linear grows 4x)
    fr, en = _sides(FACTS[13:14] + FACTS[8:9] + FACTS[18:19], [True] * 5 + [False])
    fr, en = f"Le ministre annonce {fr.rstrip(', ')}. ", f"The minister announces {en.rstrip(', ')}. "
    link = [Link((0,), (0,), 1.0)]
    run = lambda m: lambda: check([fr * m], [en * (m // 2)], link, QAConfig())  # noqa: E731
    assert_linear(run, 48, skip="/tracker/align/")


@PROPERTY
@given(facts, keep)
def test_qa_is_linear_on_facts_over_many_paragraphs(drawn: list[tuple[str, str]], kept: list[bool]) -> None:
    fr, en = _sides(drawn, kept)

    def run(m: int) -> Callable[[], Any]:
        links = [Link((i,), (i,), 1.0) for i in range(m)]
        return lambda: check([f"{i}. {fr}" for i in range(m)], [f"{i}. {en}" for i in range(m)], links, QAConfig())

    assert_linear(run, 4)


# ---------------------------------------------------------------- align: every paragraph moved

WORDS = ["sommet", "Sotchi", "Poutine", "Pachinian", "accord", "frontière", "ministre", "budget", "Erevan", "Bakou"]
ENGLISH = {"sommet": "summit", "Sotchi": "Sochi", "Poutine": "Putin", "accord": "agreement", "frontière": "border",
           "ministre": "minister", "Bakou": "Baku", "Erevan": "Yerevan"}  # fmt: skip


def _moved(m: int, seed: int, shape: str) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    fr, en = [], []
    for i in range(m):
        chosen = rng.sample(WORDS, 3)
        fr.append(f"Le {chosen[0]} numéro {i * 7} de {chosen[1]} avec {chosen[2]} et {i + 3} habitants.")
        en.append(f"The {ENGLISH.get(chosen[0], chosen[0])} number {i * 7} of {ENGLISH.get(chosen[1], chosen[1])} "
                  f"with {ENGLISH.get(chosen[2], chosen[2])} and {i + 3} people.")  # fmt: skip
    order = list(range(m))
    if shape == "reversed":
        order.reverse()
    elif shape == "rotated":
        order = order[m // 2 :] + order[: m // 2]
    elif shape == "pairs swapped":
        order = [i ^ 1 if i ^ 1 < m else i for i in order]
    else:
        rng.shuffle(order)
    return fr, [en[i] for i in order]


@settings(PROPERTY, max_examples=3)  # each example aligns 90 to 720 paragraphs under the counter: ~10 s
@given(st.integers(0, 2**16), st.sampled_from(["reversed", "rotated", "pairs swapped", "shuffled"]))
def test_align_is_linear_when_every_paragraph_moved(seed: int, shape: str) -> None:
    def run(m: int) -> Callable[[], Any]:
        fr, en = _moved(m, seed, shape)
        return lambda: align(fr, en)

    # from 90 paragraphs: up to FULL_GRID (80) the aligner scores the whole grid on purpose, a bounded cost
    assert FULL_GRID < 90
    assert_linear(run, 90)
