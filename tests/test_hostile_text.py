"""Pathological text: huge numbers never crash the facts, and repeated or long runs cost near-linear work.

Work is bounded by counting operations where the cost lives in one function (each distinct fact is matched
once); elsewhere by a size at which a quadratic path would take hours, with an alarm as a safety net only.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tracker.facts import figures
from tracker.model import Link
from tracker.qa import QAConfig, check
from tracker.qa import match as qa_match
from tracker.segment import normalize, segment

LINK = (Link((0,), (0,), 1.0),)


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging if a path went quadratic: far above what the linear path takes, even loaded."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("pathological input took far longer than a linear pass")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(240)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _qa(fr: str, en: str) -> tuple[Any, ...]:
    return check([fr], [en], LINK, QAConfig())


@pytest.mark.parametrize("digits", [309, 400, 5000, 20000])
def test_a_number_too_large_for_a_float_is_no_crash(digits: int) -> None:
    huge = "9" * digits
    findings = _qa(f"Il a reçu {huge} euros et 3 millions.", f"He received {huge} euros and 3 million.")
    assert all(f.check != "numbers" or "3" not in f.message for f in findings)
    assert figures(f"{huge},5 %", "fr")  # decimal form too
    assert _qa(f"Un total de {huge}.", "A total.") is not None


def test_the_english_missing_a_normal_figure_beside_a_huge_one_is_still_found() -> None:
    huge = "1" * 400
    findings = _qa(f"Il a reçu {huge} euros et 3 millions.", f"He received {huge} euros.")
    assert any(f.check == "numbers" and "3 millions" in f.message for f in findings)


def test_a_million_trailing_spaces_inside_a_line_normalise_in_one_pass(alarm: None) -> None:
    text = "a" + " " * 1_000_000 + "b  \t\nc  \n"
    assert normalize(text) == "a" + " " * 1_000_000 + "b\nc\n"
    assert segment(text).texts == ("a" + " " * 1_000_000 + "b", "c")


def test_one_long_run_of_thousands_groups_is_checked(alarm: None) -> None:
    # 100k groups: the old per-group rescan was quadratic (31 KB took 14 s), then int() refused the digits
    _qa("Il y a 1" + " 000" * 100_000 + " personnes et 5 chats.", "There are 1" + ",000" * 100_000 + " people.")


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls = [0]
    real: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.parametrize(
    ("fr", "en", "repeat"),
    [("À 14h30, ", "At 3 pm, ", 8000), ("Le 31 octobre, ", "On November 30, ", 8000)],
    ids=["times", "days"],
)
def test_a_date_repeated_thousands_of_times_indexes_the_other_side_once(
    monkeypatch: pytest.MonkeyPatch, fr: str, en: str, repeat: int
) -> None:
    indexed = _counting(monkeypatch, qa_match, "_date_index")
    pooled = _counting(monkeypatch, qa_match, "_pool")
    findings = _qa(fr * repeat, en * repeat)
    assert any(f.check == "dates" for f in findings)  # unmatched on purpose: the worst case for a scan per date
    assert indexed[0] <= 4 and pooled[0] <= 8, (indexed, pooled)


def test_a_figure_repeated_a_thousand_times_is_matched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch, qa_match, "figure_matched")
    findings = _qa("5 % 6 km 7 € " * 1000, "8% 9 miles €1 " * 1000)
    assert any(f.check == "numbers" for f in findings)
    assert calls[0] <= 20, f"figure_matched ran {calls[0]} times for 1,000 repetitions of three figures"


def test_many_dates_in_one_paragraph_mark_their_figures_in_one_pass(alarm: None) -> None:
    # each figure used to be tested against every date span: 40k x 40k
    text = "À 14h30 le 31 octobre, " * 20_000
    found = figures(text, "fr")
    assert found and not any(f.claim for f in found)
