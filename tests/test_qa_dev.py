"""Over the dev alignment set's gold 1-1 links (faithful human translations) the checks raise almost nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tracker.model import Link
from tracker.qa import QAConfig, check

# The dev set sits in `shared/eval` beside the checkout or beside the folder of worktrees that holds it.
_ROOT = Path(__file__).resolve().parents[1]
DEV = next(
    (p / "shared" / "eval" / "align" for p in _ROOT.parents if (p / "shared" / "eval" / "align").is_dir()),
    _ROOT.parent / "shared" / "eval" / "align",
)


def _cases() -> list[Path]:
    if not DEV.is_dir():
        reason = f"dev alignment set not found at {DEV}"
        print(reason)
        pytest.skip(reason)
    return sorted(DEV.glob("*.json"))


def test_gold_one_to_one_links_raise_under_one_finding_per_hundred_and_half_an_error_at_most() -> None:
    links_seen = 0
    found: Counter[str] = Counter()
    errors = 0
    # Coverage is story-wide: the dev set drops paragraphs on purpose, so only the per-link checks are counted.
    config = QAConfig(disabled=frozenset({"coverage"}))
    for path in _cases():
        case = json.loads(path.read_text("utf-8"))
        links = [Link(tuple(fr), tuple(en)) for fr, en in case["gold"] if len(fr) == 1 and len(en) == 1]
        links_seen += len(links)
        for finding in check(case["fr"], case["en"], links, config):
            found[finding.check] += 1
            errors += finding.severity == "error"
    rate = 100 * sum(found.values()) / links_seen
    print(f"{links_seen} links, {sum(found.values())} findings ({rate:.1f} per 100 links), {errors} errors: {found}")
    assert links_seen > 100
    assert rate < 1
    assert 100 * errors / links_seen <= 0.5  # the target for error-level false alarms on faithful translations
