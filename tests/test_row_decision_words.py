"""The details panel names each alignment decision in plain English: confirmed, relinked, unlinked, merged, split."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.model import Link, LinkDecision
from tracker.services.row_decisions import _on_row
from tracker.view import Row


@pytest.mark.parametrize(
    ("action", "words"),
    [("confirm", "link confirmed"), ("relink", "link relinked"), ("unlink", "link unlinked"),
     ("merge", "link merged"), ("split", "link split")],
)  # fmt: skip
def test_each_link_decision_reads_as_a_word(action: str, words: str) -> None:
    link = Link((0,), (0,))
    decision = LinkDecision("s", 1, 1, (link,), "bob", datetime(2026, 12, 2, tzinfo=UTC), action)
    (found,) = _on_row(Row(link, (), ()), set(), set(), (), (), (decision,), ())
    assert found.what == words
