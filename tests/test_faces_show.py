"""`tracker show --side-by-side` and `--plain` print the aligned story as the TUI shows it: rows, flags, French diff."""

from __future__ import annotations

import pytest

from tracker.cli import main
from tracker.services.seed import seed_sample
from tracker.storage import open_store


@pytest.fixture
def url(sqlite_url: str) -> str:
    with open_store(sqlite_url) as store:
        seed_sample(store)
    return sqlite_url


def shown(url: str, capsys: pytest.CaptureFixture[str], *how: str) -> str:
    assert main(["--db", url, "show", "sochi-summit", *how]) == 0
    return capsys.readouterr().out


def test_side_by_side_puts_each_french_paragraph_beside_its_english(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = shown(url, capsys, "--side-by-side", "--width", "120")
    row = next(line for line in out.splitlines() if "1 L’Arménie" in line)
    left, right = row.split(" │ ")
    assert left.strip().startswith("1 L’Arménie") and right.startswith("1 Armenia and Azerbaijan")
    assert all(len(line) <= 120 for line in out.splitlines())
    assert "approval: none" in out.splitlines()[2]


def test_a_stale_row_shows_its_letter_its_reason_and_the_french_diff(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = shown(url, capsys, "--side-by-side", "--width", "160")
    lines = out.splitlines()
    stale = next(n for n, line in enumerate(lines) if line.startswith("S ") and "│" in line)
    block = "\n".join(lines[stale : stale + 12])
    assert "{+, selon les" in block  # the French words inserted since the English was written
    assert "↳ stale" in block


def test_plain_reads_row_after_row_without_columns(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = shown(url, capsys, "--plain")
    assert "│" not in out
    assert "Row 3: French 1, English 1." in out
    assert "  Flag: stale" in out


def test_show_without_a_language_or_a_layout_is_a_usage_error(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", url, "show", "sochi-summit"]) == 2
