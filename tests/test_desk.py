"""The Desk the terminal UI drives: change detection, edits bound to revisions, decisions as the acting user."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.errors import ConflictError, RefusedError
from tracker.services.desk import Desk
from tracker.services.seed import SAMPLE_SLUG, seed_sample
from tracker.storage import Store

T = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def desk(store: Store) -> Desk:
    seed_sample(store)
    return Desk(store, "tina", clock=lambda: T)


def test_the_change_token_moves_on_every_write_and_only_then(desk: Desk) -> None:
    token = desk.change_token()
    desk.view(SAMPLE_SLUG)
    assert not desk.changed_since(token)
    desk.ack(SAMPLE_SLUG, 5, "no-change", "checked", fr_rev=3)
    assert desk.changed_since(token)


def test_editing_english_saves_a_revision_based_on_the_french_shown(desk: Desk) -> None:
    revision = desk.save_english(SAMPLE_SLUG, (6,), "New text.\n\nA second paragraph.", fr_rev=3, expected_en_rev=2)
    assert (revision.number, revision.based_on, revision.author) == (3, 3, "tina")
    assert revision.texts[6:8] == ("New text.", "A second paragraph.")
    with pytest.raises(ConflictError):
        desk.save_english(SAMPLE_SLUG, (0,), "Late.", fr_rev=3, expected_en_rev=2)


def test_inserting_a_translation_links_it_to_its_french(desk: Desk) -> None:
    desk.ack(SAMPLE_SLUG, 6, "omitted", "", fr_rev=3)  # irrelevant to the insertion itself
    revision = desk.save_english(SAMPLE_SLUG, (), "Armenia is a CSTO member.", fr_rev=3, expected_en_rev=2, fr=(6,))
    view = desk.view(SAMPLE_SLUG)
    row = next(r for r in view.rows if 6 in r.link.fr)
    assert [p.text for p in row.en] == ["Armenia is a CSTO member."]
    assert row.link.confirmed and view.en is not None and view.en.number == revision.number


def test_bad_corrections_are_refused_in_one_sentence(desk: Desk) -> None:
    with pytest.raises(RefusedError, match="relink needs paragraphs on both sides"):
        desk.relink(SAMPLE_SLUG, (1,), (), fr_rev=3, en_rev=2)
    with pytest.raises(RefusedError, match="not contiguous"):
        desk.save_english(SAMPLE_SLUG, (1, 3), "x", fr_rev=3, expected_en_rev=2)
